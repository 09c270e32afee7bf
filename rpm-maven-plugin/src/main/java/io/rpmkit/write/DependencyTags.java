package io.rpmkit.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.Flags;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.spec.Architectures;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Features;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.RpmFeature;
import io.rpmkit.spec.Scriptlet;

/**
 * The dependency lists of the main header: the package's own provides, what the user declared, and
 * what rpmbuild would add (script interpreters, config(), the scriptlets' interpreters, rpmlib()).
 */
final class DependencyTags {
    private static final int RPMLIB_NEEDS = Flags.SENSE_RPMLIB | Comparison.LESS_OR_EQUAL.senseBits();

    private final PackageSpec spec;
    private final PayloadResult payload;

    DependencyTags(PackageSpec spec, PayloadResult payload) {
        this.spec = spec;
        this.payload = payload;
    }

    /** Every dependency list of the package, each as its three parallel tags. */
    void putInto(HeaderBuilder header) {
        Map<DependencyKind, Set<Dependency>> byKind = new LinkedHashMap<>();
        for (DependencyKind kind : DependencyKind.values()) {
            byKind.put(kind, new LinkedHashSet<>());
        }
        byKind.get(DependencyKind.PROVIDES)
                .add(Dependency.of(DependencyKind.PROVIDES, spec.name(), Comparison.EQUAL, spec.evr()));
        String isa = Architectures.isaSuffix(spec.arch());
        if (isa != null) {
            byKind.get(DependencyKind.PROVIDES)
                    .add(Dependency.of(DependencyKind.PROVIDES, spec.name() + isa, Comparison.EQUAL, spec.evr()));
        }
        for (Dependency dependency : spec.dependencies()) {
            byKind.get(dependency.kind()).add(dependency);
        }
        boolean configFiles = spec.autoDependencies() && spec.entries().stream().anyMatch(e -> e.is(FileFlag.CONFIG));
        for (DependencyKind kind : DependencyKind.values()) {
            List<String> names = new ArrayList<>();
            List<Integer> flags = new ArrayList<>();
            List<String> versions = new ArrayList<>();
            for (Dependency dependency : byKind.get(kind)) {
                names.add(dependency.name());
                flags.add(dependency.senseFlags());
                versions.add(dependency.version());
            }
            if (kind == DependencyKind.PROVIDES && configFiles) {
                addConfigDependency(names, flags, versions);
            }
            if (kind == DependencyKind.REQUIRES) {
                if (spec.autoDependencies()) {
                    addScriptRequires(names, flags, versions);
                }
                if (configFiles) {
                    addConfigDependency(names, flags, versions);
                }
                for (String owner : OwnerRequires.names(spec)) {
                    names.add(owner);
                    flags.add(OwnerRequires.FLAGS);
                    versions.add("");
                }
                addInterpreterRequires(names, flags, versions);
                addRpmlibRequires(names, flags, versions);
            }
            if (!names.isEmpty()) {
                header.strings(kind.nameTag(), names)
                        .int32(kind.flagsTag(), flags.stream().mapToInt(Integer::intValue).toArray())
                        .strings(kind.versionTag(), versions);
            }
        }
    }

    /**
     * rpmbuild's script dependency generator (script.req): each executable script requires the
     * interpreter its {@code #!} line names, marked as found by the generator.
     */
    private void addScriptRequires(List<String> names, List<Integer> flags, List<String> versions) {
        for (String interpreter : payload.scriptInterpreters()) {
            names.add(interpreter);
            flags.add(Flags.SENSE_FIND_REQUIRES);
            versions.add("");
        }
    }

    /**
     * rpmbuild's habit for a package with config files: it provides and requires {@code config(NAME) =
     * EVR}, so that another version's config files are not mixed in (build/files.c).
     */
    private void addConfigDependency(List<String> names, List<Integer> flags, List<String> versions) {
        names.add("config(" + spec.name() + ")");
        flags.add(Flags.SENSE_CONFIG | Comparison.EQUAL.senseBits());
        versions.add(spec.evr());
    }

    /** rpmbuild's habit: each scriptlet requires its interpreter in the scriptlet's own context. */
    private void addInterpreterRequires(List<String> names, List<Integer> flags, List<String> versions) {
        for (Scriptlet scriptlet : spec.scriptlets()) {
            names.add(scriptlet.interpreter());
            flags.add(Flags.SENSE_INTERP | scriptlet.phase().context().senseBit());
            versions.add("");
        }
    }

    /** Only the rpmlib() features this package uses, each with the rpm version that introduced it. */
    private void addRpmlibRequires(List<String> names, List<Integer> flags, List<String> versions) {
        Map<String, String> features = new LinkedHashMap<>();
        if (!payload.entries().isEmpty()) {
            features.put("rpmlib(CompressedFileNames)", "3.0.4-1");
            features.put("rpmlib(FileDigests)", "4.6.0-1");
            features.put("rpmlib(PayloadFilesHavePrefix)", "4.0-1");
        }
        for (RpmFeature feature : Features.used(spec, payload.largestFileSize())) {
            if (feature.rpmlibName() != null) {
                features.put(feature.rpmlibName(), feature.rpmlibVersion());
            }
        }
        features.forEach((feature, since) -> {
            names.add(feature);
            flags.add(RPMLIB_NEEDS);
            versions.add(since);
        });
    }
}

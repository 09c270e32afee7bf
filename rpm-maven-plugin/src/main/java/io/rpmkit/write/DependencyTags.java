package io.rpmkit.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.Flags;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.RpmTag;
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
    /** rpmdsD of a requirement, the kind's letter in DEPENDSDICT. */
    private static final int REQUIRES_LETTER = 'R';

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
            if (spec.rpmFormat().isV6()) {
                sortAsRpmbuild(names, flags, versions);
                if (kind == DependencyKind.REQUIRES && spec.autoDependencies()) {
                    putFileDependencies(header, names, flags, versions);
                }
            }
            if (!names.isEmpty()) {
                header.strings(kind.nameTag(), names)
                        .int32(kind.flagsTag(), flags.stream().mapToInt(Integer::intValue).toArray())
                        .strings(kind.versionTag(), versions);
            }
        }
    }

    /**
     * rpmbuild's record of which file caused which generated requirement (rpmfc.cc, rpmfcApply): for
     * each file in order, its script interpreters as indexes into the final, sorted requires.
     */
    private void putFileDependencies(HeaderBuilder header, List<String> names, List<Integer> flags,
            List<String> versions) {
        int count = payload.entries().size();
        int[] starts = new int[count];
        int[] counts = new int[count];
        List<Integer> dictionary = new ArrayList<>();
        for (int file = 0; file < count; file++) {
            for (String interpreter : payload.fileInterpreters().get(file)) {
                int index = indexOf(names, flags, versions, interpreter);
                if (counts[file] == 0) {
                    starts[file] = dictionary.size();
                }
                dictionary.add(REQUIRES_LETTER << 24 | index);
                counts[file]++;
            }
        }
        if (!dictionary.isEmpty()) {
            header.int32(RpmTag.DEPENDSDICT, dictionary.stream().mapToInt(Integer::intValue).toArray())
                    .int32(RpmTag.FILEDEPENDSX, starts)
                    .int32(RpmTag.FILEDEPENDSN, counts);
        }
    }

    private static int indexOf(List<String> names, List<Integer> flags, List<String> versions, String interpreter) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(interpreter) && flags.get(i) == Flags.SENSE_FIND_REQUIRES
                    && versions.get(i).isEmpty()) {
                return i;
            }
        }
        throw new IllegalStateException(interpreter + " is not among the requires it was added to");
    }

    /**
     * rpmbuild keeps each list sorted, by name, then version (both as C strings), then flags, and
     * stores an entry equal in all three once (lib/rpmds.cc, rpmdsMerge).
     */
    private static void sortAsRpmbuild(List<String> names, List<Integer> flags, List<String> versions) {
        record Item(byte[] name, byte[] version, int flags, String nameText, String versionText) {
        }
        Comparator<Item> order = Comparator.comparing(Item::name, Arrays::compareUnsigned)
                .thenComparing(Item::version, Arrays::compareUnsigned).thenComparingInt(Item::flags);
        Set<Item> sorted = new TreeSet<>(order);
        for (int i = 0; i < names.size(); i++) {
            sorted.add(new Item(names.get(i).getBytes(StandardCharsets.UTF_8),
                    versions.get(i).getBytes(StandardCharsets.UTF_8), flags.get(i), names.get(i), versions.get(i)));
        }
        names.clear();
        flags.clear();
        versions.clear();
        for (Item item : sorted) {
            names.add(item.nameText());
            flags.add(item.flags());
            versions.add(item.versionText());
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

    /**
     * rpmbuild's habit: each scriptlet requires its interpreter in the scriptlet's own context, and each
     * trigger its interpreter with no context, once per interpreter (build/parseScript.cc).
     */
    private void addInterpreterRequires(List<String> names, List<Integer> flags, List<String> versions) {
        for (Scriptlet scriptlet : spec.scriptlets()) {
            names.add(scriptlet.interpreter());
            flags.add(Flags.SENSE_INTERP | scriptlet.phase().context().senseBit());
            versions.add("");
        }
        Set<String> triggerInterpreters = new LinkedHashSet<>();
        spec.triggers().forEach(t -> triggerInterpreters.add(t.interpreter()));
        for (String interpreter : triggerInterpreters) {
            names.add(interpreter);
            flags.add(Flags.SENSE_INTERP);
            versions.add("");
        }
    }

    /**
     * Only the rpmlib() features this package uses, each with the rpm version that introduced it. rpm 6
     * no longer adds the three every package of its time has (build/files.cc), and a v6 package's
     * LONGFILESIZES and stripped archive are rpmlib(LargeFiles).
     */
    private void addRpmlibRequires(List<String> names, List<Integer> flags, List<String> versions) {
        Map<String, String> features = new LinkedHashMap<>();
        if (!payload.entries().isEmpty() && spec.rpmFormat().isV6()) {
            features.put(RpmFeature.LARGE_FILES.rpmlibName(), RpmFeature.LARGE_FILES.rpmlibVersion());
        } else if (!payload.entries().isEmpty()) {
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

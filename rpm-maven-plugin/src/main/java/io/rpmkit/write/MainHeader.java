package io.rpmkit.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.Digests;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.Flags;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Architectures;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.Features;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.RpmFeature;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.Trigger;

/** Assembles the main header from a validated spec and what writing its payload found out. */
final class MainHeader {
    private static final int RPMLIB_NEEDS = Flags.SENSE_RPMLIB | Comparison.LESS_OR_EQUAL.senseBits();

    private final PackageSpec spec;
    private final PayloadResult payload;
    private final HeaderBuilder header = HeaderBuilder.mainHeader();

    private MainHeader(PackageSpec spec, PayloadResult payload) {
        this.spec = spec;
        this.payload = payload;
    }

    static byte[] encode(PackageSpec spec, PayloadResult payload) {
        return new MainHeader(spec, payload).build().encode();
    }

    private HeaderBuilder build() {
        header.strings(RpmTag.HEADERI18NTABLE, List.of("C"));
        putMetadata();
        putFiles();
        putDependencies();
        putScriptlets();
        putTriggers();
        putChangelog();
        putPayload();
        return header;
    }

    private void putMetadata() {
        header.string(RpmTag.NAME, spec.name())
                .string(RpmTag.VERSION, spec.version())
                .string(RpmTag.RELEASE, spec.release());
        if (spec.epoch() != null) {
            header.int32(RpmTag.EPOCH, spec.epoch());
        }
        header.string(RpmTag.SUMMARY, spec.summary())
                .string(RpmTag.DESCRIPTION, spec.description())
                .int32(RpmTag.BUILDTIME, seconds(spec.buildTime()))
                .string(RpmTag.BUILDHOST, spec.buildHost())
                .string(RpmTag.LICENSE, spec.license())
                .string(RpmTag.GROUP, spec.group())
                .string(RpmTag.OS, spec.os())
                .string(RpmTag.ARCH, spec.arch())
                .string(RpmTag.SOURCERPM, spec.name() + "-" + spec.version() + "-" + spec.release() + ".src.rpm")
                .string(RpmTag.ENCODING, "utf-8");
        putIfSet(RpmTag.VENDOR, spec.vendor());
        putIfSet(RpmTag.PACKAGER, spec.packager());
        putIfSet(RpmTag.URL, spec.url());
        long installedSize = 0;
        for (long size : payload.fileSizes()) {
            installedSize += size;
        }
        if (installedSize > RpmLimits.MAX_UINT32) {
            header.int64(RpmTag.LONGSIZE, installedSize);
        } else {
            header.int32(RpmTag.SIZE, (int) installedSize);
        }
    }

    private void putFiles() {
        List<Entry> entries = payload.entries();
        if (entries.isEmpty()) {
            return;
        }
        int count = entries.size();
        short[] modes = new short[count];
        int[] mtimes = new int[count];
        int[] flags = new int[count];
        int[] verify = new int[count];
        int[] devices = new int[count];
        int[] inodes = new int[count];
        int[] dirIndexes = new int[count];
        List<String> linkTargets = new ArrayList<>(count);
        List<String> users = new ArrayList<>(count);
        List<String> groups = new ArrayList<>(count);
        List<String> langs = new ArrayList<>(count);
        List<String> baseNames = new ArrayList<>(count);
        Map<String, Integer> dirNames = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Entry entry = entries.get(i);
            modes[i] = (short) entry.fileMode();
            mtimes[i] = seconds(spec.buildTime());
            flags[i] = entry.flags().stream().mapToInt(FileFlag::bit).reduce(0, (a, b) -> a | b);
            verify[i] = entry.verify() == null ? VerifyFlag.ALL
                    : entry.verify().stream().mapToInt(VerifyFlag::bit).reduce(0, (a, b) -> a | b);
            devices[i] = 1;
            inodes[i] = PayloadResult.inode(i);
            int slash = entry.path().lastIndexOf('/');
            dirIndexes[i] = dirNames.computeIfAbsent(entry.path().substring(0, slash + 1), d -> dirNames.size());
            baseNames.add(entry.path().substring(slash + 1));
            linkTargets.add(entry.linkTarget() == null ? "" : entry.linkTarget());
            users.add(entry.user());
            groups.add(entry.group());
            langs.add("");
        }
        if (anyOver32Bits(payload.fileSizes())) {
            header.int64(RpmTag.LONGFILESIZES, payload.fileSizes());
        } else {
            int[] sizes = new int[count];
            for (int i = 0; i < count; i++) {
                sizes[i] = (int) payload.fileSizes()[i];
            }
            header.int32(RpmTag.FILESIZES, sizes);
        }
        header.int16(RpmTag.FILEMODES, modes)
                .int16(RpmTag.FILERDEVS, new short[count])
                .int32(RpmTag.FILEMTIMES, mtimes)
                .strings(RpmTag.FILEDIGESTS, payload.fileDigests())
                .strings(RpmTag.FILELINKTOS, linkTargets)
                .int32(RpmTag.FILEFLAGS, flags)
                .strings(RpmTag.FILEUSERNAME, users)
                .strings(RpmTag.FILEGROUPNAME, groups)
                .int32(RpmTag.FILEVERIFYFLAGS, verify)
                .int32(RpmTag.FILEDEVICES, devices)
                .int32(RpmTag.FILEINODES, inodes)
                .strings(RpmTag.FILELANGS, langs)
                .int32(RpmTag.DIRINDEXES, dirIndexes)
                .strings(RpmTag.BASENAMES, baseNames)
                .strings(RpmTag.DIRNAMES, List.copyOf(dirNames.keySet()))
                .int32(RpmTag.FILEDIGESTALGO, Digests.SHA256_ALGO);
    }

    private void putDependencies() {
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

    private void putScriptlets() {
        for (Scriptlet scriptlet : spec.scriptlets()) {
            header.string(scriptlet.phase().scriptTag(), scriptlet.body())
                    .string(scriptlet.phase().interpreterTag(), scriptlet.interpreter());
        }
    }

    private void putTriggers() {
        if (spec.triggers().isEmpty()) {
            return;
        }
        List<String> scripts = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int index = 0; index < spec.triggers().size(); index++) {
            Trigger trigger = spec.triggers().get(index);
            scripts.add(trigger.body());
            programs.add(trigger.interpreter());
            for (Dependency condition : trigger.packages()) {
                names.add(condition.name());
                versions.add(condition.version());
                flags.add(condition.comparison().senseBits() | trigger.kind().senseBit());
                indexes.add(index);
            }
        }
        header.strings(RpmTag.TRIGGERSCRIPTS, scripts)
                .strings(RpmTag.TRIGGERSCRIPTPROG, programs)
                .strings(RpmTag.TRIGGERNAME, names)
                .strings(RpmTag.TRIGGERVERSION, versions)
                .int32(RpmTag.TRIGGERFLAGS, flags.stream().mapToInt(Integer::intValue).toArray())
                .int32(RpmTag.TRIGGERINDEX, indexes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** rpm lists the newest entry first. */
    private void putChangelog() {
        if (spec.changelog().isEmpty()) {
            return;
        }
        List<ChangelogEntry> newestFirst = new ArrayList<>(spec.changelog());
        newestFirst.sort((a, b) -> b.time().compareTo(a.time()));
        header.int32(RpmTag.CHANGELOGTIME, newestFirst.stream().mapToInt(e -> seconds(e.time())).toArray())
                .strings(RpmTag.CHANGELOGNAME, newestFirst.stream().map(ChangelogEntry::author).toList())
                .strings(RpmTag.CHANGELOGTEXT, newestFirst.stream().map(ChangelogEntry::text).toList());
    }

    private void putPayload() {
        header.string(RpmTag.PAYLOADFORMAT, "cpio");
        spec.compression().rpmName().ifPresent(compressor -> header.string(RpmTag.PAYLOADCOMPRESSOR, compressor)
                .string(RpmTag.PAYLOADFLAGS, String.valueOf(spec.compressionLevel())));
        header.strings(RpmTag.PAYLOADDIGEST, List.of(payload.compressedDigest()))
                .int32(RpmTag.PAYLOADDIGESTALGO, Digests.SHA256_ALGO)
                .strings(RpmTag.PAYLOADDIGESTALT, List.of(payload.uncompressedDigest()));
    }

    private void putIfSet(RpmTag tag, String value) {
        if (value != null && !value.isBlank()) {
            header.string(tag, value);
        }
    }

    private static boolean anyOver32Bits(long[] sizes) {
        for (long size : sizes) {
            if (size > RpmLimits.MAX_UINT32) {
                return true;
            }
        }
        return false;
    }

    /** rpm stores times as unsigned 32-bit seconds; validation keeps them in range. */
    private static int seconds(Instant time) {
        return (int) time.getEpochSecond();
    }
}

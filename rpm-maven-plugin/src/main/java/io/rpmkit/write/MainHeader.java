package io.rpmkit.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rpmkit.format.Digests;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.TriggerTags;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.FileCapabilities;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.Trigger;

/** Assembles the main header from a validated spec and what writing its payload found out. */
final class MainHeader {

    private final PackageSpec spec;
    private final PayloadResult payload;
    private final FileColumns files;
    private final HeaderBuilder header = HeaderBuilder.mainHeader();
    private final boolean v6;

    private MainHeader(PackageSpec spec, PayloadResult payload, FileColumns files) {
        this.spec = spec;
        this.payload = payload;
        this.files = files;
        this.v6 = spec.rpmFormat().isV6();
    }

    /** @param files {@link #fileColumns} of the payload's entries */
    static byte[] encode(PackageSpec spec, PayloadResult payload, FileColumns files) {
        return new MainHeader(spec, payload, files).build().encode();
    }

    /** The length {@link #encode} gives, without encoding. */
    static int encodedLength(PackageSpec spec, PayloadResult payload, FileColumns files) {
        return new MainHeader(spec, payload, files).build().encodedLength();
    }

    /**
     * The file tags that the entries alone decide, made once for the header's prediction and its
     * encoding: for 50,000 files, a base name and five list slots each that were made twice.
     */
    record FileColumns(short[] modes, int[] mtimes, int[] flags, int[] verify, int[] devices, int[] inodes,
            int[] dirIndexes, List<String> linkTargets, List<String> users, List<String> groups, List<String> langs,
            List<String> baseNames, List<String> dirNames) {
    }

    /** @param entries in the payload's order */
    static FileColumns fileColumns(PackageSpec spec, List<Entry> entries) {
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
        String directory = null;
        int directoryIndex = -1;
        for (int i = 0; i < count; i++) {
            Entry entry = entries.get(i);
            modes[i] = (short) entry.fileMode();
            mtimes[i] = seconds(spec.buildTime());
            flags[i] = FileFlag.bits(entry.flags());
            verify[i] = entry.verify() == null ? VerifyFlag.ALL : VerifyFlag.bits(entry.verify());
            if (entry.is(FileFlag.GHOST)) {
                verify[i] &= ~VerifyFlag.CONTENT_CHECKS; // a ghost has no content to check, as rpmbuild marks it
            }
            devices[i] = 1;
            inodes[i] = PayloadResult.inode(i);
            int slash = entry.path().lastIndexOf('/');
            // Sorted paths come in runs of one directory: its name is made once per run, not per file.
            if (directory == null || directory.length() != slash + 1 || !entry.path().startsWith(directory)) {
                directory = entry.path().substring(0, slash + 1);
                directoryIndex = dirNames.computeIfAbsent(directory, d -> dirNames.size());
            }
            dirIndexes[i] = directoryIndex;
            baseNames.add(entry.path().substring(slash + 1));
            linkTargets.add(entry.linkTarget() == null ? "" : entry.linkTarget());
            users.add(entry.user());
            groups.add(entry.group());
            langs.add("");
        }
        return new FileColumns(modes, mtimes, flags, verify, devices, inodes, dirIndexes, linkTargets, users, groups,
                langs, baseNames, List.copyOf(dirNames.keySet()));
    }

    private HeaderBuilder build() {
        header.strings(RpmTag.HEADERI18NTABLE, List.of("C"));
        putMetadata();
        putFiles();
        new DependencyTags(spec, payload).putInto(header);
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
        if (v6) {
            header.int32(RpmTag.RPMFORMAT, 6)
                    .string(RpmTag.SOURCENEVR, spec.nameEpochVersionRelease());
        }
        putIfSet(RpmTag.VENDOR, spec.vendor());
        putIfSet(RpmTag.PACKAGER, spec.packager());
        putIfSet(RpmTag.URL, spec.url());
        long installedSize = 0;
        for (long size : payload.fileSizes()) {
            installedSize += size;
        }
        if (v6 || installedSize > RpmLimits.MAX_UINT32) {
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
        if (v6 || anyOver32Bits(payload.fileSizes())) {
            header.int64(RpmTag.LONGFILESIZES, payload.fileSizes());
        } else {
            int[] sizes = new int[count];
            for (int i = 0; i < count; i++) {
                sizes[i] = (int) payload.fileSizes()[i];
            }
            header.int32(RpmTag.FILESIZES, sizes);
        }
        header.int16(RpmTag.FILEMODES, files.modes())
                .int16(RpmTag.FILERDEVS, new short[count])
                .int32(RpmTag.FILEMTIMES, files.mtimes())
                .strings(RpmTag.FILEDIGESTS, payload.fileDigests())
                .strings(RpmTag.FILELINKTOS, files.linkTargets())
                .int32(RpmTag.FILEFLAGS, files.flags())
                .strings(RpmTag.FILEUSERNAME, files.users())
                .strings(RpmTag.FILEGROUPNAME, files.groups())
                .int32(RpmTag.FILEVERIFYFLAGS, files.verify())
                .int32(RpmTag.FILEDEVICES, files.devices())
                .int32(RpmTag.FILEINODES, files.inodes())
                .strings(RpmTag.FILELANGS, files.langs())
                .int32(RpmTag.DIRINDEXES, files.dirIndexes())
                .strings(RpmTag.BASENAMES, files.baseNames())
                .strings(RpmTag.DIRNAMES, files.dirNames())
                .int32(RpmTag.FILEDIGESTALGO, Digests.SHA256_ALGO);
        if (v6) {
            putMimeTypes();
            header.int32(RpmTag.FILECOLORS, payload.fileColors());
        }
        if (entries.stream().anyMatch(e -> e.caps() != null)) {
            // As rpmbuild: cap_to_text's form of each file's capabilities, empty for files without.
            header.strings(RpmTag.FILECAPS, entries.stream()
                    .map(e -> e.caps() == null ? "" : FileCapabilities.parse(e.caps()).normalized()).toList());
        }
    }

    /** Each distinct type once, in the order of the first file of each, as rpmbuild's string pool has them. */
    private void putMimeTypes() {
        Map<String, Integer> dictionary = new LinkedHashMap<>();
        int[] indexes = payload.mimeTypes().stream()
                .mapToInt(type -> dictionary.computeIfAbsent(type, t -> dictionary.size())).toArray();
        header.int32(RpmTag.FILEMIMEINDEX, indexes)
                .strings(RpmTag.MIMEDICT, List.copyOf(dictionary.keySet()));
    }

    private void putScriptlets() {
        for (Scriptlet scriptlet : spec.scriptlets()) {
            header.string(scriptlet.phase().scriptTag(), scriptlet.body())
                    .string(scriptlet.phase().interpreterTag(), scriptlet.interpreter());
        }
    }

    /** Each family of triggers (package, file, transaction file) in its own parallel arrays. */
    private void putTriggers() {
        for (TriggerTags tags : List.of(TriggerTags.PACKAGE, TriggerTags.FILE, TriggerTags.TRANSACTION_FILE)) {
            putTriggers(tags, spec.triggers().stream().filter(t -> t.kind().tags() == tags).toList());
        }
    }

    private void putTriggers(TriggerTags tags, List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            return;
        }
        List<String> scripts = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int[] priorities = new int[triggers.size()];
        for (int index = 0; index < triggers.size(); index++) {
            Trigger trigger = triggers.get(index);
            scripts.add(trigger.body());
            programs.add(trigger.interpreter());
            priorities[index] = trigger.priority();
            for (Dependency condition : trigger.packages()) {
                names.add(condition.name());
                versions.add(condition.version());
                flags.add(condition.comparison().senseBits() | trigger.kind().senseBit());
                indexes.add(index);
            }
            for (String prefix : trigger.prefixes()) {
                names.add(prefix);
                versions.add("");
                flags.add(trigger.kind().senseBit());
                indexes.add(index);
            }
        }
        header.strings(tags.scripts(), scripts)
                .strings(tags.programs(), programs)
                .strings(tags.names(), names)
                .strings(tags.versions(), versions)
                .int32(tags.flags(), flags.stream().mapToInt(Integer::intValue).toArray())
                .int32(tags.indexes(), indexes.stream().mapToInt(Integer::intValue).toArray());
        if (tags.priorities() != null) {
            header.int32(tags.priorities(), priorities);
        }
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
                .strings(RpmTag.PAYLOADDIGESTALT, List.of(payload.uncompressedDigest()));
        if (!v6) {
            header.int32(RpmTag.PAYLOADDIGESTALGO, Digests.SHA256_ALGO);
            return;
        }
        // v6 names the algorithm by the tag (PAYLOADSHA256) and adds two more, with the sizes.
        PayloadResult.V6Digests more = payload.v6Digests();
        header.string(RpmTag.PAYLOADSHA512, more.sha512())
                .string(RpmTag.PAYLOADSHA512ALT, more.sha512Alt())
                .string(RpmTag.PAYLOADSHA3_256, more.sha3_256())
                .string(RpmTag.PAYLOADSHA3_256ALT, more.sha3_256Alt())
                .int64(RpmTag.PAYLOADSIZE, payload.compressedSize())
                .int64(RpmTag.PAYLOADSIZEALT, payload.uncompressedSize());
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

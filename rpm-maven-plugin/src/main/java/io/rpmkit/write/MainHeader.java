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
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.Trigger;

/** Assembles the main header from a validated spec and what writing its payload found out. */
final class MainHeader {

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
            if (entry.is(FileFlag.GHOST)) {
                verify[i] &= ~VerifyFlag.CONTENT_CHECKS; // a ghost has no content to check, as rpmbuild marks it
            }
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

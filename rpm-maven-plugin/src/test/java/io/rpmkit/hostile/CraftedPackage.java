package io.rpmkit.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.rpmkit.format.Digests;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.SyntheticPackage;
import io.rpmkit.testing.CraftedRpm;

/**
 * Packages made whole rather than damaged, for what byte flips rarely reach: a header whose files
 * all share one large directory name, and a cpio archive that disagrees with its header. Their
 * headers and digests are valid, so the reader gets past every check to the part under test.
 */
final class CraftedPackage {

    private CraftedPackage() {
    }

    /** Up to 20,000 files sharing one directory name of up to 1 MiB; a stripped payload or none. */
    static ReaderFuzzTest.Damage sharedDirectoryName(Random random) {
        int files = 1000 + random.nextInt(19_001);
        int length = (64 << 10) + random.nextInt((1 << 20) - (64 << 10));
        String directory = "/" + "d".repeat(length) + "/";
        List<String> basenames = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            basenames.add("f" + i);
        }
        boolean listEntries = random.nextBoolean();
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        if (listEntries) {
            for (int i = 0; i < files; i++) {
                cpio.writeBytes(String.format("07070X%08x", i).getBytes(StandardCharsets.US_ASCII));
                SyntheticPackage.pad(cpio);
            }
        }
        SyntheticPackage.writeEntry(cpio, 0, 0, 1, "TRAILER!!!", new byte[0]);
        int[] zeros = new int[files];
        short[] modes = new short[files];
        Arrays.fill(modes, (short) 0100644);
        long[] sizes = new long[files];
        HeaderBuilder main = CraftedRpm.mainHeader("crafted")
                .strings(RpmTag.DIRNAMES, List.of(directory))
                .int32(RpmTag.DIRINDEXES, zeros)
                .strings(RpmTag.BASENAMES, basenames)
                .int64(RpmTag.LONGFILESIZES, sizes)
                .int16(RpmTag.FILEMODES, modes);
        return new ReaderFuzzTest.Damage(CraftedRpm.assemble(main, cpio.toByteArray()), files
                + " files sharing a directory name of " + length + " bytes, " + (listEntries ? "a stripped entry for each" : "no entries"));
    }

    /** Files /opt/f0... of 10 bytes each, and an archive that says otherwise. */
    static ReaderFuzzTest.Damage cpioDisagreeingWithHeader(Random random) {
        int files = 1 + random.nextInt(20);
        byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        String what;
        switch (random.nextInt(4)) {
            case 0 -> {
                int extra = 200 + random.nextInt(4800);
                for (int i = 0; i < extra; i++) {
                    SyntheticPackage.writeEntry(cpio, i + 1, 0100644, 1, "./opt/" + "x".repeat(1000) + i,
                            content);
                }
                what = extra + " entries the header does not list";
            }
            case 1 -> {
                int size = (1 + random.nextInt(8)) << 20;
                SyntheticPackage.writeEntry(cpio, 1, 0100644, 1, "./opt/f0", new byte[size]);
                what = "an entry of " + size + " bytes declared as 10";
            }
            case 2 -> {
                int copies = 100 + random.nextInt(5000);
                for (int i = 0; i < copies; i++) {
                    SyntheticPackage.writeEntry(cpio, 1, 0100644, 1, "./opt/f0", content);
                }
                what = "one file's entry " + copies + " times";
            }
            default -> {
                for (int i = 0; i < files; i++) {
                    SyntheticPackage.writeEntry(cpio, i + 1, 0100644, 1, "./opt/f" + i, content);
                }
                SyntheticPackage.writeEntry(cpio, 0, 0, 1, "TRAILER!!!", new byte[0]);
                int after = (1 + random.nextInt(8)) << 20;
                cpio.writeBytes(new byte[after]);
                what = after + " bytes after the trailer";
            }
        }
        if (!what.endsWith("after the trailer")) {
            SyntheticPackage.writeEntry(cpio, 0, 0, 1, "TRAILER!!!", new byte[0]);
        }
        List<String> basenames = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        int[] sizes = new int[files];
        short[] modes = new short[files];
        for (int i = 0; i < files; i++) {
            basenames.add("f" + i);
            digests.add(CraftedRpm.sha256(content));
            sizes[i] = content.length;
            modes[i] = (short) 0100644;
        }
        HeaderBuilder main = CraftedRpm.mainHeader("crafted")
                .strings(RpmTag.DIRNAMES, List.of("/opt/"))
                .int32(RpmTag.DIRINDEXES, new int[files])
                .strings(RpmTag.BASENAMES, basenames)
                .int32(RpmTag.FILESIZES, sizes)
                .int16(RpmTag.FILEMODES, modes)
                .strings(RpmTag.FILEDIGESTS, digests)
                .int32(RpmTag.FILEDIGESTALGO, Digests.SHA256_ALGO);
        return new ReaderFuzzTest.Damage(CraftedRpm.assemble(main, cpio.toByteArray()),
                "cpio disagreeing with its header: " + what);
    }

}

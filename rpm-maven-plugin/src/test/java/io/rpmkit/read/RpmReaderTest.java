package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Flags;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.HostileInput.Outcome;

/** The reader on packages made in memory: a valid one, and every way of breaking it we can think of. */
class RpmReaderTest {
    private static final int MUTATIONS = 2000;
    private static final long SEED = 20261124L;

    @TempDir
    Path dir;

    @Test
    void readsTheSyntheticPackage() throws Exception {
        RpmPackage pkg = RpmReader.read(write("valid.rpm", SyntheticPackage.valid()));
        assertEquals("synthetic", pkg.name());
        assertEquals("1.0", pkg.version());
        assertEquals(List.of("/etc/syn.conf", "/usr/share/syn", "/usr/share/syn/data"),
                pkg.files().stream().map(RpmFile::path).toList());
        assertEquals(Flags.FILE_CONFIG | Flags.FILE_NOREPLACE, pkg.files().get(0).flags());
        assertEquals(040755, pkg.files().get(1).mode());
        DigestReport report = pkg.verifyDigests();
        assertTrue(report.allOk(), report::toString);
        assertEquals(9, report.checks().size(), report::toString);
    }

    @Test
    void truncationAtEveryOffsetRaisesOnlyPackagingException() throws Exception {
        byte[] valid = SyntheticPackage.valid();
        Path file = dir.resolve("truncated.rpm");
        int refusedAtRead = 0;
        for (int length = 0; length < valid.length; length++) {
            Files.write(file, Arrays.copyOf(valid, length));
            Outcome outcome = HostileInput.exercise(file, "truncated to " + length + " bytes", null);
            if (outcome == Outcome.REFUSED_AT_READ) {
                refusedAtRead++;
            } else {
                // Only the payload was cut: reading works, the payload or its digests must not.
                assertTrue(length >= SyntheticPackage.mainHeaderOffset(valid), "truncated to " + length);
                assertTrue(outcome != Outcome.ALL_OK, "truncated to " + length + " passed every digest");
            }
        }
        assertTrue(refusedAtRead > 900, "headers refused at " + refusedAtRead + " lengths");
    }

    @Test
    void randomMutationsRaiseOnlyPackagingException() throws Exception {
        mutateRandomly(SyntheticPackage.valid());
    }

    @Test
    void randomMutationsOfStrippedPayloadsRaiseOnlyPackagingException() throws Exception {
        mutateRandomly(SyntheticPackage.stripped());
    }

    private void mutateRandomly(byte[] valid) throws Exception {
        Random random = new Random(SEED);
        Path file = dir.resolve("mutated.rpm");
        int[] outcomes = new int[Outcome.values().length];
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutated = valid.clone();
            String what = HostileInput.mutate(mutated, random, 0, mutated.length);
            Files.write(file, mutated);
            Path extractTo = i % 10 == 0 ? dir : null;
            outcomes[HostileInput.exercise(file, "case " + i + " (seed " + SEED + "): " + what, extractTo).ordinal()]++;
        }
        // Most mutations land in the headers and must be refused there; none may slip past the digests.
        assertTrue(outcomes[Outcome.REFUSED_AT_READ.ordinal()] > MUTATIONS / 4, Arrays.toString(outcomes));
    }

    @Test
    void refusesAMainHeaderIndexCountAboveTheLimit() throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        ByteBuffer.wrap(pkg).putInt(SyntheticPackage.mainHeaderOffset(pkg) + 8, 0x10000);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("main header index count 65536 is outside the accepted range 1 to 65535"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("reading " + dir.resolve("x.rpm")), e.getMessage());
    }

    @Test
    void refusesAMainHeaderDataSizeOf256MiB() throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        ByteBuffer.wrap(pkg).putInt(SyntheticPackage.mainHeaderOffset(pkg) + 12, 0x10000000);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("main header data size 268435456 exceeds the limit 268435455"),
                e.getMessage());
    }

    @Test
    void refusesASignatureHeaderWithMoreThan32Entries() throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        ByteBuffer.wrap(pkg).putInt(Lead.SIZE + 8, 33);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("signature header index count 33 is outside the accepted range 1 to 32"),
                e.getMessage());
    }

    @Test
    void refusesCountsTheFileCannotHold() throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        int offset = SyntheticPackage.mainHeaderOffset(pkg);
        int entries = ByteBuffer.wrap(pkg).getInt(offset + 8);
        // The largest data size rpm's blob limit leaves for this index: accepted, but not in the file.
        ByteBuffer.wrap(pkg).putInt(offset + 12, 0x10000000 - 8 - 16 * entries - 1);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("the file is truncated: the main header needs"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotAPackage() throws Exception {
        byte[] notRpm = new byte[200];
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", notRpm)));
        assertTrue(e.getMessage().contains("lead magic is 00000000, expected EDABEEDB"), e.getMessage());
    }

    @Test
    void refusesABadHeaderMagic() throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        pkg[SyntheticPackage.mainHeaderOffset(pkg) + 4] = 1;
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("main header magic is 8EADE80101000000, expected 8EADE80100000000"),
                e.getMessage());
    }

    @Test
    void refusesAPackageWithoutAName() throws Exception {
        byte[] payload = SyntheticPackage.gzip(SyntheticPackage.cpio(List.of()));
        HeaderBuilder main = HeaderBuilder.mainHeader().string(RpmTag.VERSION, "1").string(RpmTag.RELEASE, "1");
        byte[] pkg = SyntheticPackage.assemble(main, payload, 0);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("main header has no NAME"), e.getMessage());
    }

    @Test
    void refusesFileArraysOfDifferentLengths() throws Exception {
        byte[] payload = SyntheticPackage.gzip(SyntheticPackage.cpio(List.of()));
        HeaderBuilder main = SyntheticPackage.mainHeader(payload, new byte[0])
                .strings(RpmTag.DIRNAMES, List.of("/etc/"))
                .int32(RpmTag.DIRINDEXES, 0, 0)
                .strings(RpmTag.BASENAMES, List.of("a", "b"))
                .int16(RpmTag.FILEMODES, (short) 0100644);
        byte[] pkg = SyntheticPackage.assemble(main, payload, 0);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("FILEMODES has 1 values, but BASENAMES has 2"), e.getMessage());
    }

    @Test
    void refusesADirectoryIndexOutOfRange() throws Exception {
        byte[] payload = SyntheticPackage.gzip(SyntheticPackage.cpio(List.of()));
        HeaderBuilder main = SyntheticPackage.mainHeader(payload, new byte[0])
                .strings(RpmTag.DIRNAMES, List.of("/etc/"))
                .int32(RpmTag.DIRINDEXES, 1)
                .strings(RpmTag.BASENAMES, List.of("a"));
        byte[] pkg = SyntheticPackage.assemble(main, payload, 0);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains("DIRINDEXES[0] is 1; DIRNAMES has 1 entries"), e.getMessage());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}

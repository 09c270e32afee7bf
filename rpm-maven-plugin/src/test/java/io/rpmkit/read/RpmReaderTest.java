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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;
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

    /**
     * The record views are built when first asked for, but every array that disagrees with the one
     * that counts it is refused when the package is read: each dependency kind, each kind of trigger,
     * the changelog and an empty file name.
     */
    @ParameterizedTest
    @EnumSource(DependencyKind.class)
    void refusesDependencyArraysOfDifferentLengthsWhenRead(DependencyKind kind) throws Exception {
        assertRefused(extraMainTags().strings(kind.nameTag(), List.of("a", "b")).int32(kind.flagsTag(), 0),
                kind.flagsTag().name() + " has 1 values, but " + kind.nameTag().name() + " has 2");
        assertRefused(extraMainTags().strings(kind.nameTag(), List.of("a")).strings(kind.versionTag(), List.of("1", "2")),
                kind.versionTag().name() + " has 2 values, but " + kind.nameTag().name() + " has 1");
    }

    @ParameterizedTest
    @CsvSource({"TRIGGERSCRIPTS, TRIGGERNAME, TRIGGERINDEX",
            "FILETRIGGERSCRIPTS, FILETRIGGERNAME, FILETRIGGERINDEX",
            "TRANSFILETRIGGERSCRIPTS, TRANSFILETRIGGERNAME, TRANSFILETRIGGERINDEX"})
    void refusesTriggerIndexesOutOfRangeWhenRead(RpmTag scripts, RpmTag name, RpmTag index) throws Exception {
        assertRefused(extraMainTags().strings(scripts, List.of("true")).strings(name, List.of("a", "b"))
                .int32(index, 0, 1), index.name() + "[1] is 1; " + scripts.name() + " has 1 entries");
        assertRefused(extraMainTags().strings(scripts, List.of("true")).strings(name, List.of("a")).int32(index, 0, 0),
                index.name() + " has 2 values, but " + name.name() + " has 1");
    }

    @Test
    void refusesAChangelogOfDifferentLengthsWhenRead() throws Exception {
        assertRefused(extraMainTags().int32(RpmTag.CHANGELOGTIME, 1, 2).strings(RpmTag.CHANGELOGNAME, List.of("a"))
                .strings(RpmTag.CHANGELOGTEXT, List.of("x", "y")), "CHANGELOGNAME has 1 values, but CHANGELOGTIME has 2");
        assertRefused(extraMainTags().int32(RpmTag.CHANGELOGTIME, 1).strings(RpmTag.CHANGELOGNAME, List.of("a"))
                .strings(RpmTag.CHANGELOGTEXT, List.of("x", "y")), "CHANGELOGTEXT has 2 values, but CHANGELOGTIME has 1");
    }

    @Test
    void refusesAnEmptyFileNameWhenRead() throws Exception {
        assertRefused(extraMainTags().strings(RpmTag.DIRNAMES, List.of("/etc/")).int32(RpmTag.DIRINDEXES, 0, 0)
                .strings(RpmTag.BASENAMES, List.of("a", "")), "BASENAMES[1] is empty: file 1 has no name");
    }

    /** A main header with no dependencies, files or changelog, for the test to add them. */
    private static HeaderBuilder extraMainTags() {
        return HeaderBuilder.mainHeader().string(RpmTag.NAME, "views").string(RpmTag.VERSION, "1")
                .string(RpmTag.RELEASE, "1").string(RpmTag.ARCH, "noarch").string(RpmTag.OS, "linux")
                .string(RpmTag.PAYLOADFORMAT, "cpio").string(RpmTag.PAYLOADCOMPRESSOR, "gzip");
    }

    private static byte[] emptyPayload() throws IOException {
        return SyntheticPackage.gzip(SyntheticPackage.cpio(List.of()));
    }

    private void assertRefused(HeaderBuilder main, String problem) throws Exception {
        byte[] pkg = SyntheticPackage.assemble(main, emptyPayload(), 0);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(write("x.rpm", pkg)));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}

package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.read.SyntheticPackage.Entry;

/** Extraction of real packages, and of payloads that try to write outside the directory. */
class SafeExtractorTest {
    @TempDir
    Path dir;

    @Test
    void extractsEveryFileOfARealPackage() throws Exception {
        RpmPackage pkg = RpmReader.read(RpmbuildFixtures.build("w3.zstdio"));
        Path root = dir.resolve("root");
        SafeExtractor.Result result = SafeExtractor.extract(pkg, root);
        assertEquals(pkg.files().size() - 1, result.written().size(), "every file but the %ghost");
        assertEquals(List.of(), result.skipped());
        assertEquals(RpmbuildFixtures.CONFIG_CONTENT, Files.readString(root.resolve("etc/demo/demo.conf")));
        assertEquals("linked\n", Files.readString(root.resolve("usr/share/demo/hard1")));
        assertEquals("linked\n", Files.readString(root.resolve("usr/share/demo/hard2")));
        assertEquals(Path.of("../share/demo/readme.txt"), Files.readSymbolicLink(root.resolve("usr/bin/demo-readme")));
        assertEquals(RpmbuildFixtures.README_CONTENT, Files.readString(root.resolve("usr/bin/demo-readme")));
        assertTrue(Files.isDirectory(root.resolve("usr/share/demo/dir")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("usr/bin/demo"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("etc/demo/secret.conf"))));
        assertFalse(Files.exists(root.resolve("var/log/demo.log")));
    }

    @Test
    void refusesAnEntryEscapingWithDotDot() throws Exception {
        RpmPackage pkg = withEntries(List.of(Entry.file("./../escaped", 0100644, "evil")));
        Path root = dir.resolve("root");
        PackagingException e = assertThrows(PackagingException.class, () -> SafeExtractor.extract(pkg, root));
        assertTrue(e.getMessage().contains("payload entry \"../escaped\" would be extracted to "
                + dir.resolve("escaped") + ", outside " + root), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void refusesAnEntryEscapingDeeperInThePath() throws Exception {
        RpmPackage pkg = withEntries(List.of(Entry.file("./usr/../../../escaped", 0100644, "evil")));
        assertThrows(PackagingException.class, () -> SafeExtractor.extract(pkg, dir.resolve("root")));
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void refusesAnAbsoluteEntry() throws Exception {
        Path outside = dir.resolve("outside.txt");
        RpmPackage pkg = withEntries(List.of(Entry.file("/" + outside, 0100644, "evil")));
        PackagingException e = assertThrows(PackagingException.class,
                () -> SafeExtractor.extract(pkg, dir.resolve("root")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(outside));
    }

    @Test
    void refusesToWriteThroughASymlinkAnEarlierEntryMade() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        RpmPackage pkg = withEntries(List.of(
                new Entry("./link", 0120777, outside.toString().getBytes(StandardCharsets.UTF_8), 0, 1),
                Entry.file("./link/planted", 0100644, "evil")));
        PackagingException e = assertThrows(PackagingException.class,
                () -> SafeExtractor.extract(pkg, dir.resolve("root")));
        assertTrue(e.getMessage().contains("is a symlink an earlier entry made; refusing to extract through it"),
                e.getMessage());
        assertFalse(Files.exists(outside.resolve("planted")));
    }

    /** A symlink, then a file of the same name to be written through it: rpm refuses the second entry. */
    @Test
    void refusesASecondEntryOfTheSameNameWithoutFollowingTheFirst() throws Exception {
        Path outside = Files.writeString(dir.resolve("victim.txt"), "untouched");
        RpmPackage pkg = withEntries(List.of(
                new Entry("./x", 0120777, outside.toString().getBytes(StandardCharsets.UTF_8), 0, 1),
                Entry.file("./x", 0100644, "content")));
        Path root = dir.resolve("root");
        PackagingException e = assertThrows(PackagingException.class, () -> SafeExtractor.extract(pkg, root));
        // The header lists x twice too: the reader refuses to choose which of them the entries are.
        assertTrue(e.getMessage().contains("(x) matches two files of the header"), e.getMessage());
        assertEquals("untouched", Files.readString(outside));
    }

    @Test
    void listsDeviceFilesAsSkipped() throws Exception {
        RpmPackage pkg = withEntries(List.of(new Entry("./dev/null", 0020666, new byte[0], 0, 1)));
        SafeExtractor.Result result = SafeExtractor.extract(pkg, dir.resolve("root"));
        assertEquals(List.of("dev/null"), result.skipped());
        assertEquals(List.of(), result.written());
    }

    @Test
    void makesHardLinksAsLinks() throws Exception {
        Path root = dir.resolve("root");
        SafeExtractor.extract(RpmReader.read(RpmbuildFixtures.build("w6.gzdio")), root);
        assertTrue(Files.isSameFile(root.resolve("usr/share/demo/hard1"), root.resolve("usr/share/demo/hard2")));
    }

    @Test
    void reportsEveryDifferenceFromWhatRpmWouldInstall() throws Exception {
        RpmPackage pkg = withEntries(List.of(
                new Entry("./dev/null", 0020666, new byte[0], 0, 1),
                new Entry("./run/fifo", 0010644, new byte[0], 0, 1),
                new Entry("./secret", 040700, new byte[0], 0, 1),
                Entry.file("./secret/key", 0100600, "k"),
                Entry.file("./usr/bin/suid", 0104755, "x"),
                Entry.file("./tmp/sticky", 0101777, "s")));
        Path root = dir.resolve("root");
        SafeExtractor.Result result = SafeExtractor.extract(pkg, root);
        assertEquals(List.of("dev/null: character device not created (extraction never makes one)",
                "run/fifo: fifo not created (extraction never makes one)",
                "usr/bin/suid: set-uid bit dropped, written as 0755",
                "tmp/sticky: sticky bit dropped, written as 0777"), result.notes());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secret"))));
        assertEquals("k", Files.readString(root.resolve("secret/key")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("usr/bin/suid"))));
    }

    @Test
    void neverOverwritesWhatIsThere() throws Exception {
        RpmPackage pkg = withEntries(List.of(Entry.file("./etc/a.conf", 0100644, "new"),
                new Entry("./etc/dir", 0120777, "/".getBytes(StandardCharsets.UTF_8), 0, 1)));
        for (String existing : List.of("etc/a.conf", "etc/dir")) {
            Path root = Files.createDirectories(dir.resolve("root-" + existing.length()).resolve("etc"))
                    .getParent();
            Files.writeString(root.resolve(existing), "mine");
            PackagingException e = assertThrows(PackagingException.class, () -> SafeExtractor.extract(pkg, root));
            assertTrue(e.getMessage().contains("which exists already; extraction never overwrites"), e.getMessage());
            assertEquals("mine", Files.readString(root.resolve(existing)));
        }
    }

    /** The header names a file with its digest; content of the same size but other bytes is removed. */
    @Test
    void removesAFileWhoseDigestIsNotTheHeaders() throws Exception {
        List<Entry> entries = List.of(Entry.file("./etc/a.conf", 0100644, "evil"));
        byte[] cpio = SyntheticPackage.cpio(entries);
        byte[] payload = SyntheticPackage.gzip(cpio);
        byte[] bytes = SyntheticPackage.assemble(SyntheticPackage.listing(SyntheticPackage.mainHeader(payload, cpio),
                entries).strings(io.rpmkit.format.RpmTag.FILEDIGESTS, List.of(SyntheticPackage.sha256(
                        "good".getBytes(StandardCharsets.UTF_8))))
                .int32(io.rpmkit.format.RpmTag.FILEDIGESTALGO, DigestAlgorithm.SHA256.pgpId()), payload, cpio.length);
        RpmPackage pkg = RpmReader.read(Files.write(dir.resolve("digest.rpm"), bytes));
        Path root = dir.resolve("root");
        PackagingException e = assertThrows(PackagingException.class, () -> SafeExtractor.extract(pkg, root));
        assertTrue(e.getMessage().contains("does not have the digest its header states"), e.getMessage());
        assertFalse(Files.exists(root.resolve("etc/a.conf")));
    }

    /** "é" in UTF-8 and the Latin-1 byte E9 decode to the same string: the second is refused, not lost. */
    @Test
    void refusesTwoNamesThatDecodeToTheSameString() throws Exception {
        java.io.ByteArrayOutputStream cpio = new java.io.ByteArrayOutputStream();
        rawEntry(cpio, 1, "./caf\u00e9".getBytes(StandardCharsets.UTF_8), "one");
        rawEntry(cpio, 2, "./caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "two");
        SyntheticPackage.writeEntry(cpio, 0, 0, 1, "TRAILER!!!", new byte[0]);
        byte[] archive = cpio.toByteArray();
        byte[] payload = SyntheticPackage.gzip(archive);
        byte[] bytes = SyntheticPackage.assemble(SyntheticPackage.listing(SyntheticPackage.mainHeader(payload,
                archive), List.of(Entry.file("./caf\u00e9", 0100644, "one"))), payload, archive.length);
        RpmPackage pkg = RpmReader.read(Files.write(dir.resolve("same.rpm"), bytes));
        PackagingException e = assertThrows(PackagingException.class,
                () -> SafeExtractor.extract(pkg, dir.resolve("root")));
        assertTrue(e.getMessage().contains("(caf\u00e9) comes a second time"), e.getMessage());
        assertEquals("one", Files.readString(dir.resolve("root/caf\u00e9")));
    }

    private static void rawEntry(java.io.ByteArrayOutputStream out, int inode, byte[] name, String content) {
        byte[] nameBytes = java.util.Arrays.copyOf(name, name.length + 1);
        StringBuilder header = new StringBuilder("070701");
        long[] fields = {inode, 0100644, 0, 0, 1, 1_700_000_000L, content.length(), 0, 0, 0, 0, nameBytes.length, 0};
        for (long field : fields) {
            header.append(String.format("%08x", field));
        }
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        SyntheticPackage.pad(out);
        out.writeBytes(content.getBytes(StandardCharsets.US_ASCII));
        SyntheticPackage.pad(out);
    }

    private RpmPackage withEntries(List<Entry> entries) throws Exception {
        byte[] cpio = SyntheticPackage.cpio(entries);
        byte[] payload = SyntheticPackage.gzip(cpio);
        byte[] pkg = SyntheticPackage.assemble(SyntheticPackage.listing(SyntheticPackage.mainHeader(payload, cpio),
                entries), payload, cpio.length);
        return RpmReader.read(Files.write(dir.resolve("entries.rpm"), pkg));
    }
}

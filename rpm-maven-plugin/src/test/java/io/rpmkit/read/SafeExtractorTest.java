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
        assertTrue(e.getMessage().contains("(x) comes a second time"), e.getMessage());
        assertEquals("untouched", Files.readString(outside));
    }

    @Test
    void listsDeviceFilesAsSkipped() throws Exception {
        RpmPackage pkg = withEntries(List.of(new Entry("./dev/null", 0020666, new byte[0], 0, 1)));
        SafeExtractor.Result result = SafeExtractor.extract(pkg, dir.resolve("root"));
        assertEquals(List.of("dev/null"), result.skipped());
        assertEquals(List.of(), result.written());
    }

    private RpmPackage withEntries(List<Entry> entries) throws Exception {
        byte[] cpio = SyntheticPackage.cpio(entries);
        byte[] payload = SyntheticPackage.gzip(cpio);
        byte[] pkg = SyntheticPackage.assemble(SyntheticPackage.listing(SyntheticPackage.mainHeader(payload, cpio),
                entries), payload, cpio.length);
        return RpmReader.read(Files.write(dir.resolve("entries.rpm"), pkg));
    }
}

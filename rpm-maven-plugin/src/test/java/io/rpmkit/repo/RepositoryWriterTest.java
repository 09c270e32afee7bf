package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.Digests;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.testing.RealRpm;

class RepositoryWriterTest {
    @TempDir
    Path dir;

    private final RepositoryWriter writer = new RepositoryWriter(Console.SILENT);

    /** A repository directory given as a link is walked as its target; repodata/ and dot directories are left out. */
    @Test
    void indexesThroughALinkAndLeavesOutRepodataAndDotDirectories() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.write(RepoFixtures.small("kept", "1").build(), repo.resolve("packages"));
        RepoFixtures.write(RepoFixtures.small("hidden", "1").build(), repo.resolve("packages/.incoming"));
        RepoFixtures.write(RepoFixtures.small("stray", "1").build(), repo.resolve("repodata"));
        Path link = Files.createSymbolicLink(dir.resolve("repo-link"), repo);

        WrittenRepository written = writer.write(link, RepositoryOptions.of(RepoFixtures.REVISION));

        assertEquals(List.of("packages/kept-1-1.noarch.rpm"), written.packages().stream().map(PackageMetadata::location)
                .toList());
        assertEquals(List.of("kept"), RepodataReader.read(repo).packages().stream().map(PackageMetadata::name).toList());
    }

    /**
     * Links to directories are followed, out of the repository (a pool), within it and into a
     * directory it leaves out; a link back to a directory being walked is not; and a package file
     * reached by several paths (links, a hard link) is listed once: where no link led to it, also to a
     * directory above it, else at its first place in the metadata's order.
     */
    @Test
    void followsLinksAndListsEachPackageFileOnce() throws Exception {
        Path repo = dir.resolve("repo");
        Path pool = dir.resolve("pool");
        RepoFixtures.write(RepoFixtures.small("here", "1").build(), repo.resolve("packages"));
        RepoFixtures.write(RepoFixtures.small("pooled", "1").build(), pool.resolve("sub"));
        RepoFixtures.write(RepoFixtures.small("deeper", "1").build(), dir.resolve("elsewhere"));
        RepoFixtures.write(RepoFixtures.small("hidden", "1").build(), repo.resolve(".builds/42"));
        Files.createSymbolicLink(repo.resolve("Packages"), pool);
        Files.createSymbolicLink(pool.resolve("sub/more"), dir.resolve("elsewhere")); // out, through out
        Files.createSymbolicLink(repo.resolve("alias"), repo.resolve("packages")); // within: listed where it is
        Files.createSymbolicLink(repo.resolve("again"), Path.of("Packages")); // a link to a link out
        Files.createSymbolicLink(repo.resolve("current"), Path.of(".builds/42")); // into what is left out
        Files.createSymbolicLink(repo.resolve("packages/up"), repo); // back to the root
        Files.createSymbolicLink(pool.resolve("sub/round"), pool); // back to a directory a link led to
        Files.createSymbolicLink(repo.resolve("packages/deeper-link.rpm"), dir.resolve("elsewhere")
                .resolve("deeper-1-1.noarch.rpm")); // a link to a package file met through links too
        RepoFixtures.write(RepoFixtures.small("nested", "1").build(), repo.resolve("zz/deep"));
        Files.createSymbolicLink(repo.resolve("aa"), Path.of("zz")); // aa/deep is below a link, zz/deep is not
        Files.createLink(repo.resolve("packages/zz-hard.rpm"), repo.resolve("packages/here-1-1.noarch.rpm"));

        WrittenRepository written = writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        assertEquals(List.of("Packages/sub/more/deeper-1-1.noarch.rpm", "packages/here-1-1.noarch.rpm",
                "current/hidden-1-1.noarch.rpm", "zz/deep/nested-1-1.noarch.rpm", "Packages/sub/pooled-1-1.noarch.rpm"),
                written.packages().stream().map(PackageMetadata::location).toList());
        assertEquals(List.of("deeper", "here", "hidden", "nested", "pooled"), RepodataReader.read(repo).packages()
                .stream().map(PackageMetadata::name).toList());
        // Two files of one package are still two: the copy is reported, not passed over.
        Files.copy(pool.resolve("sub/pooled-1-1.noarch.rpm"), repo.resolve("packages/pooled-1-1.noarch.rpm"));
        PackagingException twice = assertThrows(PackagingException.class,
                () -> writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION)));
        assertEquals(List.of("Packages/sub/pooled-1-1.noarch.rpm and packages/pooled-1-1.noarch.rpm are both"
                + " pooled-0:1-1.noarch: a repository holds a package once; remove one of the files"), twice.problems());
    }

    /**
     * An .rpm entry that cannot be a package (a link to nothing, a loop of links, a fifo) is reported with every other
     * problem, never passed over; nothing is written and the earlier metadata stays.
     */
    @Test
    void reportsEntriesThatCannotBePackagesWithTheOtherProblems() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.write(RepoFixtures.small("fine", "1").build(), repo.resolve("packages"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        byte[] repomd = Files.readAllBytes(repo.resolve("repodata/repomd.xml"));
        Files.createSymbolicLink(repo.resolve("packages/gone.rpm"), dir.resolve("built/gone-1-1.noarch.rpm"));
        Files.createSymbolicLink(repo.resolve("packages/nowhere"), dir.resolve("no-such-directory"));
        Files.createSymbolicLink(repo.resolve("mirror"), Files.createDirectories(dir.resolve("pool/sub")));
        Files.createSymbolicLink(dir.resolve("pool/sub/lost.rpm"), Path.of("../lost-1-1.noarch.rpm")); // from pool/sub
        Files.createSymbolicLink(repo.resolve("packages/one.rpm"), Path.of("two.rpm"));
        Files.createSymbolicLink(repo.resolve("packages/two.rpm"), Path.of("one.rpm"));
        Path fifo = Files.createDirectories(repo.resolve("incoming")).resolve("pipe.rpm");
        boolean fifos = RealRpm.findOnPath("mkfifo");
        if (fifos) {
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        } else {
            System.err.println("!!! SKIPPED: 'mkfifo' is not installed; a fifo named .rpm was not tried");
        }
        Files.writeString(repo.resolve("packages/notes.rpm"), "not a package ".repeat(10));

        PackagingException e = assertThrows(PackagingException.class,
                () -> writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION)));

        assertEquals(fifos ? 6 : 5, e.problems().size(), e.getMessage());
        assertTrue(e.problems().contains("mirror/lost.rpm is a link to " + dir.toRealPath().resolve(
                "pool/lost-1-1.noarch.rpm") + ", which does not exist: remove the link, or put the package it names"
                + " there"), e.getMessage());
        assertTrue(e.problems().contains("packages/gone.rpm is a link to " + dir.toRealPath().resolve(
                "built/gone-1-1.noarch.rpm") + ", which does not exist: remove the link, or put the package it names"
                + " there"), e.getMessage());
        for (String[] loop : new String[][] {{"one", "two"}, {"two", "one"}}) {
            Path link = repo.toRealPath().resolve("packages/" + loop[0] + ".rpm");
            // The reason is the system's (ELOOP, in the JDK's words).
            String prefix = "packages/" + loop[0] + ".rpm is a link to " + link.resolveSibling(loop[1] + ".rpm")
                    + ", which cannot be followed (";
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(prefix) && p.contains("symbolic links")
                    && p.endsWith("): make it lead to a package, or remove it")), e.getMessage());
        }
        assertTrue(!fifos || e.problems().contains("incoming/pipe.rpm is not a file (a fifo, socket or device): a"
                + " repository's .rpm entries are packages; remove it"), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("packages/notes.rpm is not an rpm package")),
                e.getMessage());
        assertArrayEquals(repomd, Files.readAllBytes(repo.resolve("repodata/repomd.xml")), "the earlier metadata stays");
    }

    @Test
    void splitsVersionsAndWritesFlagsAndPre() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        PackageMetadata pkg = RepodataReader.read(repo).find("sample").orElseThrow();
        assertEquals(List.of(
                new MetadataDependency("sample", "EQ", "0", "1.2.3", "4", false),
                new MetadataDependency("sample-api", "EQ", "0", "2", "", false),
                // generated, as rpmbuild does for a package with config files
                new MetadataDependency("config(sample)", "EQ", "0", "1.2.3", "4", false)),
                pkg.dependencies(DependencyKind.PROVIDES));
        assertEquals(List.of(
                new MetadataDependency("bash", "GE", "0", "4.0", "", false),
                // Requires(post,preun): post makes it pre="1".
                new MetadataDependency("coreutils", "", "", "", "", true),
                // The interpreter of the executable script, as rpmbuild generates it (config(sample) is
                // left out: the package provides it itself). createrepo_c keeps it beside the next two.
                new MetadataDependency("/bin/sh", "", "", "", "", false),
                // The scriptlets' interpreter, once for pre/post (pre="1") and once for preun/postun.
                new MetadataDependency("/bin/sh", "", "", "", "", true),
                new MetadataDependency("/bin/sh", "", "", "", "", false)),
                pkg.dependencies(DependencyKind.REQUIRES));
        assertEquals(List.of(new MetadataDependency("sample-old", "LT", "0", "1.0", "", false)),
                pkg.dependencies(DependencyKind.CONFLICTS));
        assertEquals(List.of(new MetadataDependency("sample-legacy", "LT", "0", "1.0", "", false)),
                pkg.dependencies(DependencyKind.OBSOLETES));
        assertEquals(List.of(new MetadataDependency("sample-core", "GT", "1", "0.9", "2", false)),
                pkg.dependencies(DependencyKind.ENHANCES));
        assertEquals(List.of(new MetadataDependency("less", "", "", "", "", false)),
                pkg.dependencies(DependencyKind.RECOMMENDS));
        assertEquals(List.of(new MetadataDependency("vim", "", "", "", "", false)),
                pkg.dependencies(DependencyKind.SUGGESTS));
        assertEquals(List.of(new MetadataDependency("sample-suite", "", "", "", "", false)),
                pkg.dependencies(DependencyKind.SUPPLEMENTS));

        String primary = open(repo, "primary");
        assertTrue(primary.contains("      <rpm:entry name=\"bash\" flags=\"GE\" epoch=\"0\" ver=\"4.0\"/>\n"), primary);
        assertTrue(primary.contains("      <rpm:entry name=\"coreutils\" pre=\"1\"/>\n"), primary);
        assertFalse(primary.contains("rpmlib("), "rpm checks rpmlib() requirements itself");
    }

    @Test
    void describesThePackageAsTheReaderSeesIt() throws Exception {
        Path repo = dir.resolve("repo");
        Path file = RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        RpmPackage rpm = RpmReader.read(file);
        PackageMetadata pkg = RepodataReader.read(repo).packages().get(0);
        assertEquals(Digests.hex(Digests.sha256().digest(Files.readAllBytes(file))), pkg.pkgid());
        assertEquals(rpm.headerOffset(), pkg.headerStart(), "header-range start");
        assertEquals(rpm.payloadOffset(), pkg.headerEnd(), "header-range end");
        assertEquals(rpm.headerOffset() + rpm.headerBytes().length, pkg.headerEnd());
        assertEquals("packages/sample-1.2.3-4.noarch.rpm", pkg.location());
        assertEquals(List.of("sample", "noarch", 0L, "1.2.3", "4"),
                List.of(pkg.name(), pkg.arch(), pkg.epoch(), pkg.version(), pkg.release()));
        assertEquals(rpm.summary().orElseThrow(), pkg.summary());
        assertEquals(rpm.description().orElseThrow(), pkg.description());
        assertEquals("Jane Doe <jane@example.com>", pkg.packager());
        assertEquals(List.of("Apache-2.0", "Example", "Applications/System", "localhost", "sample-1.2.3-4.src.rpm"),
                List.of(pkg.license(), pkg.vendor(), pkg.group(), pkg.buildHost(), pkg.sourceRpm()));
        assertEquals(rpm.buildTime().orElseThrow().getEpochSecond(), pkg.buildTime());
        assertEquals(Files.size(file), pkg.packageSize());
        assertEquals(rpm.installedSize().orElseThrow(), pkg.installedSize());
        assertEquals(rpm.signature().number(SignatureTag.PAYLOADSIZE).orElseThrow(), pkg.archiveSize());
        assertTrue(pkg.archiveSize() > 200_000, "the payload holds the 200,000-byte data.bin uncompressed");
    }

    @Test
    void listsEveryFileInFilelistsAndTheUsualOnesInPrimary() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        PackageMetadata pkg = RepodataReader.read(repo).packages().get(0);
        assertEquals(List.of(
                new MetadataFile("/etc/sample.conf", MetadataFile.Type.FILE),
                new MetadataFile("/usr/share/doc/sample/README", MetadataFile.Type.FILE),
                new MetadataFile("/usr/share/sample", MetadataFile.Type.DIR),
                new MetadataFile("/usr/share/sample/bin", MetadataFile.Type.DIR),
                new MetadataFile("/usr/share/sample/bin/hello", MetadataFile.Type.FILE),
                new MetadataFile("/usr/share/sample/current", MetadataFile.Type.FILE),
                new MetadataFile("/usr/share/sample/data.bin", MetadataFile.Type.FILE),
                new MetadataFile("/var/lib/sample.state", MetadataFile.Type.GHOST)), pkg.files());
        String primary = open(repo, "primary");
        assertTrue(primary.contains("    <file>/etc/sample.conf</file>\n    <file>/usr/share/sample/bin/hello</file>\n"
                + "  </format>"), "under /etc/ and with bin/ in the path: " + primary);
        assertTrue(open(repo, "filelists").contains("  <file type=\"ghost\">/var/lib/sample.state</file>\n"));
    }

    @Test
    void writesTheChangelogOldestFirst() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        assertEquals(List.of(
                new MetadataChangelog("Jane Doe <jane@example.com> - 1.2.3-3",
                        Instant.parse("2026-10-01T12:00:00Z").getEpochSecond(), "- First entry"),
                new MetadataChangelog("Jane Doe <jane@example.com> - 1.2.3-4",
                        Instant.parse("2026-11-20T12:00:00Z").getEpochSecond(), "- Second entry")),
                RepodataReader.read(repo).packages().get(0).changelog());
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION).withChangelogLimit(1));
        assertEquals(List.of("- Second entry"), RepodataReader.read(repo).packages().get(0).changelog().stream()
                .map(MetadataChangelog::text).toList(), "the limit keeps the newest");
    }

    @Test
    void statesChecksumsSizesAndNamesInRepomd() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        WrittenRepository written = writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        assertEquals(List.of("primary", "filelists", "other"),
                written.records().stream().map(RepomdRecord::type).toList());
        for (RepomdRecord record : written.records()) {
            byte[] compressed = Files.readAllBytes(repo.resolve(record.location()));
            byte[] open = gunzip(compressed);
            String checksum = Digests.hex(Digests.sha256().digest(compressed));
            assertEquals("repodata/" + checksum + "-" + record.type() + ".xml.gz", record.location());
            assertEquals(checksum, record.checksum());
            assertEquals(Digests.hex(Digests.sha256().digest(open)), record.openChecksum());
            assertEquals(compressed.length, record.size());
            assertEquals(open.length, record.openSize());
            assertEquals(RepoFixtures.REVISION.getEpochSecond(), record.timestamp());
            assertEquals(FileTime.from(RepoFixtures.REVISION), Files.getLastModifiedTime(repo.resolve(record.location())));
        }
        String repomd = Files.readString(written.repomd());
        assertTrue(repomd.contains("  <revision>" + RepoFixtures.REVISION.getEpochSecond() + "</revision>\n"), repomd);
        assertEquals(written.records(), RepodataReader.read(repo).records());
    }

    @Test
    void sameInputsGiveTheSameBytes() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path rpm = RepoFixtures.sample(first.resolve("packages"), dir.resolve("sources"));
        Files.createDirectories(second.resolve("packages"));
        Files.copy(rpm, second.resolve("packages").resolve(rpm.getFileName()));
        // A later modification time is clamped to the revision; the clock is never read.
        Files.setLastModifiedTime(second.resolve("packages").resolve(rpm.getFileName()),
                FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        writer.write(first, RepositoryOptions.of(RepoFixtures.REVISION));
        writer.write(second, RepositoryOptions.of(RepoFixtures.REVISION));

        assertEquals(contents(first.resolve("repodata")), contents(second.resolve("repodata")));
        for (Path gz : list(first.resolve("repodata"), ".gz")) {
            byte[] header = Files.readAllBytes(gz);
            assertArrayEquals(new byte[] {0, 0, 0, 0}, new byte[] {header[4], header[5], header[6], header[7]},
                    "gzip MTIME of " + gz.getFileName());
        }
        assertEquals(RepoFixtures.REVISION.getEpochSecond(),
                RepodataReader.read(second).packages().get(0).fileTime());
    }

    @Test
    void keepsAnEarlierFileTime() throws Exception {
        Path repo = dir.resolve("repo");
        Path rpm = RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        Instant earlier = Instant.parse("2026-11-24T11:00:00Z");
        Files.setLastModifiedTime(rpm, FileTime.from(earlier));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        assertEquals(earlier.getEpochSecond(), RepodataReader.read(repo).packages().get(0).fileTime());
    }

    @Test
    void reportsFilesThatAreNotPackagesAndDuplicatesTogether() throws Exception {
        Path repo = dir.resolve("repo");
        Path rpm = RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        Files.copy(rpm, Files.createDirectories(repo.resolve("more")).resolve("copy-of-sample.rpm"));
        Files.writeString(repo.resolve("packages/notes.rpm"), "not a package ".repeat(10));

        PackagingException e = assertThrows(PackagingException.class,
                () -> writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION)));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("more/copy-of-sample.rpm and packages/sample-1.2.3-4.noarch.rpm are both"
                + " sample-0:1.2.3-4.noarch: a repository holds a package once"), e.getMessage());
        assertTrue(e.getMessage().contains("packages/notes.rpm is not an rpm package: reading "), e.getMessage());
        assertTrue(e.getMessage().contains("this is not an rpm package"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("repodata")), "nothing is written");
    }

    @Test
    void refusesAMissingDirectoryAndANegativeChangelogLimit() throws Exception {
        PackagingException missing = assertThrows(PackagingException.class,
                () -> writer.write(dir.resolve("nowhere"), RepositoryOptions.of(RepoFixtures.REVISION)));
        assertTrue(missing.getMessage().contains("the directory does not exist"), missing.getMessage());
        PackagingException limit = assertThrows(PackagingException.class, () -> writer.write(dir,
                RepositoryOptions.of(RepoFixtures.REVISION).withChangelogLimit(-1)));
        assertTrue(limit.getMessage().contains("changelogLimit -1 is negative: use 0 or more"), limit.getMessage());
    }

    @Test
    void writesAnEmptyRepository() throws Exception {
        writer.write(dir, RepositoryOptions.of(RepoFixtures.REVISION));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata xmlns=\"http://linux.duke.edu/metadata/common\""
                + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"0\">\n</metadata>", open(dir, "primary"));
        assertEquals(List.of(), RepodataReader.read(dir).packages());
    }

    @Test
    void replacesEarlierMetadataAndLeavesNoWorkFiles() throws Exception {
        Path repo = dir.resolve("repo");
        writer.write(Files.createDirectories(repo), RepositoryOptions.of(RepoFixtures.REVISION));
        Files.writeString(repo.resolve("repodata/stale-primary.xml.gz"), "stale");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        assertEquals(List.of("repomd.xml"), list(repo.resolve("repodata"), ".xml").stream()
                .map(p -> p.getFileName().toString()).toList());
        assertEquals(3, list(repo.resolve("repodata"), ".gz").size());
        try (Stream<Path> top = Files.list(repo)) {
            assertEquals(List.of("packages", "repodata"), top.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(1, RepodataReader.read(repo).packages().size());
    }

    @Test
    void signsTheExactBytesOfRepomd() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        List<byte[]> signed = new ArrayList<>();
        RepomdSigner signer = bytes -> {
            signed.add(bytes.clone());
            return "-----BEGIN PGP SIGNATURE-----\n\nfake\n-----END PGP SIGNATURE-----\n";
        };
        WrittenRepository written = writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION).withSigner(signer));

        assertEquals(1, signed.size());
        assertArrayEquals(Files.readAllBytes(written.repomd()), signed.get(0));
        Path asc = repo.resolve("repodata/repomd.xml.asc");
        assertEquals(asc, written.signature().orElseThrow());
        assertTrue(Files.readString(asc).startsWith("-----BEGIN PGP SIGNATURE-----"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        assertFalse(Files.exists(asc), "an unsigned rewrite leaves no stale signature");
    }

    @Test
    void ordersPackagesByFileNameThenPath() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.write(RepoFixtures.small("zeta", "1").build(), repo.resolve("a"));
        RepoFixtures.write(RepoFixtures.small("alpha", "2").epoch(3)
                .dependency(RepoFixtures.requires("zeta", Comparison.GREATER_OR_EQUAL, "1")).build(), repo.resolve("b"));
        RepoFixtures.write(RepoFixtures.small("alpha", "1").build(), repo.resolve("c"));
        // Hidden directories are not part of the repository.
        RepoFixtures.write(RepoFixtures.small("hidden", "1").build(), repo.resolve(".cache"));
        writer.write(repo, RepositoryOptions.of(RepoFixtures.REVISION));

        List<PackageMetadata> packages = RepodataReader.read(repo).packages();
        assertEquals(List.of("c/alpha-1-1.noarch.rpm", "b/alpha-2-1.noarch.rpm", "a/zeta-1-1.noarch.rpm"),
                packages.stream().map(PackageMetadata::location).toList());
        assertEquals(3, packages.get(1).epoch());
        assertEquals(new MetadataDependency("alpha", "EQ", "3", "2", "1", false),
                packages.get(1).dependencies(DependencyKind.PROVIDES).get(0));
    }

    private static String open(Path repo, String type) throws IOException {
        Path gz = list(repo.resolve("repodata"), "-" + type + ".xml.gz").get(0);
        return new String(gunzip(Files.readAllBytes(gz)), StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static List<Path> list(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Map<String, String> contents(Path directory) throws IOException {
        Map<String, String> map = new TreeMap<>();
        for (Path file : list(directory, "")) {
            map.put(file.getFileName().toString(), Digests.hex(Digests.sha256().digest(Files.readAllBytes(file))));
        }
        return map;
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RpmGeneration;

/**
 * {@link RepositoryOptions#update()}: metadata kept for unchanged packages must make the same bytes
 * as a full run over the same directory, and createrepo_c's {@code --update} is the referee for what
 * counts as unchanged.
 */
class RepositoryUpdateTest {
    private static final Instant BEFORE = RepoFixtures.REVISION.minusSeconds(3600);
    private static final Instant LATER_REVISION = RepoFixtures.REVISION.plusSeconds(60);

    @TempDir
    Path dir;

    /** What happens to the repository between the first run and the update. */
    enum Change {
        ADD_PACKAGES, REMOVE_A_PACKAGE, REPLACE_WITH_ANOTHER_SIZE, REPLACE_WITH_THE_SAME_SIZE_LATER, NOTHING
    }

    /** Each change with how many of the packages keep their metadata. */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of(Change.ADD_PACKAGES, 5),
                Arguments.of(Change.REMOVE_A_PACKAGE, 4),
                Arguments.of(Change.REPLACE_WITH_ANOTHER_SIZE, 4),
                Arguments.of(Change.REPLACE_WITH_THE_SAME_SIZE_LATER, 4),
                Arguments.of(Change.NOTHING, 5));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void updatedMetadataIsTheBytesOfAFullRun(Change change, int expectedKept) throws Exception {
        for (MetadataCompression compression : MetadataCompression.values()) {
            Path repo = Files.createDirectories(dir.resolve(change + "-" + compression));
            startRepository(repo);
            RepositoryOptions options = RepositoryOptions.of(RepoFixtures.REVISION).withCompression(compression);
            new RepositoryWriter(Console.SILENT).write(repo, options);
            apply(change, repo);
            // Both carry our mark (gzip's chunk index, ZstdMark); see noMetadataButOursIsKeptUnparsed.
            assertTrue(KeptRepodata.read(repo).isPresent(), compression + ": kept unparsed");

            List<String> log = new ArrayList<>();
            new RepositoryWriter(recording(log)).write(repo, options.withUpdate(true));
            Path full = copyPackages(repo, dir.resolve(change + "-" + compression + "-full"));
            new RepositoryWriter(Console.SILENT).write(full, options);

            assertEquals(contents(full.resolve("repodata")), contents(repo.resolve("repodata")), change + " "
                    + compression);
            assertTrue(log.get(log.size() - 1).contains("(" + expectedKept + " unchanged, kept from the previous"
                    + " metadata)"), log.toString());
        }
    }

    /**
     * createrepo_c compares size and modification time, not the checksum: a package rewritten with
     * bytes of the same length and its old time keeps its old metadata in both tools.
     */
    @Test
    void keepsMetadataWhenSizeAndTimeAreUnchangedAsCreaterepoDoes() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        startRepository(repo);
        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        String oldPkgid = RepodataReader.read(repo).find("alpha").orElseThrow().pkgid();
        Path alpha = replaceWithSameSize(repo, "alpha");
        Files.setLastModifiedTime(alpha, FileTime.from(BEFORE));

        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION).withUpdate(true));
        assertEquals(oldPkgid, RepodataReader.read(repo).find("alpha").orElseThrow().pkgid(), "kept, as by stat");
        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        assertNotEquals(oldPkgid, RepodataReader.read(repo).find("alpha").orElseThrow().pkgid(), "a full run reads it");
    }

    /**
     * Damage to the previous metadata costs a full run and a warning, never wrong metadata. A wrong
     * open-checksum shows only once a file is read to its end, after its packages were handed over and
     * used: the update must then index everything again.
     */
    enum Damage {
        FLIPPED_BYTE_IN_PRIMARY, TRUNCATED_REPOMD, MISSING_FILELISTS, WRONG_OPEN_CHECKSUM_OF_PRIMARY,
        WRONG_OPEN_CHECKSUM_OF_OTHER
    }

    static Stream<Arguments> damages() {
        return Stream.of(Damage.values()).flatMap(damage -> Stream.of(MetadataCompression.values())
                .map(compression -> Arguments.of(damage, compression)));
    }

    @ParameterizedTest
    @MethodSource("damages")
    void damagedPreviousMetadataFallsBackToAFullRunWithAWarning(Damage damage, MetadataCompression compression)
            throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        startRepository(repo);
        RepositoryOptions options = RepositoryOptions.of(RepoFixtures.REVISION).withCompression(compression);
        WrittenRepository first = new RepositoryWriter(Console.SILENT).write(repo, options);
        Path primary = repo.resolve(first.records().get(0).location());
        switch (damage) {
            case FLIPPED_BYTE_IN_PRIMARY -> {
                byte[] bytes = Files.readAllBytes(primary);
                bytes[bytes.length / 2] ^= 1;
                Files.write(primary, bytes);
            }
            case TRUNCATED_REPOMD -> Files.writeString(repo.resolve("repodata/repomd.xml"), "<?xml version=\"1.0\"?><repomd");
            case MISSING_FILELISTS -> Files.delete(repo.resolve(first.records().get(1).location()));
            case WRONG_OPEN_CHECKSUM_OF_PRIMARY -> wrongOpenChecksum(repo, first, "primary");
            case WRONG_OPEN_CHECKSUM_OF_OTHER -> wrongOpenChecksum(repo, first, "other");
        }
        replaceWithAnotherSize(repo, "beta");

        List<String> log = new ArrayList<>();
        new RepositoryWriter(recording(log)).write(repo, options.withUpdate(true));
        Path full = copyPackages(repo, dir.resolve("full"));
        new RepositoryWriter(Console.SILENT).write(full, options);

        assertEquals(contents(full.resolve("repodata")), contents(repo.resolve("repodata")));
        assertTrue(log.stream().anyMatch(m -> m.startsWith("WARN update: the previous metadata cannot be used (reading ")
                && m.endsWith("); indexing every package again")), log.toString());
        assertTrue(log.get(log.size() - 1).contains("(0 unchanged"), log.toString());
    }

    /**
     * An update that changes the compression keeps the previous texts and writes the bytes of a full
     * run in the new one: nothing of a zstd file is copied into gzip, and gzip chunks are not copied
     * into zstd.
     */
    @ParameterizedTest
    @EnumSource(MetadataCompression.class)
    void anUpdateToAnotherCompressionIsTheBytesOfAFullRun(MetadataCompression before) throws Exception {
        MetadataCompression after = before == MetadataCompression.GZIP ? MetadataCompression.ZSTD
                : MetadataCompression.GZIP;
        // Nothing changed: every package in one chunk, where only the compression tells the files apart.
        for (Change change : List.of(Change.NOTHING, Change.ADD_PACKAGES)) {
            Path repo = Files.createDirectories(dir.resolve(change + "-repo"));
            startRepository(repo);
            new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION)
                    .withCompression(before));
            apply(change, repo);

            List<String> log = new ArrayList<>();
            RepositoryOptions options = RepositoryOptions.of(RepoFixtures.REVISION).withCompression(after);
            new RepositoryWriter(recording(log)).write(repo, options.withUpdate(true));
            Path full = copyPackages(repo, dir.resolve(change + "-full"));
            new RepositoryWriter(Console.SILENT).write(full, options);

            assertEquals(contents(full.resolve("repodata")), contents(repo.resolve("repodata")), change.toString());
            assertTrue(log.get(log.size() - 1).contains("(5 unchanged"), log.toString());
        }
    }

    /** repomd.xml states another open-checksum for one file; the file and its checksum stay as written. */
    private static void wrongOpenChecksum(Path repo, WrittenRepository written, String type) throws Exception {
        String stated = written.records().stream().filter(r -> r.type().equals(type)).findFirst().orElseThrow()
                .openChecksum();
        String wrong = (stated.charAt(0) == '0' ? "1" : "0") + stated.substring(1);
        Path repomd = repo.resolve("repodata/repomd.xml");
        String text = Files.readString(repomd);
        assertTrue(text.contains(stated), text);
        Files.writeString(repomd, text.replace(stated, wrong));
    }

    /**
     * createrepo_c reads our gzip metadata, chunks and index included: its --update over our repodata
     * keeps the old metadata of a package rewritten with the same size and time, which it can only
     * have read from our primary.xml.gz (0.17.3 on the host, 1.2.1 in the sid root).
     */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void createrepoUpdatesFromOurGzipMetadata(RpmGeneration generation) throws Exception {
        generation.requireTool("createrepo_c");
        Path repo = Files.createDirectories(generation.workDir(dir).resolve("ours"));
        startRepository(repo);
        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        String oldPkgid = RepodataReader.read(repo).find("alpha").orElseThrow().pkgid();
        Path alpha = replaceWithSameSize(repo, "alpha");
        Files.setLastModifiedTime(alpha, FileTime.from(BEFORE));
        apply(Change.ADD_PACKAGES, repo);

        generation.ok("createrepo_c", "--no-database", "--general-compress-type=gz", "--update", "--revision",
                Long.toString(LATER_REVISION.getEpochSecond()), generation.path(repo));
        Repodata theirs = RepodataReader.read(repo);
        assertEquals(oldPkgid, theirs.find("alpha").orElseThrow().pkgid(), "kept from our primary.xml.gz");
        assertEquals(List.of("alpha", "beta", "delta", "epsilon", "eta", "gamma", "zeta"), theirs.packages().stream()
                .map(PackageMetadata::name).sorted().toList());
    }

    /**
     * createrepo_c's metadata is never taken for ours, although its primary and filelists are the
     * same text: neither its gzip (no chunk index) nor its zstd (no {@link ZstdMark}) carries our mark.
     * Taking them would keep texts that differ from ours in places (1.2.1's attribute encoding in
     * other.xml).
     */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void noMetadataButOursIsKeptUnparsed(RpmGeneration generation) throws Exception {
        generation.requireTool("createrepo_c");
        // createrepo_c 0.17.3 writes no zstd.
        for (String type : generation == RpmGeneration.RPM_4_18 ? List.of("gz") : List.of("gz", "zstd")) {
            Path repo = Files.createDirectories(generation.workDir(dir).resolve("theirs-" + type));
            startRepository(repo);
            generation.ok("createrepo_c", "--no-database", "--general-compress-type=" + type, "--revision",
                    Long.toString(RepoFixtures.REVISION.getEpochSecond()), "--set-timestamp-to-revision",
                    generation.path(repo));
            assertTrue(KeptRepodata.read(repo).isEmpty(), generation + " " + type);
        }
    }

    /**
     * The referee: createrepo_c --update on a copy of the same repository, after the same changes and a
     * later revision, writes the same primary and filelists bytes as our update (0.17.3 with gzip, 1.2.1
     * with zstd; other.xml differs in 1.2.1's attribute encoding only, see CreaterepoComparisonTest).
     */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void updatesAsCreaterepoUpdates(RpmGeneration generation) throws Exception {
        generation.requireTool("createrepo_c");
        MetadataCompression compression = generation == RpmGeneration.RPM_4_18 ? MetadataCompression.GZIP
                : MetadataCompression.ZSTD;
        String compressType = "--general-compress-type=" + (compression == MetadataCompression.GZIP ? "gz" : "zstd");
        Path ours = Files.createDirectories(dir.resolve("ours"));
        startRepository(ours);
        Path theirs = copyPackages(ours, generation.workDir(dir).resolve("theirs"));
        RepositoryOptions options = RepositoryOptions.of(RepoFixtures.REVISION).withCompression(compression);
        new RepositoryWriter(Console.SILENT).write(ours, options);
        generation.ok("createrepo_c", "--no-database", compressType, "--revision",
                Long.toString(RepoFixtures.REVISION.getEpochSecond()), generation.path(theirs));
        for (Path repo : List.of(ours, theirs)) {
            apply(Change.ADD_PACKAGES, repo);
            apply(Change.REPLACE_WITH_ANOTHER_SIZE, repo);
            Files.delete(repo.resolve("packages/gamma-1.0-1.noarch.rpm"));
        }
        new RepositoryWriter(Console.SILENT).write(ours, RepositoryOptions.of(LATER_REVISION)
                .withCompression(compression).withUpdate(true));
        generation.ok("createrepo_c", "--no-database", compressType, "--update", "--revision",
                Long.toString(LATER_REVISION.getEpochSecond()), generation.path(theirs));

        Repodata our = RepodataReader.read(ours);
        Repodata their = RepodataReader.read(theirs);
        assertEquals(their.packages(), our.packages());
        for (String type : List.of("primary", "filelists")) {
            assertEquals(their.record(type).orElseThrow().openChecksum(), our.record(type).orElseThrow().openChecksum(),
                    type + ".xml");
        }
    }

    /** Five packages, two of them in a subdirectory, all dated an hour before the revision. */
    private static void startRepository(Path repo) throws Exception {
        for (String name : List.of("alpha", "beta", "gamma")) {
            RepoFixtures.write(RepoFixtures.small(name, "1.0").build(), repo.resolve("packages"));
        }
        for (String name : List.of("delta", "epsilon")) {
            RepoFixtures.write(RepoFixtures.small(name, "1.0").build(), repo.resolve("packages/more"));
        }
        dateEverything(repo, BEFORE);
    }

    private void apply(Change change, Path repo) throws Exception {
        switch (change) {
            case ADD_PACKAGES -> {
                for (String name : List.of("zeta", "eta")) {
                    Path rpm = RepoFixtures.write(RepoFixtures.small(name, "1.0").build(), repo.resolve("packages"));
                    Files.setLastModifiedTime(rpm, FileTime.from(BEFORE));
                }
            }
            case REMOVE_A_PACKAGE -> Files.delete(repo.resolve("packages/more/delta-1.0-1.noarch.rpm"));
            case REPLACE_WITH_ANOTHER_SIZE -> replaceWithAnotherSize(repo, "beta");
            case REPLACE_WITH_THE_SAME_SIZE_LATER -> Files.setLastModifiedTime(replaceWithSameSize(repo, "beta"),
                    FileTime.from(BEFORE.plusSeconds(1)));
            case NOTHING -> {
            }
        }
    }

    /** The package file rewritten with a longer summary, at the old time. */
    private static Path replaceWithAnotherSize(Path repo, String name) throws Exception {
        PackageSpec spec = RepoFixtures.small(name, "1.0").summary("A longer summary for " + name).build();
        Path rpm = RepoFixtures.write(spec, repo.resolve("packages"));
        Files.setLastModifiedTime(rpm, FileTime.from(BEFORE));
        return rpm;
    }

    /** The package file rewritten with other bytes of the same length (one letter of its summary). */
    private static Path replaceWithSameSize(Path repo, String name) throws Exception {
        Path rpm = repo.resolve("packages/" + name + "-1.0-1.noarch.rpm");
        long size = Files.size(rpm);
        RepoFixtures.write(RepoFixtures.small(name, "1.0").summary("Stand-in for " + name.toUpperCase()).build(),
                repo.resolve("packages"));
        assertEquals(size, Files.size(rpm), "the same length");
        return rpm;
    }

    private static void dateEverything(Path repo, Instant time) throws Exception {
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".rpm")).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(time));
            }
        }
    }

    /** The packages of {@code repo}, with their times, into a new repository without repodata. */
    private static Path copyPackages(Path repo, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(repo.resolve("packages"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".rpm")).toList()) {
                Path target = to.resolve(repo.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    /** Every file of a directory: name to SHA-256 and modification time. */
    private static Map<String, String> contents(Path directory) throws Exception {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), io.rpmkit.format.Digests.hex(
                        io.rpmkit.format.Digests.sha256().digest(Files.readAllBytes(file))) + " "
                        + Files.getLastModifiedTime(file).toInstant());
            }
        }
        return contents;
    }

    private static Console recording(List<String> log) {
        return new Console() {
            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        };
    }
}

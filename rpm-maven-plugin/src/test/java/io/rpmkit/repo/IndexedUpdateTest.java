package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Console;
import io.rpmkit.format.Digests;
import io.rpmkit.payload.GzipFraming;

/**
 * An update over metadata we wrote copies the compressed chunks of unchanged packages. To see which
 * chunks were copied, the previous files are re-encoded first as stored (uncompressed) deflate blocks,
 * the same text in other bytes: a chunk of the update that has those bytes was copied, one that has
 * level-6 bytes was compressed again. A chunk must be copied exactly when the previous metadata has a
 * chunk of the same text primed by the same text, and the update must read as a full run does.
 */
class IndexedUpdateTest {
    private static final Instant BEFORE = RepoFixtures.REVISION.minusSeconds(3600);
    private static final int PACKAGES = 400;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path pool;

    /** The previous files as re-encoded, inflated. */
    private final List<IndexedGzip.Inflated> previousInflated = new ArrayList<>();

    enum Change {
        NOTHING, ADD_FIRST, ADD_IN_THE_MIDDLE, ADD_LAST, REMOVE_SOME, REPLACE_ONE, ADD_REMOVE_AND_REPLACE
    }

    @BeforeAll
    static void writePackages() throws Exception {
        pool = shared.resolve("pool");
        for (int i = 0; i < PACKAGES; i++) {
            write(pool, "pkg" + String.format("%03d", i), "1.0", i);
        }
        for (String name : List.of("aaa-first", "pkg199b-middle", "zzz-last")) {
            write(pool.resolve("extra"), name, "1.0", name.length());
        }
        write(pool.resolve("replaced"), "pkg042", "1.0", 99);
    }

    /** A package whose text varies in length, so that chunks end at different places. */
    private static void write(Path dir, String name, String version, int seed) throws Exception {
        Path rpm = RepoFixtures.write(RepoFixtures.small(name, version)
                .description(("Package " + name + " for the chunk test. ").repeat(1 + seed % 40)).build(), dir);
        Files.setLastModifiedTime(rpm, FileTime.from(BEFORE));
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void copiesExactlyTheChunksThatAreTheSame(Change change) throws Exception {
        Path repo = dir.resolve("repo");
        for (int i = 0; i < PACKAGES; i++) {
            copy(pool.resolve(fileName("pkg" + String.format("%03d", i))), repo);
        }
        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION));
        List<List<byte[]>> previousChunks = storeEveryChunk(repo);
        apply(change, repo);

        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION).withUpdate(true));
        Path full = dir.resolve("full");
        try (Stream<Path> files = Files.list(repo.resolve("packages"))) {
            for (Path file : files.toList()) {
                copy(file, full);
            }
        }
        new RepositoryWriter(Console.SILENT).write(full, RepositoryOptions.of(RepoFixtures.REVISION));

        int copiedInAll = 0;
        int chunksInAll = 0;
        for (MetadataXml kind : MetadataXml.values()) {
            IndexedGzip.Inflated updated = inflated(repo, kind);
            IndexedGzip.Inflated fromScratch = inflated(full, kind);
            assertArrayEquals(fromScratch.text(), updated.text(), kind + ": the text of a full run");
            assertArrayEquals(fromScratch.chunkEnds(), updated.chunkEnds(), kind + ": cut where a full run cuts");

            IndexedGzip.Inflated previous = previousInflated.get(kind.ordinal());
            Set<Integer> expected = new TreeSet<>();
            Set<Integer> copied = new TreeSet<>();
            for (int chunk = 1; chunk < updated.chunks() - 1; chunk++) {
                for (int old = 1; old < previous.chunks() - 1; old++) {
                    if (sameText(updated, chunk, previous, old) && samePriming(updated, chunk, previous, old)) {
                        expected.add(chunk);
                    }
                }
                byte[] bytes = Arrays.copyOfRange(updated.file(), updated.chunkStarts()[chunk],
                        updated.chunkStarts()[chunk + 1]);
                if (previousChunks.get(kind.ordinal()).stream().anyMatch(stored -> Arrays.equals(stored, bytes))) {
                    copied.add(chunk);
                }
            }
            assertEquals(expected, copied, kind + " with " + change + ": chunks copied");
            System.out.printf("IndexedUpdateTest %s, %s: %d of %d chunks of packages copied%n", change, kind,
                    copied.size(), updated.chunks() - 2);
            copiedInAll += copied.size();
            chunksInAll += updated.chunks() - 2;
        }
        if (change == Change.NOTHING) {
            assertEquals(chunksInAll, copiedInAll, "nothing changed: every chunk of packages is copied");
        } else {
            assertTrue(copiedInAll > 0 && copiedInAll < chunksInAll, copiedInAll + " of " + chunksInAll + " copied");
        }
    }

    /**
     * Re-encodes each file's chunks as stored blocks (same text, same index layout and level byte),
     * and repomd.xml's checksums and sizes with them; returns each file's stored chunks.
     */
    private List<List<byte[]>> storeEveryChunk(Path repo) throws Exception {
        Repodata repomd = RepodataReader.read(repo);
        List<RepomdRecord> records = new ArrayList<>();
        List<List<byte[]>> stored = new ArrayList<>();
        for (MetadataXml kind : MetadataXml.values()) {
            RepomdRecord record = repomd.record(kind.type()).orElseThrow();
            Path file = repo.resolve(record.location());
            IndexedGzip.Inflated inflated = IndexedGzip.inflate(Files.readAllBytes(file), Long.MAX_VALUE)
                    .orElseThrow();
            List<byte[]> chunks = new ArrayList<>();
            ByteArrayOutputStream deflate = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.NO_COMPRESSION, true);
            for (int chunk = 0; chunk < inflated.chunks(); chunk++) {
                deflater.reset();
                int start = inflated.textStart(chunk);
                deflater.setInput(inflated.text(), start, inflated.chunkEnds()[chunk] - start);
                byte[] out = new byte[inflated.text().length + 1024];
                int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                chunks.add(Arrays.copyOf(out, length));
                deflate.write(out, 0, length);
            }
            deflater.end();
            CRC32 crc = new CRC32();
            crc.update(inflated.text());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(IndexedGzip.header(inflated.level(), chunks.stream().mapToInt(c -> c.length).toArray()));
            deflate.writeTo(bytes);
            bytes.write(IndexedGzip.finalBlock());
            bytes.write(GzipFraming.trailer(crc.getValue(), inflated.text().length));
            byte[] file1 = bytes.toByteArray();
            assertArrayEquals(inflated.text(), IndexedGzip.inflate(file1, Long.MAX_VALUE).orElseThrow().text());
            assertFalse(Arrays.equals(file1, inflated.file()), "other bytes");
            Files.write(file, file1);
            records.add(new RepomdRecord(record.type(), Digests.hex(Digests.sha256().digest(file1)),
                    record.openChecksum(), record.location(), record.timestamp(), file1.length, record.openSize()));
            stored.add(chunks);
            previousInflated.add(IndexedGzip.inflate(file1, Long.MAX_VALUE).orElseThrow());
        }
        Files.writeString(repo.resolve("repodata/repomd.xml"), RepomdXml.render(repomd.revision(), records));
        return stored;
    }

    private void apply(Change change, Path repo) throws Exception {
        Path packages = repo.resolve("packages");
        switch (change) {
            case NOTHING -> {
            }
            case ADD_FIRST -> copy(pool.resolve("extra").resolve(fileName("aaa-first")), repo);
            case ADD_IN_THE_MIDDLE -> copy(pool.resolve("extra").resolve(fileName("pkg199b-middle")), repo);
            case ADD_LAST -> copy(pool.resolve("extra").resolve(fileName("zzz-last")), repo);
            case REMOVE_SOME -> {
                for (int i : new int[] {3, 150, 151, 300}) {
                    Files.delete(packages.resolve(fileName("pkg" + String.format("%03d", i))));
                }
            }
            case REPLACE_ONE -> {
                Files.copy(pool.resolve("replaced").resolve(fileName("pkg042")), packages.resolve(fileName("pkg042")),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            case ADD_REMOVE_AND_REPLACE -> {
                apply(Change.ADD_FIRST, repo);
                apply(Change.ADD_LAST, repo);
                apply(Change.REMOVE_SOME, repo);
                apply(Change.REPLACE_ONE, repo);
            }
        }
    }

    private static String fileName(String name) {
        return name + "-1.0-1.noarch.rpm";
    }

    private static void copy(Path rpm, Path repo) throws Exception {
        Path packages = Files.createDirectories(repo.resolve("packages"));
        Files.copy(rpm, packages.resolve(rpm.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static IndexedGzip.Inflated inflated(Path repo, MetadataXml kind) throws Exception {
        RepomdRecord record = RepodataReader.read(repo).record(kind.type()).orElseThrow();
        return IndexedGzip.inflate(Files.readAllBytes(repo.resolve(record.location())), Long.MAX_VALUE)
                .orElseThrow();
    }

    private static boolean sameText(IndexedGzip.Inflated a, int chunkA, IndexedGzip.Inflated b, int chunkB) {
        return Arrays.equals(a.text(), a.textStart(chunkA), a.chunkEnds()[chunkA], b.text(), b.textStart(chunkB),
                b.chunkEnds()[chunkB]);
    }

    /** The same dictionary: none for the first chunk of packages, else the same end of the chunk before. */
    private static boolean samePriming(IndexedGzip.Inflated a, int chunkA, IndexedGzip.Inflated b, int chunkB) {
        if (chunkA == 1 || chunkB == 1) {
            return chunkA == chunkB;
        }
        int endA = a.textStart(chunkA);
        int endB = b.textStart(chunkB);
        int lengthA = Math.min(IndexedGzip.DICTIONARY, endA - a.textStart(chunkA - 1));
        int lengthB = Math.min(IndexedGzip.DICTIONARY, endB - b.textStart(chunkB - 1));
        return Arrays.equals(a.text(), endA - lengthA, endA, b.text(), endB - lengthB, endB);
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.format.Digests;
import io.rpmkit.payload.DeflaterPool;

/**
 * {@link IndexedGzip}: what {@link IndexedGzipWriter} writes is one gzip stream that gzip itself and
 * Java read as the text, its chunks end where the layout says, and {@link IndexedGzip#inflate} gives
 * the text back exactly or not at all, however the file is damaged.
 */
class IndexedGzipTest {
    private static final int LEVEL = 6;

    @TempDir
    Path dir;

    /** Packages' texts and checksums, of sizes from a line to past the hard limit. */
    private record Packages(List<byte[]> texts, List<String> pkgids) {
        static Packages random(long seed) {
            return random(seed, 400, true);
        }

        static Packages random(long seed, int maxCount, boolean huge) {
            Random random = new Random(seed);
            int count = random.nextInt(maxCount);
            List<byte[]> texts = new ArrayList<>();
            List<String> pkgids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String pkgid = Digests.hex(Digests.sha256().digest((seed + "/" + i).getBytes(StandardCharsets.UTF_8)));
                int roll = random.nextInt(100);
                int length = roll < 90 || !huge && roll >= 98 ? 200 + random.nextInt(3000)
                        : roll < 98 ? 20_000 + random.nextInt(60_000)
                        : IndexedGzip.HARD_LIMIT + random.nextInt(IndexedGzip.HARD_LIMIT);
                StringBuilder text = new StringBuilder("<package pkgid=\"" + pkgid + "\">\n");
                while (text.length() < length) {
                    text.append("  <file>/usr/share/doc/p").append(i).append('/').append(random.nextInt(1000))
                            .append("</file>\n");
                }
                texts.add(text.append("</package>\n").toString().getBytes(StandardCharsets.UTF_8));
                pkgids.add(pkgid);
            }
            return new Packages(texts, pkgids);
        }

        byte[] opening() {
            return MetadataXml.FILELISTS.opening(texts.size()).getBytes(StandardCharsets.UTF_8);
        }

        byte[] closing() {
            return MetadataXml.FILELISTS.closing().getBytes(StandardCharsets.UTF_8);
        }

        byte[] whole() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(opening());
            texts.forEach(out::writeBytes);
            out.writeBytes(closing());
            return out.toByteArray();
        }
    }

    private IndexedGzipWriter.Written write(Packages packages, Path target) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        DeflaterPool deflaters = new DeflaterPool(LEVEL);
        try (IndexedGzipWriter writer = new IndexedGzipWriter(target, pool, 3, deflaters)) {
            writer.write(packages.opening());
            writer.endOpening();
            for (int i = 0; i < packages.texts().size(); i++) {
                byte[] text = packages.texts().get(i);
                // Long texts come in pieces, as a streamed package does.
                for (int at = 0; at < text.length; at += 70_000) {
                    writer.write(text, at, Math.min(70_000, text.length - at));
                }
                writer.endPackage(packages.pkgids().get(i), null);
            }
            return writer.finish(packages.closing());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            deflaters.endAll();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void writesOneGzipStreamThatGzipAndJavaReadAsTheText(long seed) throws Exception {
        Packages packages = Packages.random(seed);
        Path file = dir.resolve("filelists.xml.gz");
        IndexedGzipWriter.Written written = write(packages, file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] text = packages.whole();

        assertArrayEquals(text, new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes());
        assertArrayEquals(text, read(file, "gzip", "-dc", file.toString()), "gzip -dc");
        // Python's gzip module is what EL7's yum reads metadata with.
        assertArrayEquals(text, read(file, "python3", "-c", "import gzip, sys; sys.stdout.buffer.write("
                + "gzip.open(sys.argv[1]).read())", file.toString()), "python3's gzip");
        assertEquals(new IndexedGzipWriter.Written(Digests.hex(Digests.sha256().digest(bytes)), bytes.length,
                Digests.hex(Digests.sha256().digest(text)), text.length), written);
        assertTrue(!Files.exists(dir.resolve("filelists.xml.gz.deflate")), "the spool is gone");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void chunksEndWhereTheLayoutSays(long seed) throws Exception {
        Packages packages = Packages.random(seed);
        Path file = dir.resolve("f.gz");
        write(packages, file);
        IndexedGzip.Inflated inflated = IndexedGzip.inflate(Files.readAllBytes(file), Long.MAX_VALUE).orElseThrow();
        assertArrayEquals(packages.whole(), inflated.text());
        int[] ends = inflated.chunkEnds();
        assertEquals(packages.opening().length, ends[0], "the opening is a chunk of its own");
        assertEquals(packages.closing().length, inflated.text().length - inflated.textStart(ends.length - 1),
                "so is the closing");

        // Walk the packages: a chunk ends after the first package whose length and checksum end it,
        // or at the hard limit inside a package, and nowhere else.
        int chunk = 1;
        int chunkStart = ends[0];
        int at = ends[0];
        for (int i = 0; i < packages.texts().size(); i++) {
            int packageEnd = at + packages.texts().get(i).length;
            while (chunkStart + IndexedGzip.HARD_LIMIT < packageEnd) {
                chunkStart += IndexedGzip.HARD_LIMIT;
                assertEquals(chunkStart, ends[chunk++], "cut at the hard limit inside package " + i);
            }
            boolean ends0 = IndexedGzip.endsChunk(packageEnd - chunkStart, packages.pkgids().get(i));
            boolean last = i == packages.texts().size() - 1;
            if (ends0 || packageEnd - chunkStart == IndexedGzip.HARD_LIMIT) {
                assertEquals(packageEnd, ends[chunk++], "chunk ends after package " + i);
                chunkStart = packageEnd;
            } else if (last && packageEnd > chunkStart) {
                assertEquals(packageEnd, ends[chunk++], "the last packages end their chunk");
                chunkStart = packageEnd;
            } else {
                assertTrue(ends[chunk] > packageEnd, "no chunk ends after package " + i);
            }
            at = packageEnd;
        }
        assertEquals(ends.length - 1, chunk, "then only the closing");
    }

    @Test
    void damageGivesTheTextExactlyOrNothing() throws Exception {
        Packages packages = Packages.random(21, 60, false);
        Path file = dir.resolve("f.gz");
        write(packages, file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] text = packages.whole();
        assertArrayEquals(text, IndexedGzip.inflate(bytes, Long.MAX_VALUE).orElseThrow().text());
        int levelByte = 10 + 2 + 4 + 1;
        int step = Math.max(1, bytes.length / 1500);
        int rejected = 0;
        int tried = 0;
        for (int position = 0; position < bytes.length; position += position < 400 ? 1 : step) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] damaged = bytes.clone();
                damaged[position] ^= (byte) flip;
                Optional<IndexedGzip.Inflated> read = IndexedGzip.inflate(damaged, Long.MAX_VALUE);
                tried++;
                if (read.isPresent()) {
                    // Bits deflate ignores (the padding before a sync flush) and the level, which says how
                    // the chunks were made, may change; what is read is then the text itself.
                    assertArrayEquals(text, read.get().text(), "byte " + position + " ^ " + flip);
                } else {
                    rejected++;
                    assertTrue(position != levelByte, "the level is not checked");
                }
            }
        }
        assertTrue(rejected > tried * 9 / 10, rejected + " of " + tried + " damaged files refused");
        for (int length = 0; length < bytes.length; length += length < 400 ? 1 : step) {
            assertTrue(IndexedGzip.inflate(Arrays.copyOf(bytes, length), Long.MAX_VALUE).isEmpty(), "cut at " + length);
        }
        assertTrue(IndexedGzip.inflate(Arrays.copyOf(bytes, bytes.length + 1), Long.MAX_VALUE).isEmpty(), "one more");
        assertTrue(IndexedGzip.inflate(bytes, text.length - 1L).isEmpty(), "more text than allowed");
        assertTrue(IndexedGzip.inflate(bytes, text.length).isPresent(), "exactly as much as allowed");
    }

    @Test
    void otherGzipIsNotTakenForOurs() throws Exception {
        byte[] text = Packages.random(31).whole();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(plain)) {
            out.write(text);
        }
        assertTrue(IndexedGzip.inflate(plain.toByteArray(), Long.MAX_VALUE).isEmpty());
        assertTrue(IndexedGzip.inflate(new byte[0], Long.MAX_VALUE).isEmpty());
    }

    /** The text as a program reads it; as Java reads it when the program is not there, loudly. */
    private static byte[] read(Path file, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            System.out.println("!!! SKIPPED reading with " + command[0] + ": not on this machine (" + e.getMessage()
                    + ")");
            return new GZIPInputStream(Files.newInputStream(file)).readAllBytes();
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor(), command[0] + "'s exit status");
        return out;
    }
}

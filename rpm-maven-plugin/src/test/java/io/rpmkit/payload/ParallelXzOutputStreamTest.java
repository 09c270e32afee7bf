package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

import io.rpmkit.testing.RealRpm;

class ParallelXzOutputStreamTest {
    private static final int MIB = 1 << 20;
    private static final int CHUNK = 8 * MIB;

    @TempDir
    Path dir;

    /** Sixteen symbols at random: four bits of entropy a byte, so it compresses to about half. */
    private static byte[] halfCompressible(int size) {
        byte[] data = new byte[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(16));
        }
        return data;
    }

    /** Lines that differ in a counter: LZMA finds long matches in them, fast. */
    private static byte[] text(int size) {
        byte[] data = new byte[size];
        int at = 0;
        for (int line = 0; at < size; line++) {
            byte[] bytes = ("line " + line % 1000 + " of the text that fills a block\n").getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(bytes.length, size - at);
            System.arraycopy(bytes, 0, data, at, n);
            at += n;
        }
        return data;
    }

    private static byte[] compress(byte[] data, int threads) throws IOException {
        return compress(data, 1, threads);
    }

    private static byte[] compress(byte[] data, int level, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelXzOutputStream xz = new ParallelXzOutputStream(out, level, threads)) {
            for (int off = 0; off < data.length; off += 1_000_003) {
                xz.write(data, off, Math.min(1_000_003, data.length - off));
            }
        }
        return out.toByteArray();
    }

    @Test
    void xzForJavaRestoresEveryInputSize() throws IOException {
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, 2 * CHUNK + 5}) {
            byte[] data = halfCompressible(size);
            byte[] restored = new XZInputStream(new ByteArrayInputStream(compress(data, 2))).readAllBytes();
            assertArrayEquals(data, restored, "size " + size);
        }
    }

    @Test
    void bytesDoNotDependOnTheNumberOfThreads() throws IOException {
        byte[] data = halfCompressible(2 * CHUNK + 12345);
        assertArrayEquals(compress(data, 1), compress(data, 3));
    }

    @Test
    void theXzCommandAcceptsTheMultiBlockStream() throws Exception {
        RealRpm.requireTool("xz");
        byte[] data = halfCompressible(3 * CHUNK + 17);
        Path file = Files.write(dir.resolve("data.xz"), compress(data, 2));
        RealRpm.ok("xz", "--test", file.toString());
        String list = RealRpm.ok("xz", "--list", "--robot", file.toString());
        assertTrue(list.lines().anyMatch(l -> l.startsWith("file\t1\t4\t")), list);
        RealRpm.ok("xz", "--decompress", "--keep", file.toString());
        assertEquals(data.length, Files.size(dir.resolve("data")));
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("data")));
    }

    @Test
    void aBlockIsAsLongAsTheLevelsDictionaryAndAtLeastEightMiB() throws IOException {
        int size = 16 * MIB + 5;
        byte[] data = text(size);
        for (int level : new int[] {1, 7}) {
            int dictionary = new LZMA2Options(level).getDictSize();
            long block = Math.max(CHUNK, dictionary);
            Path file = Files.write(dir.resolve("level" + level + ".xz"), compress(data, level, 2));
            try (SeekableXZInputStream in = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()))) {
                assertEquals((size + block - 1) / block, in.getBlockCount(), "level " + level);
                for (int b = 0; b < in.getBlockCount() - 1; b++) {
                    assertEquals(block, in.getBlockSize(b), "level " + level + ", block " + b);
                }
                assertArrayEquals(data, in.readAllBytes(), "level " + level);
            }
        }
    }

    @Test
    void levelsAboveSixFindWhatRepeatsFartherThanEightMiBBack() throws IOException {
        // Random bytes, text, and the same random bytes again 9 MiB after the first.
        byte[] random = new byte[256 << 10];
        new Random(11).nextBytes(random);
        byte[] data = text(9 * MIB + random.length);
        System.arraycopy(random, 0, data, 0, random.length);
        System.arraycopy(random, 0, data, 9 * MIB, random.length);
        int six = compress(data, 6, 2).length;
        int seven = compress(data, 7, 2).length;
        // Six's second block cannot look back to the first copy: it stores the random bytes twice.
        assertTrue(seven + random.length * 3 / 4 < six, "level 7: " + seven + " bytes, level 6: " + six);
    }

    @Test
    void encodersAreAsManyAsThreeQuartersOfTheHeapHoldsAndAtLeastOne() throws IOException {
        for (int level = 0; level <= 9; level++) {
            long perEncoder = ParallelXzOutputStream.bytesPerEncoder(level);
            long besides = 2L * Math.max(CHUNK, new LZMA2Options(level).getDictSize());
            for (long heap = perEncoder + besides; heap < 40 * perEncoder; heap += perEncoder / 3) {
                for (int threads = 1; threads <= 16; threads++) {
                    int encoders = ParallelXzOutputStream.encoders(level, threads, heap);
                    String where = "level " + level + ", heap " + heap + ", threads " + threads;
                    assertTrue(encoders >= 1 && encoders <= threads, where + ": " + encoders);
                    if (encoders > 1) {
                        assertTrue(encoders * perEncoder + besides <= heap / 4 * 3, where + ": " + encoders);
                    }
                    if (encoders < threads) {
                        assertTrue((encoders + 1) * perEncoder + besides > heap / 4 * 3, where + ": " + encoders);
                    }
                }
            }
        }
    }

    @Test
    void aHeapThatCannotHoldOneEncoderIsAnErrorThatSaysWhatTheLevelNeeds() throws IOException {
        for (int level = 0; level <= 9; level++) {
            long need = ParallelXzOutputStream.bytesPerEncoder(level)
                    + 2L * Math.max(CHUNK, new LZMA2Options(level).getDictSize());
            assertEquals(1, ParallelXzOutputStream.encoders(level, 8, need));
            int shown = level;
            IOException e = assertThrows(IOException.class, () -> ParallelXzOutputStream.encoders(shown, 8, need - 1));
            assertTrue(e.getMessage().startsWith("xz level " + level + " needs about " + ((need + MIB - 1) / MIB)
                    + " MiB of heap, and this JVM has " + ((need - 1 + MIB - 1) / MIB) + " MiB left: give it more"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("choose a lower compressionLevel"), e.getMessage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThrows(IOException.class, () -> new ParallelXzOutputStream(out, shown, 2, need - 1));
            assertEquals(0, out.size(), "nothing written for level " + level);
        }
    }
}

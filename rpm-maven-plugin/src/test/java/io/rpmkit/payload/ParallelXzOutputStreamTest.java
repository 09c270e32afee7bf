package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

import io.rpmkit.testing.RealRpm;

class ParallelXzOutputStreamTest {
    private static final int CHUNK = 8 << 20;

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

    private static byte[] compress(byte[] data, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelXzOutputStream xz = new ParallelXzOutputStream(out, 1, threads)) {
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
}

package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class ParallelGzipOutputStreamTest {
    private static final int CHUNK = 1 << 20;

    /** Half random, half repeated text: compresses to about half, like the benchmark's data. */
    private static byte[] halfCompressible(int size) {
        byte[] data = new byte[size];
        Random random = new Random(42);
        for (int i = 0; i < size; i += 4096) {
            int n = Math.min(4096, size - i);
            if ((i / 4096) % 2 == 0) {
                byte[] noise = new byte[n];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, data, i, n);
            } else {
                for (int j = 0; j < n; j++) {
                    data[i + j] = (byte) "the quick brown fox ".charAt((i + j) % 20);
                }
            }
        }
        return data;
    }

    private static byte[] compress(byte[] data, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, 6, threads)) {
            // Odd write sizes cross chunk boundaries anywhere.
            for (int off = 0; off < data.length; off += 77_777) {
                gzip.write(data, off, Math.min(77_777, data.length - off));
            }
        }
        return out.toByteArray();
    }

    @Test
    void gunzipRestoresEveryInputSize() throws IOException {
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 7}) {
            byte[] data = halfCompressible(size);
            byte[] restored = new GZIPInputStream(new ByteArrayInputStream(compress(data, 2))).readAllBytes();
            assertArrayEquals(data, restored, "size " + size);
        }
    }

    @Test
    void bytesDoNotDependOnTheNumberOfThreads() throws IOException {
        byte[] data = halfCompressible(3 * CHUNK + 12345);
        assertArrayEquals(compress(data, 1), compress(data, 4));
    }

    @Test
    void compressesAboutAsWellAsSerialGzip() throws IOException {
        byte[] data = halfCompressible(8 * CHUNK);
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(serial)) {
            gzip.write(data);
        }
        int parallel = compress(data, 2).length;
        assertTrue(parallel < serial.size() * 1.01, parallel + " vs serial " + serial.size());
    }
}

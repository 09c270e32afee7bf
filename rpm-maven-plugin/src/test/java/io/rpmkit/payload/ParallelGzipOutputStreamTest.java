package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * Reused Deflaters and buffers write what a new Deflater per chunk wrote before them, for
     * compressible and random data (whose deflate output is larger than its input) of any size.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, 3 * CHUNK + 5, -CHUNK, -(4 * CHUNK + 3)})
    void reusedDeflatersWriteWhatANewDeflaterPerChunkWrites(int size) throws IOException {
        byte[] data = size >= 0 ? halfCompressible(size) : random(-size);
        assertArrayEquals(newDeflaterPerChunk(data, 6), compress(data, 2), "size " + Math.abs(size));
    }

    /**
     * The writing thread takes chunk buffers from a pool bounded by the chunks in flight: 64 MiB
     * through two workers allocate a few chunks there, where a new buffer per chunk allocated 64 MiB.
     */
    @Test
    void chunkBuffersAreReusedNotAllocatedPerChunk() throws IOException {
        byte[] data = halfCompressible(CHUNK);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(OutputStreamSink.INSTANCE, 6, 2)) {
            for (int i = 0; i < 64; i++) {
                gzip.write(data);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 2 workers, 4 chunks in flight, 5 buffers; the 32 KiB dictionaries add 2 MiB.
        assertTrue(allocated < 10L * CHUNK, "allocated " + allocated + " bytes for 64 chunks");
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        return data;
    }

    /** The stream as it was made before the pool: a new Deflater and output per 1 MiB chunk. */
    private static byte[] newDeflaterPerChunk(byte[] data, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        byte[] priming = null;
        int offset = 0;
        do {
            byte[] input = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + CHUNK));
            offset += input.length;
            boolean last = offset >= data.length && input.length < CHUNK;
            Deflater deflater = new Deflater(level, true);
            if (priming != null) {
                deflater.setDictionary(priming);
            }
            deflater.setInput(input);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            deflater.end();
            priming = Arrays.copyOfRange(input, Math.max(0, input.length - 32 * 1024), input.length);
            if (last) {
                break;
            }
        } while (true);
        CRC32 crc = new CRC32();
        crc.update(data);
        for (int i = 0; i < 4; i++) {
            out.write((int) (crc.getValue() >>> (8 * i)));
        }
        for (int i = 0; i < 4; i++) {
            out.write((int) ((long) data.length >>> (8 * i)));
        }
        return out.toByteArray();
    }
}

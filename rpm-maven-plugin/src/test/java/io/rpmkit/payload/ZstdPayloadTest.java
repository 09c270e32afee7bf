package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.luben.zstd.ZstdInputStream;

import io.rpmkit.spec.Compression;

/** The zstd payload: the same bytes on any number of cores, whatever the jobs its size makes. */
class ZstdPayloadTest {
    private static final int JOB = Compressors.ZSTD_JOB_SIZE;

    /** Runs of random bytes and of text, so that jobs differ in how well they compress. */
    private static byte[] mixed(int size, long seed) {
        byte[] data = new byte[size];
        Random random = new Random(seed);
        for (int at = 0; at < size;) {
            int run = Math.min(size - at, 1 + random.nextInt(64 * 1024));
            if (random.nextBoolean()) {
                byte[] noise = new byte[run];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, data, at, run);
            } else {
                for (int i = 0; i < run; i++) {
                    data[at + i] = (byte) "the payload of a package ".charAt((at + i) % 25);
                }
            }
            at += run;
        }
        return data;
    }

    private static byte[] compress(byte[] data, int level, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zstd = Compressors.compress(Compression.ZSTD, out, level, threads, new HeapShare(), notice -> { })) {
            for (int at = 0; at < data.length; at += 99_991) { // writes that end anywhere in a job
                zstd.write(data, at, Math.min(99_991, data.length - at));
            }
        }
        return out.toByteArray();
    }

    @Test
    void theBytesDoNotDependOnTheThreadsAndRestoreTheInput() throws IOException {
        Random sizes = new Random(7);
        int[] fixed = {0, 1, JOB - 1, JOB, JOB + 1, 3 * JOB + 12_345};
        for (int round = 0; round < fixed.length + 3; round++) {
            int size = round < fixed.length ? fixed[round] : sizes.nextInt(4 * JOB);
            int level = 1 + round % 5;
            byte[] data = mixed(size, round);
            byte[] one = compress(data, level, 1);
            for (int threads : new int[] {2, 3}) {
                assertArrayEquals(one, compress(data, level, threads), "size " + size + ", level " + level + ", "
                        + threads + " threads");
            }
            byte[] restored = new ZstdInputStream(new ByteArrayInputStream(one)).readAllBytes();
            assertEquals(size, restored.length, "size " + size);
            assertArrayEquals(data, restored, "size " + size);
        }
    }
}

package io.rpmkit.payload;

import java.io.IOException;
import java.io.OutputStream;

import com.github.luben.zstd.ZstdOutputStream;

import io.rpmkit.spec.Compression;

/** The compressing streams behind each {@link Compression}. */
public final class Compressors {
    private Compressors() {
    }

    /**
     * Wraps {@code out} so that what is written to the result reaches {@code out} compressed, on all
     * cores where the format allows it. The bytes never depend on the number of cores.
     */
    public static OutputStream compress(Compression compression, OutputStream out, int level) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return switch (compression) {
            case GZIP -> new ParallelGzipOutputStream(out, level, threads);
            case XZ -> new ParallelXzOutputStream(out, level, threads);
            // zstd's output is the same for any number of workers from 1 up (0 would differ).
            case ZSTD -> new ZstdOutputStream(out, level).setWorkers(threads);
            case NONE -> out;
        };
    }
}

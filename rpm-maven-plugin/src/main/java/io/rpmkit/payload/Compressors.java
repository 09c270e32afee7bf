package io.rpmkit.payload;

import java.io.IOException;
import java.io.OutputStream;

import com.github.luben.zstd.ZstdOutputStream;
import com.github.luben.zstd.util.Native;

import io.rpmkit.spec.Compression;

/** The compressing streams behind each {@link Compression}. */
public final class Compressors {
    private Compressors() {
    }

    /**
     * Starts loading the compressor's native library, if it has one, on another thread, so that it is
     * ready when the payload starts instead of adding its time (zstd: about 35 ms) to a small
     * package's build. The first stream waits for it (zstd-jni loads under a lock).
     */
    public static void prepare(Compression compression) {
        if (compression == Compression.ZSTD && !Native.isLoaded()) {
            Thread loader = new Thread(() -> {
                try {
                    Native.load();
                } catch (LinkageError e) {
                    // The payload's own load fails the same way and reports it.
                }
            }, "rpmkit-zstd-load");
            loader.setDaemon(true);
            loader.start();
        }
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

package io.rpmkit.payload;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

import com.github.luben.zstd.ZstdOutputStream;
import com.github.luben.zstd.util.Native;

import io.rpmkit.spec.Compression;

/** The compressing streams behind each {@link Compression}. */
public final class Compressors {
    static final int ZSTD_JOB_SIZE = 4 << 20;

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
     *
     * @param heap what xz's encoders may hold, shared with the payloads written at the same time
     * @param whenWaiting told why, before the payload waits for the others' heap
     */
    public static OutputStream compress(Compression compression, OutputStream out, int level, HeapShare heap,
            Consumer<String> whenWaiting) throws IOException {
        return compress(compression, out, level, Math.max(1, Runtime.getRuntime().availableProcessors()), heap,
                whenWaiting);
    }

    static OutputStream compress(Compression compression, OutputStream out, int level, int threads, HeapShare heap,
            Consumer<String> whenWaiting) throws IOException {
        return switch (compression) {
            case GZIP -> new ParallelGzipOutputStream(out, level, threads);
            case XZ -> ParallelXzOutputStream.open(out, level, threads, heap, whenWaiting);
            // zstd's output is the same for any number of workers from 1 up (0 would differ). Its jobs
            // default to four windows (8 MiB at level 3), and each worker holds input and output buffers of
            // that size: 4 MiB jobs keep about 30 MiB less in native memory, cost no time on 2 cores, and
            // compress 0.1 % worse (a 317 MB JDK, level 3). At high levels zstd raises a job to at least
            // its overlap, so there the setting only lowers a larger default.
            case ZSTD -> new ZstdOutputStream(out, level).setWorkers(threads).setJobSize(ZSTD_JOB_SIZE);
            case NONE -> out;
        };
    }
}

package io.rpmkit.payload;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;

/**
 * The raw Deflaters of one level for threads that compress chunk after chunk: each is kept for the
 * next chunk instead of made per chunk (a reset Deflater writes what a new one does), so there are
 * at most as many as chunks compressed at once, and {@link #endAll} frees their native memory.
 */
public final class DeflaterPool {
    private final int level;
    /** Every Deflater made, to end them all; the idle ones wait in {@link #idle}. */
    private final Queue<Deflater> all = new ConcurrentLinkedQueue<>();
    private final Queue<Deflater> idle = new ConcurrentLinkedQueue<>();

    public DeflaterPool(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public Deflater take() {
        Deflater deflater = idle.poll();
        if (deflater == null) {
            deflater = new Deflater(level, true);
            all.add(deflater);
        }
        return deflater;
    }

    public void give(Deflater deflater) {
        deflater.reset();
        idle.add(deflater);
    }

    public void endAll() {
        idle.clear();
        for (Deflater deflater = all.poll(); deflater != null; deflater = all.poll()) {
            deflater.end();
        }
    }

    /** Room for input that does not compress: deflate's stored blocks add 5 bytes per 16 KiB. */
    public static int room(int inputLength) {
        return inputLength + inputLength / 64 + 1024;
    }
}

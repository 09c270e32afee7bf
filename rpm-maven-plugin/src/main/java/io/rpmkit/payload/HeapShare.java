package io.rpmkit.payload;

import java.io.InterruptedIOException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The heap that payloads written at the same time in one JVM (Maven's {@code -T}, a library's own
 * threads) divide among their xz encoders, which hold up to hundreds of mebibytes each. Each stream
 * reserves what its encoders take before it starts them and gives it back when it ends, so that two
 * packages started together do not both count the whole heap as theirs. A stream that cannot have
 * even one encoder while others hold theirs waits for them; one that is alone always gets one, so
 * that a level whose encoder takes more than the share still builds where the heap holds it.
 *
 * <p>Give every writer that may run at the same time the same share; a writer made without one has
 * its own, as if it were alone.
 */
public final class HeapShare {
    private final long bytes;
    private long reserved;
    private int holders;

    /** Three quarters of what this JVM's heap may grow to; the rest is the build's and the collector's room. */
    public HeapShare() {
        this(Runtime.getRuntime().maxMemory() / 4 * 3);
    }

    /** @param bytes what all reservations together may hold */
    HeapShare(long bytes) {
        this.bytes = bytes;
    }

    /** Bytes held for one stream until {@link #release()}. */
    public final class Reservation {
        private final int units;
        private long held;

        private Reservation(int units, long held) {
            this.units = units;
            this.held = held;
        }

        /** How many of the units asked for were granted, at least one. */
        public int units() {
            return units;
        }

        /** Gives the bytes back, once; later calls do nothing. */
        public void release() {
            synchronized (HeapShare.this) {
                if (held > 0) {
                    reserved -= held;
                    holders--;
                    held = 0;
                    HeapShare.this.notifyAll();
                }
            }
        }
    }

    /** Reserves as {@link #reserve(long, long, IntSupplier, Consumer)} does, wanting {@code wanted} units. */
    public Reservation reserve(long first, long each, int wanted) throws InterruptedIOException {
        return reserve(first, each, () -> wanted, notice -> { });
    }

    /**
     * Reserves {@code first} bytes for one unit and {@code each} for every further unit, as many units
     * as fit up to what {@code wanted} says, waiting while not even one fits and other streams hold a
     * reservation.
     *
     * @param wanted how many units the stream would use, asked once the wait is over (the heap it
     *     measures is the heap the others left)
     * @param whenWaiting told, once, before a wait, why the stream waits
     * @throws InterruptedIOException when the thread is interrupted while it waits
     */
    public synchronized Reservation reserve(long first, long each, IntSupplier wanted, Consumer<String> whenWaiting)
            throws InterruptedIOException {
        if (first <= 0 || each <= 0) {
            throw new IllegalArgumentException("first " + first + ", each " + each);
        }
        for (boolean told = false; holders > 0 && bytes - reserved < first; told = true) {
            if (!told) {
                whenWaiting.accept("waiting for " + mib(first) + " MiB of heap for xz: the packages written at the"
                        + " same time hold " + mib(reserved) + " of the " + mib(bytes) + " MiB they share");
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for heap held by other payloads");
            }
        }
        int asked = wanted.getAsInt();
        if (asked < 1) {
            throw new IllegalArgumentException("wanted " + asked);
        }
        long more = Math.max(0, bytes - reserved - first) / each;
        int units = (int) Math.min(asked, 1 + more);
        long held = first + (units - 1) * each;
        reserved += held;
        holders++;
        return new Reservation(units, held);
    }

    /** Bytes in mebibytes, rounded up, for messages. */
    static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** What the reservations hold now, for tests. */
    synchronized long reserved() {
        return reserved;
    }
}

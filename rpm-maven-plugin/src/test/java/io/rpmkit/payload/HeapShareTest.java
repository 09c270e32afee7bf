package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class HeapShareTest {
    /** Alone, a stream gets as many units as fit after its first, never fewer than one, never more than it asks. */
    @Test
    void grantsWhatFitsAndAtLeastOne() throws Exception {
        Random random = new Random(14);
        for (int i = 0; i < 10_000; i++) {
            long bytes = 1 + random.nextInt(1 << 20);
            long first = 1 + random.nextInt(1 << 18);
            long each = 1 + random.nextInt(1 << 17);
            int wanted = 1 + random.nextInt(16);
            HeapShare share = new HeapShare(bytes);

            HeapShare.Reservation granted = share.reserve(first, each, wanted);

            int fit = bytes < first ? 1 : (int) Math.min(wanted, 1 + (bytes - first) / each);
            String row = bytes + " " + first + " " + each + " " + wanted;
            assertEquals(fit, granted.units(), row);
            assertEquals(first + (fit - 1) * each, share.reserved(), row);
            assertTrue(share.reserved() <= Math.max(bytes, first), row);
            granted.release();
            granted.release();
            assertEquals(0, share.reserved(), row + ": released once, however often asked");
        }
    }

    /** Beside others, a stream takes what they leave; when not even one unit is left it waits for them. */
    @Test
    void waitsWhileOthersHoldTheRoomForOne() throws Exception {
        HeapShare share = new HeapShare(1000);
        HeapShare.Reservation first = share.reserve(400, 100, 1);
        HeapShare.Reservation second = share.reserve(400, 100, 4);
        assertEquals(3, second.units(), "400 for one and two of 100 in the 600 left");

        CompletableFuture<HeapShare.Reservation> third = CompletableFuture.supplyAsync(() -> {
            try {
                return share.reserve(400, 100, 2);
            } catch (InterruptedIOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS));
        first.release(); // 400 free: one fits
        assertEquals(1, third.get(10, TimeUnit.SECONDS).units());
        assertEquals(1000, share.reserved());
        second.release();
        third.get().release();
        assertEquals(0, share.reserved());
    }

    @Test
    void aWaitIsInterruptedAsAnIoErrorHoldingNothing() throws Exception {
        HeapShare share = new HeapShare(100);
        HeapShare.Reservation held = share.reserve(80, 10, 1);
        CompletableFuture<Throwable> waiting = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                share.reserve(80, 10, 1);
                waiting.complete(null);
            } catch (InterruptedIOException e) {
                waiting.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag cleared"));
            }
        });
        thread.start();
        assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
        thread.interrupt();
        Throwable thrown = waiting.get(10, TimeUnit.SECONDS);
        assertTrue(thrown instanceof InterruptedIOException, String.valueOf(thrown));
        assertEquals(80, share.reserved());
        held.release();
        assertEquals(0, share.reserved());
    }

    @Test
    void refusesWhatNoStreamAsks() {
        HeapShare share = new HeapShare(100);
        for (long[] bad : new long[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {-1, 1, 1}}) {
            assertThrows(IllegalArgumentException.class, () -> share.reserve(bad[0], bad[1], (int) bad[2]));
        }
        assertEquals(0, share.reserved());
    }
}

package io.rpmkit.payload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Cuts what is written into fixed-size chunks, compresses them on worker threads, and writes the
 * results in order. Chunk boundaries depend only on the bytes written, so the output never depends
 * on the number of threads; at most a few chunks are in flight, so memory does not grow with the
 * payload. A chunk's buffer is used again once its result is written, so that a long payload does
 * not leave the collector a megabyte per chunk (the heap, and so peak RSS, stays flat).
 *
 * @param <T> what compressing one chunk produces
 */
public abstract class ParallelChunkOutputStream<T> extends OutputStream {
    /** How long a stream that stops waits for workers still inside a chunk. */
    private static final int STOP_WAIT_SECONDS = 10;
    private final OutputStream out;
    private final int chunkSize;
    private final int threads;
    private final ExecutorService workers;
    private final int maxInFlight;
    /** What the writing thread's error says when the heap cannot hold another chunk. */
    private final String whenHeapRunsOut;
    private final Deque<InFlight<T>> inFlight = new ArrayDeque<>();
    /** Chunk buffers whose results are written, at most {@code maxInFlight} of them. */
    private final Deque<byte[]> freeChunks = new ArrayDeque<>();
    private byte[] chunk;
    private int filled;
    private long chunksSubmitted;
    private boolean closed;

    /**
     * @param whenHeapRunsOut what to do when the heap cannot hold another chunk, or a worker its
     *     buffers, in words for the user (chunks are allocated on the writing thread when bytes come for
     *     them; the error names the chunk's size before this)
     */
    ParallelChunkOutputStream(OutputStream out, int chunkSize, int threads, int maxInFlight, String threadName,
            String whenHeapRunsOut) {
        this.out = out;
        this.threads = threads;
        this.chunkSize = chunkSize;
        this.whenHeapRunsOut = whenHeapRunsOut;
        this.maxInFlight = maxInFlight;
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The work for one chunk; called in order, on the writing thread. */
    abstract Callable<T> job(byte[] input, boolean last);

    /** Writes one chunk's result; called in order. */
    abstract void writeResult(OutputStream target, T result) throws IOException;

    /** Called once a result is written, so that its buffers can serve a later chunk. */
    void recycle(T result) {
    }

    /**
     * Frees what the subclass holds for the stream (Deflaters outside the heap, xz's share of it); called
     * once, when the stream closes or aborts, after its workers have stopped.
     */
    void release() {
    }

    /** Writes what follows the last chunk (a trailer, an index). */
    abstract void finishStream(OutputStream target) throws IOException;

    /** Sees every byte written, in order, before it is chunked (e.g. for a whole-stream CRC). */
    void observe(byte[] b, int off, int len) {
    }

    /** Whether the final chunk is submitted even when empty (gzip needs its closing deflate block). */
    boolean submitsEmptyLastChunk() {
        return true;
    }

    /** How many chunks are compressed at once. */
    final int workers() {
        return threads;
    }

    final OutputStream target() {
        return out;
    }

    final boolean wroteNothing() {
        return chunksSubmitted == 0 && filled == 0;
    }

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        observe(b, off, len);
        while (len > 0) {
            if (chunk == null) {
                chunk = freeChunks.isEmpty() ? allocate(chunkSize) : freeChunks.pop();
            }
            int n = Math.min(len, chunkSize - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == chunkSize) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = chunk;
        if (filled < chunkSize) {
            input = allocate(filled);
            if (filled > 0) {
                System.arraycopy(chunk, 0, input, 0, filled);
            }
        }
        inFlight.add(new InFlight<>(workers.submit(job(input, last)), input));
        chunksSubmitted++;
        if (input == chunk) {
            chunk = null; // the next is taken when bytes come for it: a stream's last full chunk needs no successor
        }
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
    }

    /**
     * A chunk's buffer. A heap too full for it (the build's other work, packages written at the same
     * time) is the user's to mend, so it is an error that says how, not an OutOfMemoryError.
     */
    private byte[] allocate(int size) throws IOException {
        try {
            return new byte[size];
        } catch (OutOfMemoryError e) {
            throw new IOException("the heap ran out for a payload chunk of " + HeapShare.mib(size)
                    + " MiB: " + whenHeapRunsOut, e);
        }
    }

    private void writeOldest() throws IOException {
        InFlight<T> oldest = inFlight.removeFirst();
        try {
            T result = oldest.result().get();
            writeResult(out, result);
            recycle(result);
            // The job has finished with its input: a full chunk's buffer can take the next chunk.
            if (oldest.input().length == chunkSize) {
                freeChunks.push(oldest.input());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError) {
                // A worker's own buffers (gzip's output, an encoder's tables) come from the same heap.
                throw new IOException("the heap ran out while compressing a payload chunk: " + whenHeapRunsOut, cause);
            }
            throw new IOException("compressing failed" + (cause instanceof IOException ? ": " + cause.getMessage() : ""),
                    cause);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Stops the workers without finishing the stream, for a build that failed. */
    public final void abort() {
        if (!closed) { // else close() has stopped it, or is stopping it in its finally
            closed = true;
            stop();
        }
    }

    /**
     * Stops the workers, waits a moment for those still compressing (they look at interrupts between
     * slices of their chunk) so that what they hold is garbage by then, drops the chunk buffers and
     * releases the subclass's resources; called once, by whichever of close and abort comes first.
     */
    private void stop() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        chunk = null;
        freeChunks.clear();
        inFlight.clear();
        release();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (filled > 0 || submitsEmptyLastChunk()) {
                submit(true);
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            finishStream(out);
        } finally {
            stop();
            out.close();
        }
    }

    /** A submitted chunk: its result to come and the buffer it reads. */
    private record InFlight<T>(Future<T> result, byte[] input) {
    }
}

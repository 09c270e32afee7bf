package io.rpmkit.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member whose deflate stream is made of chunks compressed in parallel, the way pigz does:
 * each chunk starts with the previous chunk's last 32 KiB as its dictionary and ends on a sync flush,
 * so the chunks concatenate into one valid stream that compresses about as well as a serial one. The
 * bytes depend only on the input and the level, never on the number of threads.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    private static final int CHUNK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;
    /** gzip header: magic, deflate, no flags, mtime 0 (reproducible), no extra flags, OS Unix. */
    private static final List<Byte> HEADER = List.of((byte) 0x1f, (byte) 0x8b, (byte) 8, (byte) 0, (byte) 0, (byte) 0,
            (byte) 0, (byte) 0, (byte) 0, (byte) 3);

    private final OutputStream out;
    private final int level;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] chunk = new byte[CHUNK];
    private int filled;
    private byte[] dictionary;
    private long total;
    private boolean closed;

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this.out = out;
        this.level = level;
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "rpmkit-gzip");
            thread.setDaemon(true);
            return thread;
        });
        this.maxInFlight = 2 * threads;
        for (byte b : HEADER) {
            out.write(b);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        total += len;
        while (len > 0) {
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == CHUNK) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled);
        byte[] priming = dictionary;
        inFlight.add(workers.submit(() -> deflate(input, priming, last)));
        dictionary = Arrays.copyOfRange(input, Math.max(0, input.length - DICTIONARY), input.length);
        chunk = new byte[CHUNK];
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
    }

    private byte[] deflate(byte[] input, byte[] priming, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (priming != null && priming.length > 0) {
                deflater.setDictionary(priming);
            }
            deflater.setInput(input);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(input.length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    compressed.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing failed", e.getCause());
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Stops the workers without finishing the stream, for a build that failed. */
    public void abort() {
        closed = true;
        workers.shutdownNow();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            byte[] trailer = new byte[8];
            putLittleEndian(trailer, 0, crc.getValue());
            putLittleEndian(trailer, 4, total);
            out.write(trailer);
        } finally {
            workers.shutdownNow();
            out.close();
        }
    }

    private static void putLittleEndian(byte[] target, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}

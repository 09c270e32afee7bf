package io.rpmkit.payload;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member whose deflate stream is made of chunks compressed in parallel, the way pigz does:
 * each chunk starts with the previous chunk's last 32 KiB as its dictionary and ends on a sync flush,
 * so the chunks concatenate into one valid stream that compresses about as well as a serial one. The
 * bytes depend only on the input and the level, never on the number of threads.
 *
 * <p>Deflaters and output buffers are kept for the next chunk instead of made per chunk: at most one
 * Deflater per worker and one output buffer per chunk in flight exist, and every Deflater is ended
 * when the stream closes. A reset Deflater writes the same bytes as a new one.
 */
public final class ParallelGzipOutputStream extends ParallelChunkOutputStream<ParallelGzipOutputStream.Deflated> {
    private static final int CHUNK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;

    private final CRC32 crc = new CRC32();
    private final DeflaterPool deflaters;
    private final Queue<byte[]> idleOutputs = new ConcurrentLinkedQueue<>();
    /** The last 32 KiB of each chunk, the next chunk's dictionary; recycled once the Deflater has it. */
    private final Queue<byte[]> idleDictionaries = new ConcurrentLinkedQueue<>();
    private long total;
    private Dictionary dictionary;

    /** The previous chunk's end: the first {@code length} of {@code bytes}. */
    private record Dictionary(byte[] bytes, int length) {
    }

    /** A chunk's deflate bytes: the first {@code length} of {@code buffer}. */
    record Deflated(byte[] buffer, int length) {
    }

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        super(out, CHUNK, threads, 2 * threads, "rpmkit-gzip", "give the JVM more heap (-Xmx; under Maven,"
                + " MAVEN_OPTS), or build fewer packages at once");
        this.deflaters = new DeflaterPool(level);
        out.write(GzipFraming.header(0));
    }

    @Override
    void observe(byte[] b, int off, int len) {
        crc.update(b, off, len);
        total += len;
    }

    @Override
    Callable<Deflated> job(byte[] input, boolean last) {
        Dictionary priming = dictionary;
        byte[] next = idleDictionaries.poll();
        if (next == null) {
            next = new byte[DICTIONARY];
        }
        int length = Math.min(DICTIONARY, input.length);
        System.arraycopy(input, input.length - length, next, 0, length);
        dictionary = new Dictionary(next, length);
        return () -> deflate(input, priming, last);
    }

    private Deflated deflate(byte[] input, Dictionary priming, boolean last) {
        Deflater deflater = deflaters.take();
        try {
            if (priming != null) {
                if (priming.length() > 0) {
                    deflater.setDictionary(priming.bytes(), 0, priming.length());
                }
                idleDictionaries.add(priming.bytes()); // copied into the Deflater: free for a later chunk
            }
            deflater.setInput(input);
            if (last) {
                deflater.finish();
            }
            byte[] output = idleOutputs.poll();
            if (output == null || output.length < DeflaterPool.room(input.length)) {
                // A small package's only chunk gets a small buffer, not a megabyte.
                output = new byte[DeflaterPool.room(input.length)];
            }
            int length = 0;
            while (true) {
                length += last ? deflater.deflate(output, length, output.length - length)
                        : deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
                // Done when the stream is finished, or when a flush left room in the buffer (it had no more to say).
                if (last ? deflater.finished() : length < output.length) {
                    return new Deflated(output, length);
                }
                output = Arrays.copyOf(output, output.length * 2);
            }
        } finally {
            deflaters.give(deflater);
        }
    }

    @Override
    void writeResult(OutputStream target, Deflated compressed) throws IOException {
        target.write(compressed.buffer(), 0, compressed.length());
    }

    @Override
    void recycle(Deflated compressed) {
        idleOutputs.add(compressed.buffer());
    }

    @Override
    void release() {
        deflaters.endAll();
        idleOutputs.clear();
        idleDictionaries.clear();
    }

    /** The gzip trailer: CRC-32 and length of the uncompressed data. */
    @Override
    void finishStream(OutputStream target) throws IOException {
        target.write(GzipFraming.trailer(crc.getValue(), total));
    }
}

package io.rpmkit.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member whose deflate stream is made of chunks compressed in parallel, the way pigz does:
 * each chunk starts with the previous chunk's last 32 KiB as its dictionary and ends on a sync flush,
 * so the chunks concatenate into one valid stream that compresses about as well as a serial one. The
 * bytes depend only on the input and the level, never on the number of threads.
 */
public final class ParallelGzipOutputStream extends ParallelChunkOutputStream<byte[]> {
    private static final int CHUNK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;
    /** gzip header: magic, deflate, no flags, mtime 0 (reproducible), no extra flags, OS Unix. */
    private static final List<Byte> HEADER = List.of((byte) 0x1f, (byte) 0x8b, (byte) 8, (byte) 0, (byte) 0, (byte) 0,
            (byte) 0, (byte) 0, (byte) 0, (byte) 3);

    private final int level;
    private final CRC32 crc = new CRC32();
    private long total;
    private byte[] dictionary;

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        super(out, CHUNK, threads, 2 * threads, "rpmkit-gzip");
        this.level = level;
        for (byte b : HEADER) {
            out.write(b);
        }
    }

    @Override
    void observe(byte[] b, int off, int len) {
        crc.update(b, off, len);
        total += len;
    }

    @Override
    Callable<byte[]> job(byte[] input, boolean last) {
        byte[] priming = dictionary;
        dictionary = Arrays.copyOfRange(input, Math.max(0, input.length - DICTIONARY), input.length);
        return () -> deflate(input, priming, last);
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

    @Override
    void writeResult(OutputStream target, byte[] compressed) throws IOException {
        target.write(compressed);
    }

    /** The gzip trailer: CRC-32 and length of the uncompressed data, little-endian. */
    @Override
    void finishStream(OutputStream target) throws IOException {
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (crc.getValue() >>> (8 * i));
            trailer[4 + i] = (byte) (total >>> (8 * i));
        }
        target.write(trailer);
    }
}

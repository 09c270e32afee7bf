package io.rpmkit.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;

import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * One .xz stream whose blocks are compressed in parallel. XZ for Java has no multi-threaded
 * encoder, but the format allows a stream of independent blocks (as {@code xz -T} writes): each
 * chunk is compressed on its own into a one-block stream, and its block is moved into one stream
 * with a combined index. The bytes depend only on the input and the level, not on the thread count.
 */
public final class ParallelXzOutputStream extends ParallelChunkOutputStream<ParallelXzOutputStream.Block> {
    /** The LZMA2 dictionary of presets 6 to 9 is 8 to 64 MiB; blocks of 8 MiB lose little across them. */
    private static final int CHUNK = 8 << 20;
    private static final int STREAM_HEADER = 12;
    private static final int STREAM_FOOTER = 12;

    record Block(byte[] stream, int start, int end, long unpaddedSize, long uncompressedSize) {
    }

    private final LZMA2Options options;
    private final List<long[]> records = new ArrayList<>();
    private boolean headerWritten;

    public ParallelXzOutputStream(OutputStream out, int level, int threads) throws IOException {
        // Each encoder holds about 100 MiB at level 6: keep the queue short.
        super(out, CHUNK, threads, threads + 1, "rpmkit-xz");
        this.options = new LZMA2Options(level);
    }

    @Override
    boolean submitsEmptyLastChunk() {
        return false;
    }

    @Override
    Callable<Block> job(byte[] input, boolean last) {
        return () -> compress(input);
    }

    /** Compresses one chunk as a one-block stream and finds its block and index record. */
    private Block compress(byte[] input) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(input.length / 2 + 1024);
        // The encoder's 100 MiB of arrays are reused from block to block instead of left to the collector.
        try (XZOutputStream xz = new XZOutputStream(buffer, options, XZ.CHECK_CRC64, BasicArrayCache.getInstance())) {
            xz.write(input);
        }
        byte[] stream = buffer.toByteArray();
        ByteBuffer footer = ByteBuffer.wrap(stream, stream.length - STREAM_FOOTER, STREAM_FOOTER)
                .order(ByteOrder.LITTLE_ENDIAN);
        long backwardSize = (Integer.toUnsignedLong(footer.getInt(stream.length - STREAM_FOOTER + 4)) + 1) * 4;
        int indexStart = (int) (stream.length - STREAM_FOOTER - backwardSize);
        // Index: indicator 0, record count (1), then the record's unpadded and uncompressed sizes.
        long[] position = {indexStart + 1};
        long count = readVarint(stream, position);
        if (count != 1) {
            throw new IOException("expected a one-block stream, found " + count + " blocks");
        }
        long unpadded = readVarint(stream, position);
        long uncompressed = readVarint(stream, position);
        return new Block(stream, STREAM_HEADER, indexStart, unpadded, uncompressed);
    }

    @Override
    void writeResult(OutputStream target, Block block) throws IOException {
        if (!headerWritten) {
            target.write(block.stream(), 0, STREAM_HEADER); // the same for every block: magic and check type
            headerWritten = true;
        }
        target.write(block.stream(), block.start(), block.end() - block.start());
        records.add(new long[] {block.unpaddedSize(), block.uncompressedSize()});
    }

    @Override
    void finishStream(OutputStream target) throws IOException {
        if (wroteNothing()) {
            new XZOutputStream(target, options, XZ.CHECK_CRC64).finish(); // an empty stream has no block
            return;
        }
        writeIndexAndFooter(target);
    }

    /** The stream's index lists every block; the footer points back at it (xz file format, 4 and 5). */
    private void writeIndexAndFooter(OutputStream out) throws IOException {
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        index.write(0);
        writeVarint(index, records.size());
        for (long[] record : records) {
            writeVarint(index, record[0]);
            writeVarint(index, record[1]);
        }
        while (index.size() % 4 != 0) {
            index.write(0);
        }
        CRC32 crc = new CRC32();
        crc.update(index.toByteArray());
        writeLittleEndian(index, crc.getValue());
        out.write(index.toByteArray());

        ByteBuffer footer = ByteBuffer.allocate(STREAM_FOOTER).order(ByteOrder.LITTLE_ENDIAN);
        footer.putInt(4, (int) (index.size() / 4 - 1)); // backward size
        footer.put(8, (byte) 0);
        footer.put(9, (byte) XZ.CHECK_CRC64); // stream flags, as in the header
        CRC32 footerCrc = new CRC32();
        footerCrc.update(footer.array(), 4, 6);
        footer.putInt(0, (int) footerCrc.getValue());
        footer.put(10, (byte) 'Y');
        footer.put(11, (byte) 'Z');
        out.write(footer.array());
    }

    private static long readVarint(byte[] data, long[] position) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte b = data[(int) position[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed xz index");
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}

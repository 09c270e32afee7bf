package io.rpmkit.payload;

import static io.rpmkit.payload.HeapShare.mib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
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
 *
 * <p>A block is as long as the level's dictionary, at least 8 MiB: a dictionary longer than its block
 * would cost memory and find nothing (levels 7 to 9 compressed no better than 6 when every block was
 * 8 MiB). Each encoder holds arrays of about eleven times its dictionary on the heap (level 6: 93 MiB,
 * level 9: 673 MiB), so there are as many encoders as the cores, but no more than the heap left can
 * hold ({@link #encoders}), as rpm 4.19 and later limit their payload threads by the memory there is,
 * and no more than the {@link HeapShare} that packages written at the same time divide leaves this
 * one. A heap too small for even one is an error that says what the level needs and which level fits.
 */
public final class ParallelXzOutputStream extends ParallelChunkOutputStream<ParallelXzOutputStream.Block> {
    /** The shortest block: the dictionary of presets 5 and 6, xz's default. */
    static final int MIN_BLOCK = 8 << 20;
    private static final int STREAM_HEADER = 12;
    private static final int STREAM_FOOTER = 12;
    /** How much of a block goes to its encoder between two looks at whether the stream was aborted. */
    private static final int SLICE = 1 << 20;

    record Block(byte[] stream, int start, int end, long unpaddedSize, long uncompressedSize) {
    }

    private final int level;
    private final LZMA2Options options;
    /**
     * The encoders' arrays, used again from block to block instead of left to the collector; this
     * stream's own, so that once it closes they are garbage, not arrays a global cache holds (softly)
     * that the next stream would count as heap in use.
     */
    private final BasicArrayCache arrays = new BasicArrayCache();
    private final List<long[]> records = new ArrayList<>();
    private final HeapShare.Reservation heap;
    private boolean headerWritten;

    /** A stream that counts the heap as its own alone. */
    public static ParallelXzOutputStream open(OutputStream out, int level, int threads) throws IOException {
        return open(out, level, threads, new HeapShare(), notice -> { });
    }

    /**
     * @param share the heap this stream divides with the payloads written at the same time; it waits
     *     here while they hold so much that not even one encoder fits
     * @param whenWaiting told why, before such a wait
     */
    public static ParallelXzOutputStream open(OutputStream out, int level, int threads, HeapShare share,
            Consumer<String> whenWaiting) throws IOException {
        return open(out, level, threads, ParallelXzOutputStream::availableHeap, Runtime.getRuntime().maxMemory(),
                share, whenWaiting);
    }

    /**
     * @param available the bytes of heap the stream may fill, measured once the share grants it room:
     *     what the JVM may grow to, less what it holds now (garbage too, so that there may be more)
     * @param max what the JVM's heap may grow to in all ({@code -Xmx})
     */
    static ParallelXzOutputStream open(OutputStream out, int level, int threads, LongSupplier available, long max,
            HeapShare share, Consumer<String> whenWaiting) throws IOException {
        LZMA2Options options = new LZMA2Options(level);
        checkHeapHoldsOne(level, max); // before any wait: no share makes -Xmx larger
        HeapShare.Reservation heap = share.reserve(bytesForOne(level), bytesPerEncoder(level),
                () -> encoders(level, threads, available.getAsLong()), whenWaiting);
        try {
            return new ParallelXzOutputStream(out, options, level, heap);
        } catch (RuntimeException | Error e) {
            heap.release();
            throw e;
        }
    }

    private ParallelXzOutputStream(OutputStream out, LZMA2Options options, int level, HeapShare.Reservation heap)
            throws IOException {
        super(out, blockSize(options), heap.units(), heap.units() + 1, "rpmkit-xz",
                whenHeapRunsOut(level, heap.units()));
        this.level = level;
        this.options = options;
        this.heap = heap;
    }

    /** The encoders' heap goes back to the share when the stream ends, written or aborted. */
    @Override
    void release() {
        heap.release();
    }

    /** The uncompressed bytes of each block: the level's dictionary, at least {@link #MIN_BLOCK}. */
    static int blockSize(LZMA2Options options) {
        return Math.max(MIN_BLOCK, options.getDictSize());
    }

    /** What one more encoder takes: its arrays, the block it reads and the room for its compressed copy. */
    static long bytesPerEncoder(int level) throws IOException {
        LZMA2Options options = new LZMA2Options(level);
        return ((long) options.getEncoderMemoryUsage() << 10) + blockSize(options)
                + outputRoom(blockSize(options));
    }

    /** What one encoder and the blocks beside it take at least. */
    static long bytesForOne(int level) throws IOException {
        return bytesPerEncoder(level) + bytesBeside(level);
    }

    /** The blocks beside the encoders': the one being filled and one waiting to be written. */
    private static long bytesBeside(int level) throws IOException {
        return 2L * blockSize(new LZMA2Options(level));
    }

    /**
     * How many encoders to run: one per thread, as many as three quarters of the heap left holds
     * beside the block being filled and one waiting to be written (the rest is the build's, and room
     * for the collector), and at least one. Streams written at the same time count it once their
     * {@link HeapShare} lets them start, so the heap they measure is what the others left.
     */
    static int encoders(int level, int threads, long available) {
        try {
            long fit = (available / 4 * 3 - bytesBeside(level)) / bytesPerEncoder(level);
            return (int) Math.max(1, Math.min(threads, fit));
        } catch (IOException e) {
            throw new IllegalArgumentException("xz level " + level, e); // checked by checkHeapHoldsOne
        }
    }

    /**
     * @throws IOException when the whole heap ({@code max}, -Xmx) cannot hold even one encoder and its
     *     blocks: says what the level needs, the -Xmx to give and the highest lower level that fits
     */
    static void checkHeapHoldsOne(int level, long max) throws IOException {
        long one = bytesForOne(level);
        if (max < one) {
            throw new IOException("xz level " + level + " needs about " + mib(one) + " MiB of heap for one encoder"
                    + " and its blocks, and this JVM may use " + mib(max) + " MiB in all (-Xmx): give it more (under"
                    + " Maven, MAVEN_OPTS=-Xmx" + Math.max(1, (one * 2 + (1L << 30) - 1) >> 30) + "g), or choose "
                    + lowerLevel(level, max));
        }
    }

    /**
     * The advice to choose the highest level below {@code level} whose encoder and blocks take at most
     * {@code limit} bytes, or zstd where no xz level does.
     */
    private static String lowerLevel(int level, long limit) throws IOException {
        int lower = level - 1;
        while (lower >= 0 && bytesForOne(lower) > limit) {
            lower--;
        }
        return lower >= 0 ? "compressionLevel " + lower + " or lower (xz " + lower + " needs about "
                + mib(bytesForOne(lower)) + " MiB), or zstd" : "zstd";
    }

    /** What to do when the heap runs out beside these encoders, in words for the user. */
    private static String whenHeapRunsOut(int level, int encoders) throws IOException {
        return "xz level " + level + " takes about " + mib(bytesPerEncoder(level)) + " MiB per encoder, and this"
                + " payload has " + encoders + ": give the JVM more heap (-Xmx; under Maven, MAVEN_OPTS), build fewer"
                + " packages at once, or choose " + lowerLevel(level, bytesForOne(level) - 1);
    }

    private static long availableHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Room for a block's stream: LZMA2 stores what it cannot shrink in chunks of 64 KiB with a 3-byte
     * header, and the stream adds headers, index and footer. A buffer this large never grows.
     */
    private static int outputRoom(int block) {
        return block + block / 1024 + 8192;
    }


    @Override
    boolean submitsEmptyLastChunk() {
        return false;
    }

    @Override
    Callable<Block> job(byte[] input, boolean last) {
        return () -> compress(input);
    }

    /** A buffer whose bytes can be taken as they are, without a copy. */
    private static final class StreamBuffer extends ByteArrayOutputStream {
        StreamBuffer(int size) {
            super(size);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /**
     * Compresses one chunk as a one-block stream and finds its block and index record. The input goes
     * in by the mebibyte, so that a stream that is aborted stops its encoders (XZ for Java does not
     * look at interrupts) within a moment, not after a block that takes a level-9 encoder a minute.
     */
    private Block compress(byte[] input) throws IOException {
        try {
            StreamBuffer buffer = new StreamBuffer(outputRoom(input.length));
            try (XZOutputStream xz = new XZOutputStream(buffer, options, XZ.CHECK_CRC64, arrays)) {
                for (int off = 0; off < input.length; off += SLICE) {
                    if (Thread.interrupted()) {
                        throw new InterruptedIOException("stopped while compressing");
                    }
                    xz.write(input, off, Math.min(SLICE, input.length - off));
                }
            }
            int length = buffer.size();
            // A block that shrank waits to be written in an array of its own size, not in the block-sized buffer.
            byte[] stream = length < buffer.bytes().length / 2 ? Arrays.copyOf(buffer.bytes(), length) : buffer.bytes();
            return block(stream, length);
        } catch (OutOfMemoryError e) {
            // The heap held less than it seemed to when the encoders were counted: the build's other
            // work, or packages written at the same time by writers that do not share a HeapShare.
            throw new IOException("the heap ran out in an xz encoder: " + whenHeapRunsOut(level, workers()), e);
        }
    }

    /** The block and index record of a one-block stream of {@code length} bytes. */
    private static Block block(byte[] stream, int length) throws IOException {
        ByteBuffer footer = ByteBuffer.wrap(stream, length - STREAM_FOOTER, STREAM_FOOTER)
                .order(ByteOrder.LITTLE_ENDIAN);
        long backwardSize = (Integer.toUnsignedLong(footer.getInt(length - STREAM_FOOTER + 4)) + 1) * 4;
        int indexStart = (int) (length - STREAM_FOOTER - backwardSize);
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

package io.rpmkit.repo;

import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.rpmkit.payload.GzipFraming;

/**
 * The layout of our gzip metadata files, which lets an update copy the compressed bytes of the
 * packages it keeps instead of compressing them again. A file is one ordinary gzip member (every
 * gzip reader reads it as one stream) whose deflate stream is a series of chunks, as pigz writes
 * them: each chunk is deflated on its own, primed with the last 32 KiB of the chunk before, and ends
 * on a sync flush; an empty final block ends the stream. Chunks end only between packages (except
 * inside a package of over 128 KiB): the first chunk is the XML declaration and root element, the
 * last is the closing root element, and a chunk of packages ends after a package whose checksum ends
 * in {@code 0} once it holds {@value #MIN_CHUNK} bytes, or at {@value #MAX_CHUNK}. So where chunks end
 * depends on the packages around, not on their position, and a package added or removed changes only
 * its own chunk and the next. The header's extra field (RFC 1952 2.3.1.1, as dictzip keeps its index
 * there) holds subfield {@code RK}: a version, the deflate level and each chunk's compressed length;
 * readers that do not know it skip it.
 */
final class IndexedGzip {
    /** Text a chunk of packages holds before a package's checksum may end it. */
    static final int MIN_CHUNK = 48 * 1024;
    /** Text after which a chunk ends at the next package, whatever the checksum. */
    static final int MAX_CHUNK = 128 * 1024;
    /** Text after which a chunk ends even inside a package: only a package of over 128 KiB gets there. */
    static final int HARD_LIMIT = 2 * MAX_CHUNK;
    /** deflate's window: each chunk is primed with this much of the text before it. */
    static final int DICTIONARY = 32 * 1024;
    static final byte VERSION = 1;
    static final byte SUBFIELD_1 = 'R';
    static final byte SUBFIELD_2 = 'K';
    /** deflate's final block, empty, with fixed codes, in bytes: ends the stream of sync-flushed chunks. */
    static final int FINAL_BLOCK_LENGTH = 2;
    private static final int MAX_EXTRA = 0xFFFF;
    /** The subfield's own header (id, length) and its version and level. */
    private static final int SUBFIELD_OVERHEAD = 4 + 2;

    private IndexedGzip() {
    }

    static byte[] finalBlock() {
        return new byte[] {3, 0};
    }

    /** Whether a chunk of packages of {@code length} bytes ends after a package with this checksum. */
    static boolean endsChunk(int length, String pkgid) {
        return length >= MAX_CHUNK || length >= MIN_CHUNK && pkgid.endsWith("0");
    }

    /**
     * The gzip header for these chunks: with the index when it fits in the extra field's 64 KiB,
     * else a plain header (an update of such a file reads and compresses everything again).
     */
    static byte[] header(int level, int[] compressedLengths) {
        int subfield = 2 + 4 * compressedLengths.length;
        int extra = 4 + subfield;
        if (extra > MAX_EXTRA) {
            return GzipFraming.header(0);
        }
        byte[] header = Arrays.copyOf(GzipFraming.header(GzipFraming.FEXTRA), GzipFraming.HEADER_LENGTH + 2 + extra);
        int at = GzipFraming.HEADER_LENGTH;
        at = littleEndian(header, at, extra, 2);
        header[at++] = SUBFIELD_1;
        header[at++] = SUBFIELD_2;
        at = littleEndian(header, at, subfield, 2);
        header[at++] = VERSION;
        header[at++] = (byte) level;
        for (int length : compressedLengths) {
            at = littleEndian(header, at, length, 4);
        }
        return header;
    }

    private static int littleEndian(byte[] into, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            into[at + i] = (byte) (value >>> (8 * i));
        }
        return at + bytes;
    }

    /**
     * A file of this layout, inflated; or a zstd file of ours, decompressed, whose parts (opening,
     * packages, closing) stand for chunks that have no compressed bytes of their own.
     *
     * @param level the deflate level; -1 for a zstd file
     * @param text the whole uncompressed file
     * @param chunkEnds where each chunk's text ends in {@code text}
     * @param chunkStarts where each chunk's deflate bytes start in the file, with one more entry: where the
     *     final block starts; null for a zstd file
     */
    record Inflated(byte[] file, int level, byte[] text, int[] chunkEnds, int[] chunkStarts) {
        int chunks() {
            return chunkEnds.length;
        }

        int textStart(int chunk) {
            return chunk == 0 ? 0 : chunkEnds[chunk - 1];
        }
    }

    /**
     * Inflates a file written in this layout, checking that its index, its deflate stream, CRC-32 and
     * length agree; empty for anything else (another writer's gzip, damage, text over {@code maxText}),
     * which the caller then reads the ordinary way and reports.
     */
    static Optional<Inflated> inflate(byte[] file, long maxText) {
        try {
            return Optional.ofNullable(inflateChecked(file, maxText));
        } catch (DataFormatException | RuntimeException e) {
            return Optional.empty(); // index or stream not what we write: the caller reads it the ordinary way
        }
    }

    private static Inflated inflateChecked(byte[] file, long maxText) throws DataFormatException {
        if (file.length < GzipFraming.HEADER_LENGTH + 2 + 8 || !Arrays.equals(file, 0, GzipFraming.HEADER_LENGTH,
                GzipFraming.header(GzipFraming.FEXTRA), 0, GzipFraming.HEADER_LENGTH)) {
            return null;
        }
        int extra = unsigned(file, GzipFraming.HEADER_LENGTH, 2);
        int at = GzipFraming.HEADER_LENGTH + 2;
        if (extra < SUBFIELD_OVERHEAD || at + extra > file.length || file[at] != SUBFIELD_1
                || file[at + 1] != SUBFIELD_2) {
            return null;
        }
        int subfield = unsigned(file, at + 2, 2);
        if (subfield + 4 != extra || (subfield - 2) % 4 != 0 || file[at + 4] != VERSION) {
            return null;
        }
        int level = file[at + 5];
        int chunks = (subfield - 2) / 4;
        int[] starts = new int[chunks + 1];
        int position = at + extra;
        for (int i = 0; i < chunks; i++) {
            starts[i] = position;
            long length = unsignedLong(file, at + 6 + 4 * i);
            if (length == 0 || length > file.length - position) {
                return null;
            }
            position += (int) length;
        }
        starts[chunks] = position;
        if (position + FINAL_BLOCK_LENGTH + 8 != file.length
                || !Arrays.equals(file, position, position + FINAL_BLOCK_LENGTH, finalBlock(), 0, FINAL_BLOCK_LENGTH)) {
            return null;
        }
        Inflater inflater = new Inflater(true);
        try {
            // One byte beyond the most allowed: a stream that fills it says more than it may.
            long limit = Math.min(maxText, Integer.MAX_VALUE - 9) + 1;
            byte[] text = new byte[(int) Math.min(limit, 4L * file.length + 1024)];
            int filled = 0;
            int[] ends = new int[chunks];
            for (int i = 0; i <= chunks; i++) {
                int end = i < chunks ? starts[i + 1] : file.length - 8;
                inflater.setInput(file, starts[i], end - starts[i]);
                while (true) {
                    if (filled == text.length) {
                        if (text.length >= limit) {
                            return null;
                        }
                        text = Arrays.copyOf(text, (int) Math.min(limit, 2L * text.length));
                    }
                    int n = inflater.inflate(text, filled, text.length - filled);
                    filled += n;
                    if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                        break;
                    }
                }
                if (filled > maxText) {
                    return null;
                }
                // A chunk ends on a sync flush: all of it is used and none of it ends the stream.
                if (inflater.getRemaining() != 0 || inflater.finished() != (i == chunks)) {
                    return null;
                }
                if (i < chunks) {
                    ends[i] = filled;
                }
            }
            CRC32 crc = new CRC32();
            crc.update(text, 0, filled);
            if (!Arrays.equals(file, file.length - 8, file.length, GzipFraming.trailer(crc.getValue(), filled), 0, 8)) {
                return null;
            }
            return new Inflated(file, level, Arrays.copyOf(text, filled), ends, starts);
        } finally {
            inflater.end();
        }
    }

    private static int unsigned(byte[] b, int at, int bytes) {
        int value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = value << 8 | (b[at + i] & 0xFF);
        }
        return value;
    }

    private static long unsignedLong(byte[] b, int at) {
        return unsigned(b, at, 4) & 0xFFFFFFFFL;
    }
}

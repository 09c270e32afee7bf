package io.rpmkit.payload;

/**
 * A gzip member's header and trailer (RFC 1952, 2.3) as every gzip stream we write has them:
 * deflate, MTIME 0 (no clock in the bytes), no extra flags, OS Unix.
 */
public final class GzipFraming {
    /** The header's fixed part, before any extra field. */
    public static final int HEADER_LENGTH = 10;
    /** FLG's bit for an extra field. */
    public static final int FEXTRA = 4;

    private GzipFraming() {
    }

    /** magic, deflate, the flags, mtime 0, no extra flags, OS Unix. */
    public static byte[] header(int flags) {
        return new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, 3};
    }

    /** The uncompressed data's CRC-32 and its length modulo 2^32, little-endian. */
    public static byte[] trailer(long crc, long length) {
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (crc >>> (8 * i));
            trailer[4 + i] = (byte) (length >>> (8 * i));
        }
        return trailer;
    }
}

package io.rpmkit.format;

/**
 * The layout of a header as stored (rpm's lib/header_internal.h): 8 bytes of magic ({@code 8EADE801}
 * and 4 reserved zero bytes), the entry count and the data size (big-endian 32 bits each), the index
 * of 16-byte entries (tag, type, offset into the data area, count), then the data area. The first
 * entry is the region tag, whose 16-byte trailer ends the region's data.
 */
public final class HeaderLayout {
    public static final long MAGIC = 0x8EADE80100000000L;
    /** Magic, entry count and data size. */
    public static final int INTRO_SIZE = 16;
    public static final int INDEX_ENTRY_SIZE = 16;
    /** The region trailer: an index entry stored in the data area. */
    public static final int REGION_TRAILER_SIZE = 16;
    /** The signature header is padded so that the main header starts on an 8-byte boundary. */
    public static final int SIGNATURE_ALIGNMENT = 8;

    private HeaderLayout() {
    }
}

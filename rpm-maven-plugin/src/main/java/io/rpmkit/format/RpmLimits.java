package io.rpmkit.format;

/**
 * What rpm accepts, from its own sources (lib/header.cc, lib/cpio.cc, include/rpm/rpmtypes.h), so
 * that the writer never produces and the reader never accepts more than rpm does.
 */
public final class RpmLimits {
    /** Times, and sizes in 32-bit tags, are unsigned 32-bit values; larger sizes take the LONG tags. */
    public static final long MAX_UINT32 = 0xFFFFFFFFL;
    /** Index entries of the main header ({@code hdrchkTags}). */
    public static final int MAX_INDEX_ENTRIES = 0xFFFF;
    /** Data area of the main header, below 256 MiB ({@code hdrchkData}). */
    public static final int MAX_DATA_SIZE = 0x0FFFFFFF;
    /** Index entries of the signature header ({@code hdrblobVerifyLengths}). */
    public static final int MAX_SIGNATURE_INDEX_ENTRIES = 32;
    /** Data area of the signature header ({@code hdrblobVerifyLengths}). */
    public static final int MAX_SIGNATURE_DATA_SIZE = 64 * 1024 * 1024;
    /** Values in one entry of any type but BIN ({@code hdrchkArray}). */
    public static final int MAX_ARRAY_COUNT = 0xFFFFF;
    /** A cpio entry name ({@code CPIO_NAMESIZE_MAX}). */
    public static final int MAX_CPIO_NAME_SIZE = 4096;
    /** Memory the xz and lzma decoders may use, in KiB; xz -9 needs 65 MiB. */
    public static final int MAX_DECODER_MEMORY_KIB = 256 * 1024;

    private RpmLimits() {
    }
}

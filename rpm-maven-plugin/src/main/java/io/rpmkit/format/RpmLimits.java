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
    /** Data area of the main header, at most 256 MiB - 1 ({@code HEADER_DATA_MAX}, {@code hdrblobVerifyLengths}). */
    public static final int MAX_DATA_SIZE = 0x0FFFFFFF;
    /**
     * A header blob as rpm measures it, {@code 8 + 16 * il + dl} (the intro without its magic, the
     * index, the data), must stay below this: lib/header.c {@code hdrblobInit} refuses
     * {@code pvlen >= headerMaxbytes}. So a data area of exactly {@link #MAX_DATA_SIZE} passes
     * {@code hdrblobVerifyLengths} but no header holding it loads.
     */
    public static final int MAX_HEADER_BLOB_SIZE = 256 * 1024 * 1024;
    /** Index entries of the signature header ({@code hdrblobVerifyLengths}). */
    public static final int MAX_SIGNATURE_INDEX_ENTRIES = 32;
    /** Data area of the signature header ({@code hdrblobVerifyLengths}). */
    public static final int MAX_SIGNATURE_DATA_SIZE = 64 * 1024 * 1024;
    /** Values in one entry of any type but BIN ({@code hdrchkArray}). */
    public static final int MAX_ARRAY_COUNT = 0xFFFFF;
    /** A cpio entry name ({@code CPIO_NAMESIZE_MAX}). */
    public static final int MAX_CPIO_NAME_SIZE = 4096;
    /**
     * A path with its terminating NUL (linux/limits.h {@code PATH_MAX}): the kernel refuses longer
     * paths and symlink targets with ENAMETOOLONG, and rpm's payload names stop at
     * {@link #MAX_CPIO_NAME_SIZE}, which holds {@code "." + path + NUL}.
     */
    public static final int PATH_MAX = 4096;
    /** One component of a path ({@code NAME_MAX}, linux/limits.h); also the longest file name. */
    public static final int NAME_MAX = 255;
    /** Memory the xz and lzma decoders may use, in KiB; xz -9 needs 65 MiB. */
    public static final int MAX_DECODER_MEMORY_KIB = 256 * 1024;

    private RpmLimits() {
    }
}

package io.rpmkit.format;

/**
 * The cpio archive of rpm's payload: the "new ASCII" format (magic 070701) for files under 4 GiB,
 * and rpm's stripped variant (07070X) once any file is larger (lib/cpio.cc).
 */
public final class Cpio {
    public static final String NEWC_MAGIC = "070701";
    /** The newc format with checksums; rpm reads it, nothing here writes it. */
    public static final String NEWC_CRC_MAGIC = "070702";
    /** rpm's large-file format: the header names only the file's index; rpm takes the rest from its header. */
    public static final String STRIPPED_MAGIC = "07070X";
    public static final String TRAILER = "TRAILER!!!";
    /** Each header field: 8 hexadecimal digits. */
    public static final int FIELD_SIZE = 8;
    /** The fields of a newc header after its magic. */
    public static final int NEWC_FIELDS = 13;
    /** Headers, names and data each end on a 4-byte boundary, counted from the archive's start. */
    public static final int ALIGNMENT = 4;
    /** The largest file a newc entry holds; a payload with a larger one uses the stripped format. */
    public static final long MAX_NEWC_SIZE = RpmLimits.MAX_UINT32;
    /** The index a stripped archive's trailer entry carries instead of a file's. */
    public static final long STRIPPED_TRAILER_INDEX = RpmLimits.MAX_UINT32;

    private Cpio() {
    }
}

package io.rpmkit.format;

/** The wire types of header entries (rpm's {@code rpmTagType}, include/rpm/rpmtag.h). */
public enum TagType {
    NULL(0, 1),
    CHAR(1, 1),
    INT8(2, 1),
    INT16(3, 2),
    INT32(4, 4),
    INT64(5, 8),
    STRING(6, 1),
    BIN(7, 1),
    STRING_ARRAY(8, 1),
    I18NSTRING(9, 1);

    private final int code;
    private final int alignment;

    TagType(int code, int alignment) {
        this.code = code;
        this.alignment = alignment;
    }

    public int code() {
        return code;
    }

    /** Numbers are stored at offsets that are a multiple of their width; everything else is unaligned. */
    public int alignment() {
        return alignment;
    }

    public boolean isString() {
        return this == STRING || this == STRING_ARRAY || this == I18NSTRING;
    }

    public static TagType ofCode(int code) {
        for (TagType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}

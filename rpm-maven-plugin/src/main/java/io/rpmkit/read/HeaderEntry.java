package io.rpmkit.read;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.rpmkit.format.TagType;

/**
 * One index entry of a header and its value, decoded on demand from the header's bytes. The
 * parser has checked that the value lies inside the data area, is aligned and that its strings
 * end in NUL, so decoding here cannot fail; asking for a value of another type is a programming
 * error.
 */
public final class HeaderEntry {
    private final byte[] header;
    private final int tag;
    private final TagType type;
    private final int offset;
    private final int count;
    private final int length;

    /** @param offset where the value starts in {@code header} (not in the data area) */
    HeaderEntry(byte[] header, int tag, TagType type, int offset, int count, int length) {
        this.header = header;
        this.tag = tag;
        this.type = type;
        this.offset = offset;
        this.count = count;
        this.length = length;
    }

    public int tag() {
        return tag;
    }

    public TagType type() {
        return type;
    }

    public int count() {
        return count;
    }

    /** Where the value starts in the header's bytes. */
    int position() {
        return offset;
    }

    /** Bytes the value takes in the data area. */
    public int length() {
        return length;
    }

    /**
     * The strings of a string entry. rpm stores bytes and prints them as they are; most are UTF-8,
     * but older packages hold Latin-1 or Latin-2 text. A string that is valid UTF-8 is decoded as
     * UTF-8; any other is decoded byte for byte as ISO-8859-1, so no byte is lost to U+FFFD and the
     * text reads as createrepo_c shows it. {@link #stringBytes()} gives the bytes themselves.
     */
    public List<String> strings() {
        requireType(type.isString(), "strings");
        List<String> list = new ArrayList<>(count);
        int start = offset;
        for (int i = 0; i < count; i++) {
            int end = end(start);
            list.add(decode(header, start, end - start));
            start = end + 1;
        }
        return List.copyOf(list);
    }

    /** The strings as stored, without their NUL, for callers that must write them back unchanged. */
    public List<byte[]> stringBytes() {
        requireType(type.isString(), "strings");
        List<byte[]> list = new ArrayList<>(count);
        int start = offset;
        for (int i = 0; i < count; i++) {
            int end = end(start);
            list.add(Arrays.copyOfRange(header, start, end));
            start = end + 1;
        }
        return List.copyOf(list);
    }

    /** The index of the first empty string of a string entry, or -1 when none is empty. */
    int firstEmptyString() {
        requireType(type.isString(), "strings");
        int start = offset;
        for (int i = 0; i < count; i++) {
            if (header[start] == 0) {
                return i;
            }
            start = end(start) + 1;
        }
        return -1;
    }

    /** A stored string as {@link #strings()} decodes it. */
    public static String decode(byte[] stored) {
        return decode(stored, 0, stored.length);
    }

    private int end(int start) {
        int end = start;
        while (header[end] != 0) {
            end++;
        }
        return end;
    }

    /**
     * UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (one char per byte). Checked before
     * decoding, so that a long string is copied once: headers can hold strings of megabytes.
     */
    static String decode(byte[] bytes, int from, int length) {
        return validUtf8(bytes, from, length) ? new String(bytes, from, length, StandardCharsets.UTF_8)
                : new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    /** Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean validUtf8(byte[] bytes, int from, int length) {
        int end = from + length;
        int i = from;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= end) {
                return false;
            }
            int code = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                code = code << 6 | (c & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    public short[] int16s() {
        requireType(type == TagType.INT16, "INT16 values");
        short[] values = new short[count];
        buffer().asShortBuffer().get(values);
        return values;
    }

    public int[] int32s() {
        requireType(type == TagType.INT32, "INT32 values");
        int[] values = new int[count];
        buffer().asIntBuffer().get(values);
        return values;
    }

    public long[] int64s() {
        requireType(type == TagType.INT64, "INT64 values");
        long[] values = new long[count];
        buffer().asLongBuffer().get(values);
        return values;
    }

    /** The raw bytes of a BIN, CHAR or INT8 entry. */
    public byte[] bytes() {
        requireType(type == TagType.BIN || type == TagType.CHAR || type == TagType.INT8, "bytes");
        return Arrays.copyOfRange(header, offset, offset + length);
    }

    /** The value as text for listings: strings quoted, numbers in decimal, bytes in hex. */
    public String describe() {
        return switch (type) {
            case STRING, STRING_ARRAY, I18NSTRING -> quoted(strings());
            case INT16 -> join(Arrays.stream(toInts(int16s())).mapToObj(Integer::toString).toList());
            case INT32 -> join(Arrays.stream(int32s()).mapToObj(Integer::toUnsignedString).toList());
            case INT64 -> join(Arrays.stream(int64s()).mapToObj(Long::toUnsignedString).toList());
            default -> HexFormat.of().formatHex(bytes());
        };
    }

    @Override
    public String toString() {
        return "tag " + tag + " " + type + "[" + count + "]: " + describe();
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(header, offset, length).slice();
    }

    private static String quoted(List<String> strings) {
        StringBuilder text = new StringBuilder();
        for (String string : strings) {
            text.append(text.length() == 0 ? "\"" : ", \"").append(string).append('"');
        }
        return text.toString();
    }

    private static int[] toInts(short[] shorts) {
        int[] ints = new int[shorts.length];
        for (int i = 0; i < shorts.length; i++) {
            ints[i] = Short.toUnsignedInt(shorts[i]);
        }
        return ints;
    }

    private static String join(List<String> values) {
        return String.join(", ", values);
    }

    private void requireType(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("tag " + tag + " is of type " + type + ", it has no " + what);
        }
    }
}

package io.rpmkit.read;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

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

    public List<String> strings() {
        requireType(type.isString(), "strings");
        List<String> list = new ArrayList<>(count);
        int start = offset;
        for (int i = 0; i < count; i++) {
            int end = start;
            while (header[end] != 0) {
                end++;
            }
            // rpm stores bytes; old packages may hold Latin-1, which decodes with replacement characters.
            list.add(new String(header, start, end - start, StandardCharsets.UTF_8));
            start = end + 1;
        }
        return List.copyOf(list);
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
            case STRING, STRING_ARRAY, I18NSTRING -> strings().stream()
                    .map(s -> '"' + s + '"').collect(Collectors.joining(", "));
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

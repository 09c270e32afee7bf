package io.rpmkit.read;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderLayout;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.Tag;
import io.rpmkit.format.TagType;

/**
 * Checks and indexes the bytes of one header. The checks are the ones rpm makes before it trusts
 * a header (lib/header.cc: {@code hdrblobInit}, {@code hdrblobVerifyRegion},
 * {@code hdrblobVerifyInfo}), so that we accept what rpm accepts and nothing rpm would refuse;
 * the limits themselves are {@link RpmReader}'s constants.
 *
 * <p>Layout: 8 bytes of magic ({@code 8EADE801} and 4 reserved zero bytes), the entry count and
 * the data size (big-endian 32 bits each), the index of 16-byte entries (tag, type, offset into the
 * data area, count), then the data area.
 */
final class HeaderParser {
    private static final long MAGIC = HeaderLayout.MAGIC;
    private static final int INTRO_SIZE = HeaderLayout.INTRO_SIZE;
    private static final int INDEX_ENTRY_SIZE = HeaderLayout.INDEX_ENTRY_SIZE;
    private static final int REGION_TRAILER_SIZE = HeaderLayout.REGION_TRAILER_SIZE;

    private final HeaderKind kind;
    private final String file;
    private final String where;
    private final byte[] bytes;
    private final ByteBuffer buffer;
    private int dataStart;
    private int dataSize;

    private HeaderParser(HeaderKind kind, String where, byte[] bytes) {
        this.kind = kind;
        this.file = where;
        this.where = where + ": " + kind.label();
        this.bytes = bytes;
        this.buffer = ByteBuffer.wrap(bytes);
    }

    /** @param where names the file for messages, e.g. {@code reading x.rpm} */
    static RpmHeader parse(HeaderKind kind, String where, byte[] bytes) throws PackagingException {
        return new HeaderParser(kind, where, bytes).parse();
    }

    /**
     * Checks the 16 bytes that open a header and returns its full size, so that the caller can check
     * the size against what is left of the file before reading (and allocating) the rest.
     */
    static long checkIntro(HeaderKind kind, String where, byte[] intro) throws PackagingException {
        String at = where + ": " + kind.label();
        for (int i = 0; i < Long.BYTES; i++) {
            if (intro[i] != (byte) (MAGIC >>> (8 * (Long.BYTES - 1 - i)))) {
                throw new PackagingException(at + " magic is " + hex(intro, 0, Long.BYTES)
                        + ", expected " + String.format("%016X", MAGIC));
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(intro);
        long count = Integer.toUnsignedLong(buffer.getInt(8));
        long dataSize = Integer.toUnsignedLong(buffer.getInt(12));
        if (count < 1 || count > kind.maxEntries()) {
            throw new PackagingException(at + " index count " + count + " is outside the accepted range 1 to "
                    + kind.maxEntries());
        }
        if (dataSize > kind.maxDataSize()) {
            throw new PackagingException(at + " data size " + dataSize + " exceeds the limit " + kind.maxDataSize());
        }
        // rpm's hdrblobInit: the blob, 8 + 16 * il + dl, must be below headerMaxbytes (>= is refused).
        long blob = INTRO_SIZE - Long.BYTES + count * INDEX_ENTRY_SIZE + dataSize;
        if (blob >= RpmLimits.MAX_HEADER_BLOB_SIZE) {
            throw new PackagingException(at + " is " + blob + " bytes as rpm counts it (8 + 16 * " + count
                    + " entries + " + dataSize + " bytes of data); rpm refuses " + RpmLimits.MAX_HEADER_BLOB_SIZE
                    + " or more");
        }
        return INTRO_SIZE + count * INDEX_ENTRY_SIZE + dataSize;
    }

    private RpmHeader parse() throws PackagingException {
        if (bytes.length < INTRO_SIZE || checkIntro(kind, file, bytes) != bytes.length) {
            throw fail("is " + bytes.length + " bytes, which does not match its counts");
        }
        int count = buffer.getInt(8);
        dataSize = buffer.getInt(12);
        dataStart = INTRO_SIZE + count * INDEX_ENTRY_SIZE;
        Region region = region(count);
        List<HeaderEntry> entries = new ArrayList<>(count);
        EntriesByTag byTag = new EntriesByTag(count);
        if (region != null) {
            HeaderEntry regionEntry = new HeaderEntry(bytes, kind.regionTag().code(), TagType.BIN,
                    dataStart + region.trailerOffset, REGION_TRAILER_SIZE, REGION_TRAILER_SIZE);
            entries.add(regionEntry);
            byTag.putIfAbsent(regionEntry);
        }
        long previousEnd = 0;
        for (int i = region == null ? 0 : 1; i < count; i++) {
            HeaderEntry entry = entry(i, previousEnd, region);
            if (byTag.putIfAbsent(entry) != null) {
                throw fail("has tag " + name(entry.tag()) + " twice");
            }
            entries.add(entry);
            previousEnd = (long) entry.position() - dataStart + entry.length();
        }
        return new RpmHeader(kind, bytes, entries, byTag);
    }

    /** Where the region's trailer lies and how much of the data area the region covers. */
    private record Region(int trailerOffset, long dataSize) {
    }

    /**
     * The region tag comes first and points at a trailer: an index entry stored in the data area
     * whose negative offset is the size of the region's index. Headers without a region are legacy
     * headers that rpm still reads; for those we return null.
     */
    private Region region(int count) throws PackagingException {
        int tag = buffer.getInt(INTRO_SIZE);
        if (tag != kind.regionTag().code()) {
            return null;
        }
        int type = buffer.getInt(INTRO_SIZE + 4);
        int offset = buffer.getInt(INTRO_SIZE + 8);
        int size = buffer.getInt(INTRO_SIZE + 12);
        if (type != TagType.BIN.code() || size != REGION_TRAILER_SIZE) {
            throw fail("region tag has type " + type + " and count " + size + ", expected type "
                    + TagType.BIN.code() + " (BIN) and count " + REGION_TRAILER_SIZE);
        }
        if (offset < 0 || (long) offset + REGION_TRAILER_SIZE > dataSize) {
            throw fail("region trailer offset " + offset + " is outside the data area of " + dataSize + " bytes");
        }
        ByteBuffer trailer = ByteBuffer.wrap(bytes, dataStart + offset, REGION_TRAILER_SIZE).slice();
        int trailerTag = trailer.getInt();
        int trailerType = trailer.getInt();
        long indexSize = -(long) trailer.getInt();
        int trailerCount = trailer.getInt();
        if (trailerTag != kind.regionTag().code() || trailerType != TagType.BIN.code()
                || trailerCount != REGION_TRAILER_SIZE) {
            throw fail("region trailer holds tag " + trailerTag + ", type " + trailerType + ", count "
                    + trailerCount + "; expected tag " + kind.regionTag().code() + ", type "
                    + TagType.BIN.code() + ", count " + REGION_TRAILER_SIZE);
        }
        long regionEntries = indexSize / INDEX_ENTRY_SIZE;
        long regionData = (long) offset + REGION_TRAILER_SIZE;
        if (indexSize % INDEX_ENTRY_SIZE != 0 || regionEntries < 1 || regionEntries > count) {
            throw fail("region trailer claims an index of " + indexSize + " bytes; accepted are multiples of "
                    + INDEX_ENTRY_SIZE + " up to " + (long) count * INDEX_ENTRY_SIZE);
        }
        // rpm reads a package's main header with exact_size: the region must be the whole header.
        if (kind == HeaderKind.MAIN && (regionEntries != count || regionData != dataSize)) {
            throw fail("region covers " + regionEntries + " entries and " + regionData + " data bytes, "
                    + "but the header has " + count + " entries and " + dataSize + " data bytes");
        }
        return new Region(offset, regionData);
    }

    private HeaderEntry entry(int index, long previousEnd, Region region) throws PackagingException {
        int at = INTRO_SIZE + index * INDEX_ENTRY_SIZE;
        int tag = buffer.getInt(at);
        int typeCode = buffer.getInt(at + 4);
        int offset = buffer.getInt(at + 8);
        int count = buffer.getInt(at + 12);
        if (tag < RpmTag.HEADERI18NTABLE.code()) {
            throw fail(index, tag, ": tag numbers below " + RpmTag.HEADERI18NTABLE.code()
                    + " are reserved for the region tag, which must come first");
        }
        TagType type = TagType.ofCode(typeCode);
        if (type == null || type == TagType.NULL) {
            throw fail(index, tag, " has type " + typeCode + "; accepted are 1 (CHAR) to 9 (I18NSTRING)");
        }
        if (count < 1 || count > dataSize) {
            throw fail(index, tag, " has count " + Integer.toUnsignedString(count)
                    + "; accepted is 1 to the data size " + dataSize);
        }
        if (type != TagType.BIN && count > RpmLimits.MAX_ARRAY_COUNT) {
            throw fail(index, tag, " has count " + count + ", which exceeds the limit " + RpmLimits.MAX_ARRAY_COUNT);
        }
        if (offset < 0 || offset > dataSize) {
            throw fail(index, tag, " has offset " + offset + " outside the data area of " + dataSize + " bytes");
        }
        if (offset % type.alignment() != 0) {
            throw fail(index, tag, " of type " + type + " has offset " + offset + ", which is not a multiple of "
                    + type.alignment());
        }
        if (offset < previousEnd) {
            throw fail(index, tag, " has offset " + offset + " inside the previous entry's data, which ends at "
                    + previousEnd);
        }
        long length = length(index, tag, type, offset, count);
        long end = offset + length;
        if (region != null && end > region.dataSize() - REGION_TRAILER_SIZE && offset < region.dataSize()) {
            throw fail(index, tag, " overlaps the region trailer at offset " + region.trailerOffset());
        }
        checkType(index, tag, type);
        return new HeaderEntry(bytes, tag, type, dataStart + offset, count, (int) length);
    }

    /** A problem of index entry {@code index}, named as messages name it: the label is made only for a message. */
    private PackagingException fail(int index, int tag, String problem) {
        return fail("entry " + index + " (tag " + name(tag) + ")" + problem);
    }

    /** The bytes the value takes, checked to fit in the data area: strings must end in NUL in it. */
    private long length(int index, int tag, TagType type, int offset, int count) throws PackagingException {
        if (type == TagType.STRING && count != 1) {
            throw fail(index, tag, " is a STRING with count " + count + "; a STRING has count 1");
        }
        if (type.isString()) {
            int position = dataStart + offset;
            int end = dataStart + dataSize;
            for (int found = 0; found < count; position++) {
                if (position >= end) {
                    throw fail(index, tag, ": string " + (found + 1) + " of " + count
                            + " is not NUL-terminated within the data area");
                }
                if (bytes[position] == 0) {
                    found++;
                }
            }
            return position - (dataStart + offset);
        }
        long length = (long) count * typeSize(type);
        if (offset + length > dataSize) {
            throw fail(index, tag, ": " + count + " values of type " + type + " at offset " + offset
                    + " run past the data area of " + dataSize + " bytes");
        }
        return length;
    }

    private static int typeSize(TagType type) {
        return switch (type) {
            case INT16 -> 2;
            case INT32 -> 4;
            case INT64 -> 8;
            default -> 1;
        };
    }

    /** rpm refuses a known tag stored with another type, except strings stored as another string type. */
    private void checkType(int index, int code, TagType type) throws PackagingException {
        Tag known = kind.known(code);
        if (known == null || known.type() == type || (known.type().isString() && type.isString())) {
            return;
        }
        throw fail(index, code, " has type " + type + "; rpm defines it as " + known.type());
    }

    private String name(int code) {
        Tag known = kind.known(code);
        return known == null ? Integer.toString(code) : known.name();
    }

    private PackagingException fail(String message) {
        return new PackagingException(where + " " + message);
    }

    static String hex(byte[] data, int from, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + length; i++) {
            text.append(String.format("%02X", data[i]));
        }
        return text.toString();
    }
}

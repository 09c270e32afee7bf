package io.rpmkit.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.redline_rpm.header.AbstractHeader;
import org.redline_rpm.header.Header;
import org.redline_rpm.header.Signature;

/**
 * Collects the entries of one header (the signature header or the main header) and encodes it.
 *
 * <p>The encoding itself is Redline's {@link AbstractHeader#write}, which is right: magic and counts,
 * index entries sorted by tag with the region tag first, data in index order, each number aligned to
 * its width, and the region trailer written last. What Redline leaves to its caller, and this class
 * supplies, is the region trailer's value and the 8-byte padding after a signature header.
 */
public final class HeaderBuilder {
    private static final int REGION_TRAILER_SIZE = HeaderLayout.REGION_TRAILER_SIZE;

    private final Tag regionTag;
    private final Map<Integer, Value> values = new TreeMap<>();

    private record Value(Tag tag, Object data) {
    }

    private HeaderBuilder(Tag regionTag) {
        this.regionTag = regionTag;
    }

    /** The main header, whose immutable region is tag 63. */
    public static HeaderBuilder mainHeader() {
        return new HeaderBuilder(RpmTag.HEADERIMMUTABLE);
    }

    /** The signature header, whose region is tag 62 and which is padded to 8 bytes. */
    public static HeaderBuilder signatureHeader() {
        return new HeaderBuilder(SignatureTag.HEADERSIGNATURES);
    }

    public HeaderBuilder string(Tag tag, String value) {
        requireType(tag, TagType.STRING, TagType.I18NSTRING);
        return put(tag, new String[] {Objects.requireNonNull(value, tag.name())});
    }

    public HeaderBuilder strings(Tag tag, List<String> list) {
        requireType(tag, TagType.STRING_ARRAY);
        return put(tag, list.toArray(new String[0]));
    }

    public HeaderBuilder int32(Tag tag, int... list) {
        requireType(tag, TagType.INT32);
        return put(tag, list.clone());
    }

    public HeaderBuilder int16(Tag tag, short... list) {
        requireType(tag, TagType.INT16);
        return put(tag, list.clone());
    }

    public HeaderBuilder int64(Tag tag, long... list) {
        requireType(tag, TagType.INT64);
        return put(tag, list.clone());
    }

    public HeaderBuilder binary(Tag tag, byte[] bytes) {
        requireType(tag, TagType.BIN);
        return put(tag, bytes.clone());
    }

    public boolean contains(Tag tag) {
        return values.containsKey(tag.code());
    }

    /** Encodes the header; a signature header comes with its padding to the next 8-byte boundary. */
    public byte[] encode() {
        AbstractHeader header = regionTag == RpmTag.HEADERIMMUTABLE ? new Header() : new Signature();
        header.createEntry(regionTag.code(), TagType.BIN.code(), regionTrailer(values.size() + 1));
        for (Value value : values.values()) {
            header.createEntry(value.tag().code(), value.tag().type().code(), value.data());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int padding = header.write(Channels.newChannel(out));
            out.write(new byte[padding]);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * The region trailer is an index entry stored in the data area: the region tag, type BIN, a
     * negative offset whose size is the region's whole index (16 bytes per entry), and count 16.
     */
    private byte[] regionTrailer(int entryCount) {
        return ByteBuffer.allocate(REGION_TRAILER_SIZE)
                .putInt(regionTag.code())
                .putInt(TagType.BIN.code())
                .putInt(-HeaderLayout.INDEX_ENTRY_SIZE * entryCount)
                .putInt(REGION_TRAILER_SIZE)
                .array();
    }

    private HeaderBuilder put(Tag tag, Object data) {
        if (values.putIfAbsent(tag.code(), new Value(tag, data)) != null) {
            throw new IllegalStateException("tag " + tag.name() + " set twice");
        }
        return this;
    }

    private static void requireType(Tag tag, TagType... accepted) {
        for (TagType type : accepted) {
            if (tag.type() == type) {
                return;
            }
        }
        throw new IllegalArgumentException("tag " + tag.name() + " is of type " + tag.type());
    }
}

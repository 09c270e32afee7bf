package io.rpmkit.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
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
 * supplies, is the region trailer's value and the 8-byte padding after a signature header. What it
 * does wastefully is replaced: its string entries (see {@link Utf8Strings}) and the stream it is
 * written into (see {@link Collected}).
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
        AbstractHeader header = regionTag == RpmTag.HEADERIMMUTABLE ? new MainEncoding() : new SignatureEncoding();
        header.createEntry(regionTag.code(), TagType.BIN.code(), regionTrailer(values.size() + 1));
        for (Value value : values.values()) {
            header.createEntry(value.tag().code(), value.tag().type().code(), value.data());
        }
        Collected out = new Collected();
        try {
            int padding = header.write(out);
            return out.bytes(padding);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    /** Redline's main header, with string entries that encode each string once. */
    private static final class MainEncoding extends Header {
        @Override
        protected Entry<?> createEntry(int type) {
            return Utf8Strings.isString(type) ? new Utf8Strings(this, type) : super.createEntry(type);
        }
    }

    /** Redline's signature header, with string entries that encode each string once. */
    private static final class SignatureEncoding extends Signature {
        @Override
        protected Entry<?> createEntry(int type) {
            return Utf8Strings.isString(type) ? new Utf8Strings(this, type) : super.createEntry(type);
        }
    }

    /**
     * A STRING, STRING_ARRAY or I18NSTRING entry: each string in UTF-8 and a NUL, as Redline's own
     * writes it. Redline's encodes every string twice, for its size and then to write it, each time
     * through a CharBuffer and a ByteBuffer of three bytes per character: for a package of 50,000
     * files about 200 MB of garbage, a third of all a build allocates. This one counts each string's
     * size and encodes it straight into the header's data.
     */
    private static final class Utf8Strings extends AbstractHeader.AbstractEntry<String[]> {
        private final int type;

        Utf8Strings(AbstractHeader header, int type) {
            header.super();
            this.type = type;
        }

        static boolean isString(int type) {
            TagType known = TagType.ofCode(type);
            return known != null && known.isString();
        }

        @Override
        public void setValues(String[] strings) {
            super.setValues(strings);
            size = 0;
            for (String string : strings) {
                size += Utf8.length(string) + 1;
            }
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void write(ByteBuffer data) {
            for (String string : getValues()) {
                Utf8.put(data, string);
                data.put((byte) 0);
            }
        }

        @Override
        public void read(ByteBuffer buffer) {
            throw new UnsupportedOperationException("an entry for encoding only");
        }

        @Override
        protected void typeCheck(String[] strings) {
            // A String[] by its type: nothing else to check.
        }
    }

    /**
     * What Redline writes (the preamble, the index, the data: three buffers), kept for one copy into
     * the header's bytes; a ByteArrayOutputStream grew by doubling and then copied it all once more.
     */
    private static final class Collected implements WritableByteChannel {
        private final List<byte[]> parts = new ArrayList<>(3);
        private int length;

        @Override
        public int write(ByteBuffer source) {
            byte[] part;
            if (source.hasArray() && source.arrayOffset() == 0 && source.position() == 0
                    && source.remaining() == source.array().length) {
                part = source.array(); // Redline's own buffer, all of it: kept, not copied
                source.position(source.limit());
            } else {
                part = new byte[source.remaining()];
                source.get(part);
            }
            parts.add(part);
            length = Math.addExact(length, part.length);
            return part.length;
        }

        /** All that was written, then {@code padding} zero bytes. */
        byte[] bytes(int padding) {
            byte[] all = new byte[Math.addExact(length, padding)];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /**
     * The length {@link #encode} returns, found without encoding: the intro, 16 bytes of index per entry
     * and the region's, and the data as encode lays it out (in tag order, each number aligned to its
     * width, the region trailer last and unaligned), then a signature header's padding. A prediction
     * that must not cost a second encoding of a header of 50,000 files.
     */
    public int encodedLength() {
        long data = 0;
        for (Value value : values.values()) {
            int alignment = value.tag().type().alignment();
            data = (data + alignment - 1) / alignment * alignment + dataSize(value.data());
        }
        data += REGION_TRAILER_SIZE;
        long length = HeaderLayout.INTRO_SIZE + (long) HeaderLayout.INDEX_ENTRY_SIZE * (values.size() + 1) + data;
        if (regionTag != RpmTag.HEADERIMMUTABLE) {
            length = (length + HeaderLayout.SIGNATURE_ALIGNMENT - 1) / HeaderLayout.SIGNATURE_ALIGNMENT
                    * HeaderLayout.SIGNATURE_ALIGNMENT;
        }
        return Math.toIntExact(length);
    }

    private static long dataSize(Object data) {
        if (data instanceof String[] strings) {
            long size = 0;
            for (String string : strings) {
                size += Utf8.length(string) + 1;
            }
            return size;
        }
        if (data instanceof byte[] bytes) {
            return bytes.length;
        }
        if (data instanceof short[] numbers) {
            return 2L * numbers.length;
        }
        if (data instanceof int[] numbers) {
            return 4L * numbers.length;
        }
        if (data instanceof long[] numbers) {
            return 8L * numbers.length;
        }
        throw new IllegalStateException("no size for " + data.getClass());
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

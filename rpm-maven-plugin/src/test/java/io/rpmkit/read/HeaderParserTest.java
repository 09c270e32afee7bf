package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.HeaderLayout;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.TagType;

/** Headers written byte by byte, each breaking one rule rpm enforces. */
class HeaderParserTest {
    private static final int UNKNOWN_TAG = 5999;

    /** A header without a region (rpm reads those as legacy headers): entries and a data area. */
    private static final class RawHeader {
        private final List<int[]> index = new ArrayList<>();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        RawHeader entry(int tag, TagType type, int offset, int count) {
            index.add(new int[] {tag, type.code(), offset, count});
            return this;
        }

        RawHeader data(int... bytes) {
            for (int b : bytes) {
                data.write(b);
            }
            return this;
        }

        RawHeader data(String text) {
            data.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        byte[] encode() {
            ByteBuffer out = ByteBuffer.allocate(16 + 16 * index.size() + data.size());
            out.putLong(HeaderLayout.MAGIC).putInt(index.size()).putInt(data.size());
            index.forEach(e -> out.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]));
            return out.put(data.toByteArray()).array();
        }
    }

    @Test
    void readsALegacyHeaderWithoutRegion() throws Exception {
        RpmHeader header = parse(new RawHeader()
                .entry(RpmTag.NAME.code(), TagType.STRING, 0, 1)
                .entry(RpmTag.EPOCH.code(), TagType.INT32, 4, 1)
                .data("abc\0").data(0, 0, 0, 7));
        assertEquals("abc", header.string(RpmTag.NAME).orElseThrow());
        assertArrayEquals(new int[] {7}, header.int32(RpmTag.EPOCH));
    }

    @Test
    void keepsAndListsUnknownTags() throws Exception {
        RpmHeader header = parse(new RawHeader()
                .entry(RpmTag.NAME.code(), TagType.STRING, 0, 1)
                .entry(UNKNOWN_TAG, TagType.INT32, 4, 2)
                .data("abc\0").data(0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF));
        assertEquals(1, header.unknownEntries().size());
        HeaderEntry unknown = header.unknownEntries().get(0);
        assertEquals(UNKNOWN_TAG, unknown.tag());
        assertArrayEquals(new int[] {1, -1}, unknown.int32s());
        assertEquals("1, 4294967295", unknown.describe());
    }

    @Test
    void refusesAStringNotTerminatedInTheDataArea() {
        assertRefused("entry 0 (tag NAME): string 1 of 1 is not NUL-terminated within the data area",
                new RawHeader().entry(RpmTag.NAME.code(), TagType.STRING, 0, 1).data("abc"));
    }

    @Test
    void refusesAStringArrayShortOfItsCount() {
        assertRefused("entry 0 (tag BASENAMES): string 3 of 3 is not NUL-terminated within the data area",
                new RawHeader().entry(RpmTag.BASENAMES.code(), TagType.STRING_ARRAY, 0, 3).data("a\0b\0"));
    }

    @Test
    void refusesAnOffsetOutsideTheDataArea() {
        assertRefused("entry 0 (tag EPOCH) has offset 8 outside the data area of 4 bytes",
                new RawHeader().entry(RpmTag.EPOCH.code(), TagType.INT32, 8, 1).data(0, 0, 0, 1));
    }

    @Test
    void refusesNumbersRunningPastTheDataArea() {
        assertRefused("entry 0 (tag FILESIZES): 2 values of type INT32 at offset 0 run past the data area of 4 bytes",
                new RawHeader().entry(RpmTag.FILESIZES.code(), TagType.INT32, 0, 2).data(0, 0, 0, 1));
    }

    @Test
    void refusesAMisalignedNumber() {
        assertRefused("entry 1 (tag EPOCH) of type INT32 has offset 2, which is not a multiple of 4",
                new RawHeader().entry(RpmTag.NAME.code(), TagType.STRING, 0, 1)
                        .entry(RpmTag.EPOCH.code(), TagType.INT32, 2, 1).data("a\0").data(0, 0, 0, 1));
    }

    @Test
    void refusesOverlappingData() {
        assertRefused("entry 1 (tag RELEASE) has offset 1 inside the previous entry's data, which ends at 4",
                new RawHeader().entry(RpmTag.NAME.code(), TagType.STRING, 0, 1)
                        .entry(RpmTag.RELEASE.code(), TagType.STRING, 1, 1).data("abc\0"));
    }

    @Test
    void refusesAKnownTagWithAnotherType() {
        assertRefused("entry 0 (tag EPOCH) has type STRING; rpm defines it as INT32",
                new RawHeader().entry(RpmTag.EPOCH.code(), TagType.STRING, 0, 1).data("1\0"));
    }

    @Test
    void acceptsAStringTagStoredAsAnotherStringType() throws Exception {
        RpmHeader header = parse(new RawHeader().entry(RpmTag.POSTINPROG.code(), TagType.STRING_ARRAY, 0, 2)
                .data("/usr/bin/lua\0-e\0"));
        assertEquals(List.of("/usr/bin/lua", "-e"), header.strings(RpmTag.POSTINPROG));
    }

    @Test
    void refusesAStringWithCountAboveOne() {
        assertRefused("entry 0 (tag NAME) is a STRING with count 2; a STRING has count 1",
                new RawHeader().entry(RpmTag.NAME.code(), TagType.STRING, 0, 2).data("a\0b\0"));
    }

    @Test
    void refusesCountZeroAndUnknownTypes() {
        assertRefused("entry 0 (tag EPOCH) has count 0; accepted is 1 to the data size 4",
                new RawHeader().entry(RpmTag.EPOCH.code(), TagType.INT32, 0, 0).data(0, 0, 0, 1));
        assertRefused("has type 0; accepted are 1 (CHAR) to 9 (I18NSTRING)",
                new RawHeader().entry(RpmTag.EPOCH.code(), TagType.NULL, 0, 1).data(0, 0, 0, 1));
    }

    @Test
    void refusesTagNumbersReservedForRegions() {
        assertRefused("entry 0 (tag 63): tag numbers below 100 are reserved for the region tag",
                new RawHeader().entry(RpmTag.HEADERIMMUTABLE.code(), TagType.INT32, 0, 1).data(0, 0, 0, 1)
                        .entry(RpmTag.NAME.code(), TagType.STRING, 4, 1).data("a\0"),
                HeaderKind.SIGNATURE);
    }

    @Test
    void refusesATagTwice() {
        assertRefused("has tag NAME twice", new RawHeader().entry(RpmTag.NAME.code(), TagType.STRING, 0, 1)
                .entry(RpmTag.NAME.code(), TagType.STRING, 2, 1).data("a\0b\0"));
    }

    @Test
    void refusesARegionTrailerThatClaimsAnotherIndex() throws Exception {
        byte[] header = HeaderBuilder.mainHeader().string(RpmTag.NAME, "n").encode();
        // The trailer is the last 16 bytes; its third field is minus the region's index size.
        ByteBuffer.wrap(header).putInt(header.length - 8, -16 * 5);
        PackagingException e = assertThrows(PackagingException.class,
                () -> HeaderParser.parse(HeaderKind.MAIN, "reading x.rpm", header));
        assertTrue(e.getMessage().contains("region trailer claims an index of 80 bytes"), e.getMessage());
    }

    @Test
    void refusesARegionTrailerWithAnotherTag() throws Exception {
        byte[] header = HeaderBuilder.mainHeader().string(RpmTag.NAME, "n").encode();
        ByteBuffer.wrap(header).putInt(header.length - 16, SignatureTag.HEADERSIGNATURES.code());
        PackagingException e = assertThrows(PackagingException.class,
                () -> HeaderParser.parse(HeaderKind.MAIN, "reading x.rpm", header));
        assertTrue(e.getMessage().contains("region trailer holds tag 62"), e.getMessage());
    }

    @Test
    void refusesAMainHeaderRegionSmallerThanTheHeader() throws Exception {
        byte[] header = HeaderBuilder.mainHeader().string(RpmTag.NAME, "n").string(RpmTag.VERSION, "1").encode();
        ByteBuffer.wrap(header).putInt(header.length - 8, -16 * 2);
        PackagingException e = assertThrows(PackagingException.class,
                () -> HeaderParser.parse(HeaderKind.MAIN, "reading x.rpm", header));
        assertTrue(e.getMessage().contains("region covers 2 entries"), e.getMessage());
    }

    @Test
    void readsWhatHeaderBuilderWrites() throws Exception {
        byte[] bytes = HeaderBuilder.mainHeader().string(RpmTag.NAME, "n").int64(RpmTag.LONGSIZE, 5L << 32)
                .int16(RpmTag.FILEMODES, (short) 0100644, (short) 040755).encode();
        RpmHeader header = HeaderParser.parse(HeaderKind.MAIN, "reading x.rpm", bytes);
        assertEquals(5L << 32, header.number(RpmTag.LONGSIZE).orElseThrow());
        assertEquals(040755, Short.toUnsignedInt(header.int16(RpmTag.FILEMODES)[1]));
        assertEquals(RpmTag.HEADERIMMUTABLE.code(), header.entries().get(0).tag());
    }

    private static RpmHeader parse(RawHeader raw) throws PackagingException {
        return HeaderParser.parse(HeaderKind.MAIN, "reading x.rpm", raw.encode());
    }

    private static void assertRefused(String message, RawHeader raw) {
        assertRefused(message, raw, HeaderKind.MAIN);
    }

    private static void assertRefused(String message, RawHeader raw, HeaderKind kind) {
        PackagingException e = assertThrows(PackagingException.class,
                () -> HeaderParser.parse(kind, "reading x.rpm", raw.encode()));
        assertTrue(e.getMessage().startsWith("reading x.rpm: " + kind.label() + " "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}

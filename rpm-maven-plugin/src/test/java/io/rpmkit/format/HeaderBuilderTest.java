package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.redline_rpm.header.AbstractHeader;
import org.redline_rpm.header.Header;
import org.redline_rpm.header.Signature;

class HeaderBuilderTest {
    private static byte[] hex(String... rows) {
        return HexFormat.of().parseHex(String.join("", rows).replace(" ", ""));
    }

    @Test
    void encodesMainHeaderWithRegionFirstInIndexAndTrailerLastInData() {
        byte[] encoded = HeaderBuilder.mainHeader()
                .string(RpmTag.NAME, "ab")
                .int16(RpmTag.FILEMODES, (short) 0100644)
                .int32(RpmTag.EPOCH, 7)
                .encode();
        assertArrayEquals(hex(
                "8eade801 00000000", // magic, version 1, reserved
                "00000004 0000001a", // 4 index entries, 26 data bytes
                "0000003f 00000007 0000000a 00000010", // HEADERIMMUTABLE BIN at 10, count 16
                "000003e8 00000006 00000000 00000001", // NAME STRING at 0
                "000003eb 00000004 00000004 00000001", // EPOCH INT32 at 4 (aligned from 3)
                "00000406 00000003 00000008 00000001", // FILEMODES INT16 at 8
                "61620000", // "ab\0", one pad byte before the INT32
                "00000007", // epoch
                "81a4", // mode 0100644; the trailer is BIN, so it follows unaligned at 10
                "0000003f 00000007 ffffffc0 00000010"), // trailer: tag 63, BIN, -(4*16), 16
                encoded);
    }

    @Test
    void padsSignatureHeaderToEightBytes() {
        byte[] encoded = HeaderBuilder.signatureHeader().int32(SignatureTag.SIZE, 1).encode();
        // 16 preamble + 2 index entries + 4 data + 16 trailer = 68, padded to 72
        assertEquals(72, encoded.length);
        assertArrayEquals(hex("0000003e 00000007 ffffffe0 00000010", "00000000"), // trailer, padding
                java.util.Arrays.copyOfRange(encoded, 52, 72));
    }

    @Test
    void refusesValuesOfTheWrongType() {
        assertThrows(IllegalArgumentException.class, () -> HeaderBuilder.mainHeader().int32(RpmTag.NAME, 1));
        assertThrows(IllegalArgumentException.class,
                () -> HeaderBuilder.mainHeader().string(RpmTag.BASENAMES, "x"));
    }

    @Test
    void refusesATagSetTwice() {
        HeaderBuilder header = HeaderBuilder.mainHeader().strings(RpmTag.BASENAMES, List.of("a"));
        assertThrows(IllegalStateException.class, () -> header.strings(RpmTag.BASENAMES, List.of("b")));
    }

    /**
     * Our string entries replace Redline's: over random headers of every string type (empty strings,
     * ASCII, two-, three- and four-byte UTF-8, unpaired surrogates, which both encode as '?') mixed with
     * numbers and binary, the bytes are exactly those of Redline's own entries.
     */
    @Test
    void encodesStringsAsRedlineItselfDoes() throws IOException {
        Random random = new Random(14);
        List<Tag> stringTags = List.of(RpmTag.NAME, RpmTag.SUMMARY, RpmTag.DESCRIPTION, RpmTag.GROUP,
                RpmTag.FILEDIGESTS, RpmTag.FILELINKTOS, RpmTag.FILEUSERNAME, RpmTag.FILEGROUPNAME, RpmTag.BASENAMES);
        for (int round = 0; round < 300; round++) {
            HeaderBuilder ours = HeaderBuilder.mainHeader();
            List<Object[]> redline = new ArrayList<>(); // tag code, type code, value
            for (Tag tag : stringTags) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                List<String> strings = new ArrayList<>();
                int count = tag.type() == TagType.STRING_ARRAY ? random.nextInt(40) + 1 : 1;
                for (int i = 0; i < count; i++) {
                    strings.add(randomString(random));
                }
                if (tag.type() == TagType.STRING_ARRAY) {
                    ours.strings(tag, strings);
                } else {
                    ours.string(tag, strings.get(0));
                }
                redline.add(new Object[] {tag.code(), tag.type().code(), strings.toArray(new String[0])});
            }
            int[] sizes = random.ints(random.nextInt(5) + 1).toArray();
            ours.int32(RpmTag.FILESIZES, sizes);
            redline.add(new Object[] {RpmTag.FILESIZES.code(), TagType.INT32.code(), sizes});
            short[] modes = {(short) random.nextInt(), (short) random.nextInt()};
            ours.int16(RpmTag.FILEMODES, modes);
            redline.add(new Object[] {RpmTag.FILEMODES.code(), TagType.INT16.code(), modes});
            byte[] encoded = ours.encode();

            Header plain = new Header();
            // The region trailer, which HeaderBuilder computes, is the main header's last 16 bytes.
            plain.createEntry(RpmTag.HEADERIMMUTABLE.code(), TagType.BIN.code(),
                    Arrays.copyOfRange(encoded, encoded.length - 16, encoded.length));
            for (Object[] entry : redline) {
                plain.createEntry((int) entry[0], (int) entry[1], entry[2]);
            }
            assertArrayEquals(redlineBytes(plain), encoded, "round " + round);
        }
    }

    @Test
    void encodesSignatureStringsAsRedlineItselfDoes() throws IOException {
        Random random = new Random(62);
        for (int round = 0; round < 100; round++) {
            String digest = randomString(random);
            byte[] encoded = HeaderBuilder.signatureHeader().string(SignatureTag.SHA256HEADER, digest).encode();
            Signature plain = new Signature();
            int dataLength = digest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1 + 16;
            int trailerAt = 16 + 2 * 16 + dataLength - 16;
            plain.createEntry(SignatureTag.HEADERSIGNATURES.code(), TagType.BIN.code(),
                    Arrays.copyOfRange(encoded, trailerAt, trailerAt + 16));
            plain.createEntry(SignatureTag.SHA256HEADER.code(), TagType.STRING.code(), new String[] {digest});
            assertArrayEquals(redlineBytes(plain), encoded, "round " + round);
        }
    }

    private static byte[] redlineBytes(AbstractHeader header) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int padding = header.write(Channels.newChannel(out));
        out.write(new byte[padding]);
        return out.toByteArray();
    }

    /** Text of every UTF-8 width, with empty strings and unpaired surrogates among it. */
    static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) ('a' + random.nextInt(26)));
                case 1 -> text.append((char) (0x80 + random.nextInt(0x780))); // two bytes
                case 2 -> text.append((char) (0x800 + random.nextInt(0xD000))); // three bytes
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF)); // four bytes
                case 4 -> text.append((char) (0xD800 + random.nextInt(0x800))); // an unpaired surrogate
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** encodedLength predicts encode's length over random headers of every type, main and signature. */
    @Test
    void predictsTheEncodedLengthOfEveryKindOfHeader() {
        Random random = new Random(7);
        List<Tag> mainTags = List.of(RpmTag.NAME, RpmTag.SUMMARY, RpmTag.BASENAMES, RpmTag.FILEMODES, RpmTag.FILESIZES,
                RpmTag.LONGFILESIZES, RpmTag.FILEDIGESTS, RpmTag.FILERDEVS, RpmTag.EPOCH);
        for (int round = 0; round < 500; round++) {
            boolean main = random.nextBoolean();
            HeaderBuilder header = main ? HeaderBuilder.mainHeader() : HeaderBuilder.signatureHeader();
            List<Tag> tags = main ? mainTags : List.of(SignatureTag.SHA1HEADER, SignatureTag.SIZE, SignatureTag.MD5,
                    SignatureTag.LONGSIZE, SignatureTag.OPENPGP);
            for (Tag tag : tags) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                int count = random.nextInt(7) + 1;
                switch (tag.type()) {
                    case STRING, I18NSTRING -> header.string(tag, randomString(random));
                    case STRING_ARRAY -> header.strings(tag, random.ints(count).mapToObj(i -> randomString(random))
                            .toList());
                    case INT16 -> header.int16(tag, new short[count]);
                    case INT32 -> header.int32(tag, new int[count]);
                    case INT64 -> header.int64(tag, new long[count]);
                    case BIN -> header.binary(tag, new byte[random.nextInt(40) + 1]);
                    default -> throw new IllegalStateException(tag.type().name());
                }
            }
            assertEquals(header.encode().length, header.encodedLength(), "round " + round);
        }
    }
}

package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

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
}

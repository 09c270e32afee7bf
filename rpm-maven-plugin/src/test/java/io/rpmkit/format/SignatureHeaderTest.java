package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The v6 signature header: two header digests, the signatures, RESERVED last, and its size kept by signing. */
class SignatureHeaderTest {
    private static final byte[] HEADER = "a main header".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "signature of {0} bytes")
    @ValueSource(ints = {0, 119, 287, 600, 4000, 5000})
    void keepsTheUnsignedSizeWhileReservedSpaceLasts(int signatureBytes) {
        List<SignatureValue> signatures = signatureBytes == 0 ? List.of()
                : List.of(new SignatureValue(SignatureTag.RSAHEADER, new byte[signatureBytes]));
        byte[] unsigned = SignatureHeader.encodeV6(HEADER, List.of());
        byte[] signed = SignatureHeader.encodeV6(HEADER, signatures);
        List<Integer> expectedTags = new ArrayList<>(List.of(SignatureTag.HEADERSIGNATURES.code()));
        if (signatureBytes > 0) {
            expectedTags.add(SignatureTag.RSAHEADER.code());
        }
        expectedTags.addAll(List.of(SignatureTag.SHA256HEADER.code(), SignatureTag.SHA3_256HEADER.code(),
                SignatureTag.RESERVED.code()));
        assertEquals(expectedTags, tags(signed), "tags in order, RESERVED last");
        if (signatureBytes + 16 < SignatureHeader.V6_RESERVED_SIZE) {
            assertEquals(unsigned.length, signed.length, "the reserved space makes room for the signature");
        } else {
            assertEquals(SignatureHeader.V6_RESERVED_SIZE, reservedSize(signed), "too large to fit: grown");
        }
        assertEquals(0, signed.length % 8, "padded to 8 bytes");
    }

    /**
     * Re-signing an existing package keeps its signature header's size, whatever RESERVED it had
     * (rpmsign adjusts RESERVED by the difference); signatures that need all of it and more leave
     * RESERVED as it was and grow the header.
     */
    @ParameterizedTest(name = "RESERVED of {0}, signature of {1} bytes")
    @CsvSource({"4128, 0", "4128, 310", "4128, 4111", "4128, 4112", "4128, 5000", "100, 80", "100, 84",
        "100, 200", "2, 0"})
    void resigningKeepsTheOldSizeWhileReservedLasts(int oldReserved, int signatureBytes) {
        byte[] old = SignatureHeader.encodeV6(HEADER, List.of(), unpaddedSize(SignatureHeader.encodeV6(HEADER,
                List.of())) - SignatureHeader.V6_RESERVED_SIZE + oldReserved, SignatureHeader.V6_RESERVED_SIZE);
        assertEquals(oldReserved, reservedSize(old), "an unsigned header with that RESERVED");
        List<SignatureValue> signatures = signatureBytes == 0 ? List.of()
                : List.of(new SignatureValue(SignatureTag.RSAHEADER, new byte[signatureBytes]));
        byte[] signed = SignatureHeader.encodeV6(HEADER, signatures, unpaddedSize(old), oldReserved);
        // A signature costs its bytes and an index entry of 16.
        int cost = signatureBytes == 0 ? 0 : signatureBytes + 16;
        if (cost < oldReserved) {
            assertEquals(unpaddedSize(old), unpaddedSize(signed), "the old size");
            assertEquals(oldReserved - cost, reservedSize(signed));
        } else {
            assertEquals(oldReserved, reservedSize(signed), "RESERVED as it was, the header grown");
            assertEquals(unpaddedSize(old) + cost, unpaddedSize(signed));
        }
    }

    private static int unpaddedSize(byte[] header) {
        ByteBuffer buffer = ByteBuffer.wrap(header);
        return 16 + 16 * buffer.getInt(8) + buffer.getInt(12);
    }

    private static List<Integer> tags(byte[] header) {
        ByteBuffer buffer = ByteBuffer.wrap(header);
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < buffer.getInt(8); i++) {
            tags.add(buffer.getInt(16 + 16 * i));
        }
        return tags;
    }

    private static int reservedSize(byte[] header) {
        ByteBuffer buffer = ByteBuffer.wrap(header);
        int count = buffer.getInt(8);
        return buffer.getInt(16 + 16 * (count - 1) + 12);
    }

    /** The unsigned lengths predicted without a main header are those of the headers encoded with one. */
    @org.junit.jupiter.api.Test
    void predictsTheUnsignedLengthsWithoutTheMainHeader() {
        java.util.Random random = new java.util.Random(26);
        long[] payloadSizes = {0, 1, 0xFFFF_FFFFL - 5000, 0xFFFF_FFFFL, 0x1_0000_0000L, 5L << 30};
        for (int round = 0; round < 200; round++) {
            byte[] header = new byte[random.nextInt(20_000) + 1];
            random.nextBytes(header);
            long compressed = payloadSizes[random.nextInt(payloadSizes.length)];
            long uncompressed = payloadSizes[random.nextInt(payloadSizes.length)];
            assertEquals(SignatureHeader.encode(header, compressed, uncompressed, new byte[16], List.of()).length,
                    SignatureHeader.unsignedLength(header.length, compressed, uncompressed), "round " + round);
            assertEquals(SignatureHeader.encodeV6(header, List.of()).length, SignatureHeader.unsignedLengthV6());
        }
    }
}

package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
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
}

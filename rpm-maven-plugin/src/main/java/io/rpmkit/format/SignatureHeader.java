package io.rpmkit.format;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signature header: digests of the main header, sizes, the MD5 of header and payload, and any
 * OpenPGP signatures. Shared by the writer and by signing an existing package.
 */
public final class SignatureHeader {
    private SignatureHeader() {
    }

    /**
     * @param header the main header exactly as stored
     * @param compressedPayloadSize the payload's size in the file
     * @param uncompressedPayloadSize the cpio archive's size
     * @param md5 MD5 of header and payload (16 bytes)
     * @param signatures in the order they are to be listed; all OPENPGP ones go into that one tag
     */
    public static byte[] encode(byte[] header, long compressedPayloadSize, long uncompressedPayloadSize, byte[] md5,
            List<SignatureValue> signatures) {
        HeaderBuilder signature = HeaderBuilder.signatureHeader()
                .string(SignatureTag.SHA1HEADER, Digests.hex(Digests.sha1().digest(header)))
                .string(SignatureTag.SHA256HEADER, Digests.hex(Digests.sha256().digest(header)))
                .binary(SignatureTag.MD5, md5);
        long headerAndPayload = header.length + compressedPayloadSize;
        if (headerAndPayload > RpmLimits.MAX_UINT32) {
            signature.int64(SignatureTag.LONGSIZE, headerAndPayload);
        } else {
            signature.int32(SignatureTag.SIZE, (int) headerAndPayload);
        }
        if (uncompressedPayloadSize > RpmLimits.MAX_UINT32) {
            signature.int64(SignatureTag.LONGARCHIVESIZE, uncompressedPayloadSize);
        } else {
            signature.int32(SignatureTag.PAYLOADSIZE, (int) uncompressedPayloadSize);
        }
        List<String> openPgp = new ArrayList<>();
        for (SignatureValue value : signatures) {
            if (value.tag() == SignatureTag.OPENPGP) {
                // rpmsign's base64: one line, no breaks (rpmBase64Encode with line length 0).
                openPgp.add(Base64.getEncoder().encodeToString(value.packet()));
            } else {
                signature.binary(value.tag(), value.packet());
            }
        }
        if (!openPgp.isEmpty()) {
            signature.strings(SignatureTag.OPENPGP, openPgp);
        }
        return signature.encode();
    }

    /**
     * One OPENPGP entry's packet, decoded as rpm decodes it (rpmio/base64.cc): control characters and
     * spaces skipped, anything else outside the alphabet refused, a length that is a multiple of 4.
     *
     * @throws IllegalArgumentException when rpm would refuse it too
     */
    public static byte[] decodeOpenPgp(String encoded) {
        StringBuilder text = new StringBuilder(encoded.length());
        encoded.chars().filter(c -> c > ' ').forEach(c -> text.append((char) c));
        if (text.length() % 4 != 0) {
            throw new IllegalArgumentException("base64 of " + text.length() + " characters, not a multiple of 4");
        }
        return Base64.getDecoder().decode(text.toString());
    }
}

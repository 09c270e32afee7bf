package io.rpmkit.format;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signature header: digests of the main header, sizes, the MD5 of header and payload, and any
 * OpenPGP signatures. Shared by the writer and by signing an existing package.
 */
public final class SignatureHeader {
    /** rpmbuild's RESERVED: 32 bytes it always keeps plus %__gpg_reserved_space (lib/signature.cc). */
    public static final int V6_RESERVED_SIZE = 32 + 4096;

    /** Stand-ins of the hex digests' widths, for lengths predicted before the main header exists. */
    private static final String UNKNOWN_SHA1 = "0".repeat(40);
    private static final String UNKNOWN_SHA256 = "0".repeat(64);

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
        return v4(Digests.hex(Digests.sha1().digest(header)), Digests.hex(Digests.sha256().digest(header)),
                header.length, compressedPayloadSize, uncompressedPayloadSize, md5, signatures).encode();
    }

    /**
     * The length of {@link #encode}'s unsigned header for a main header of {@code headerLength} bytes:
     * the header's digests have fixed widths, so it need not exist yet.
     */
    public static int unsignedLength(int headerLength, long compressedPayloadSize, long uncompressedPayloadSize) {
        return v4(UNKNOWN_SHA1, UNKNOWN_SHA256, headerLength, compressedPayloadSize, uncompressedPayloadSize,
                new byte[16], List.of()).encodedLength();
    }

    /** The length of {@link #encodeV6(byte[], List)}'s unsigned header, whatever the main header. */
    public static int unsignedLengthV6() {
        return v6(UNKNOWN_SHA256, UNKNOWN_SHA256, List.of(), V6_RESERVED_SIZE).encodedLength();
    }

    private static HeaderBuilder v4(String sha1, String sha256, int headerLength, long compressedPayloadSize,
            long uncompressedPayloadSize, byte[] md5, List<SignatureValue> signatures) {
        HeaderBuilder signature = HeaderBuilder.signatureHeader()
                .string(SignatureTag.SHA1HEADER, sha1)
                .string(SignatureTag.SHA256HEADER, sha256)
                .binary(SignatureTag.MD5, md5);
        long headerAndPayload = headerLength + compressedPayloadSize;
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
        return addSignatures(signature, signatures);
    }

    /** Each signature in its tag; every OPENPGP one in that one string-array entry, in order. */
    private static HeaderBuilder addSignatures(HeaderBuilder signature, List<SignatureValue> signatures) {
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
        return signature;
    }

    /**
     * A v6 package's signature header (rpm's docs/manual/format_v6.md): the header's SHA-256 and
     * SHA3-256, any OpenPGP signatures, and RESERVED last. Nothing covers the payload here; the main
     * header's payload digests do that. RESERVED is as large as rpmbuild makes it (32 bytes plus
     * %__gpg_reserved_space, 4096) less what the signatures take, so that the header keeps the size of
     * an unsigned one, as rpmsign keeps it (sign/rpmgensig.cc); signatures too large for it grow it.
     */
    public static byte[] encodeV6(byte[] header, List<SignatureValue> signatures) {
        byte[] unsigned = encodeV6(header, List.of(), V6_RESERVED_SIZE);
        if (signatures.isEmpty()) {
            return unsigned;
        }
        byte[] signed = encodeV6(header, signatures, V6_RESERVED_SIZE);
        int growth = unpaddedSize(signed) - unpaddedSize(unsigned);
        return growth < V6_RESERVED_SIZE ? encodeV6(header, signatures, V6_RESERVED_SIZE - growth) : signed;
    }

    /**
     * A new signature header for an existing v6 package, as rpmsign makes it (sign/rpmgensig.cc): of
     * {@code unpaddedSize} bytes (the old one's, as rpm's headerSizeof counts them), RESERVED shrunk or
     * grown by what the signatures take; when they need all of {@code reservedSize} and more, RESERVED
     * keeps that size and the header grows.
     *
     * @param reservedSize the old header's RESERVED length
     */
    public static byte[] encodeV6(byte[] header, List<SignatureValue> signatures, int unpaddedSize,
            int reservedSize) {
        byte[] asBefore = encodeV6(header, signatures, reservedSize);
        int growth = unpaddedSize(asBefore) - unpaddedSize;
        // The header format has no empty binary entries: RESERVED keeps at least one byte.
        return growth == 0 || growth >= reservedSize ? asBefore
                : encodeV6(header, signatures, reservedSize - growth);
    }

    private static byte[] encodeV6(byte[] header, List<SignatureValue> signatures, int reservedSize) {
        return v6(Digests.hex(Digests.sha256().digest(header)), Digests.hex(Digests.sha3_256().digest(header)),
                signatures, reservedSize).encode();
    }

    private static HeaderBuilder v6(String sha256, String sha3, List<SignatureValue> signatures, int reservedSize) {
        HeaderBuilder signature = HeaderBuilder.signatureHeader()
                .string(SignatureTag.SHA256HEADER, sha256)
                .string(SignatureTag.SHA3_256HEADER, sha3);
        return addSignatures(signature, signatures).binary(SignatureTag.RESERVED, new byte[reservedSize]);
    }

    /** The header's size as rpm's headerSizeof counts it: intro, index and data, without the padding. */
    private static int unpaddedSize(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        return HeaderLayout.INTRO_SIZE + HeaderLayout.INDEX_ENTRY_SIZE * buffer.getInt(8) + buffer.getInt(12);
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

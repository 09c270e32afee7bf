package io.rpmkit.read;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names the algorithms and the issuer key ID of an OpenPGP signature packet (RFC 4880 section 5.2,
 * RFC 9580 for issuer fingerprints), enough for a summary line like rpm's
 * {@code RSA/SHA256, Key ID 0123456789abcdef}. It does not verify anything.
 */
final class OpenPgpSignature {
    private static final int SIGNATURE_PACKET = 2;
    private static final int SUBPACKET_ISSUER = 16;
    private static final int SUBPACKET_ISSUER_FINGERPRINT = 33;
    private static final int KEY_ID_SIZE = 8;

    private OpenPgpSignature() {
    }

    /** A description, or empty when the bytes are not a signature packet we can read. */
    static Optional<String> describe(byte[] packet) {
        try {
            return Optional.ofNullable(parse(ByteBuffer.wrap(packet)));
        } catch (RuntimeException e) {
            // Truncated or garbled packets end up here (buffer underflow); the caller says "present".
            return Optional.empty();
        }
    }

    private static String parse(ByteBuffer in) {
        int tagByte = in.get() & 0xFF;
        if ((tagByte & 0x80) == 0) {
            return null;
        }
        boolean newFormat = (tagByte & 0x40) != 0;
        int tag = newFormat ? tagByte & 0x3F : (tagByte >> 2) & 0x0F;
        if (tag != SIGNATURE_PACKET) {
            return null;
        }
        skipLength(in, newFormat, tagByte);
        int version = in.get() & 0xFF;
        if (version == 3) {
            in.get(); // length of the hashed material, always 5
            in.get(); // signature type
            in.getInt(); // creation time
            byte[] keyId = new byte[KEY_ID_SIZE];
            in.get(keyId);
            return text(in.get() & 0xFF, in.get() & 0xFF, keyId);
        }
        if (version != 4 && version != 5 && version != 6) {
            return null;
        }
        in.get(); // signature type
        int publicKeyAlgorithm = in.get() & 0xFF;
        int hashAlgorithm = in.get() & 0xFF;
        int lengthSize = version == 4 ? 2 : 4;
        byte[] keyId = null;
        for (int area = 0; area < 2 && keyId == null; area++) {
            int length = lengthSize == 2 ? in.getShort() & 0xFFFF : in.getInt();
            ByteBuffer subpackets = in.slice(in.position(), length);
            in.position(in.position() + length);
            keyId = issuer(subpackets);
        }
        return text(publicKeyAlgorithm, hashAlgorithm, keyId);
    }

    private static byte[] issuer(ByteBuffer subpackets) {
        while (subpackets.hasRemaining()) {
            int first = subpackets.get() & 0xFF;
            int length;
            if (first < 192) {
                length = first;
            } else if (first < 255) {
                length = ((first - 192) << 8) + (subpackets.get() & 0xFF) + 192;
            } else {
                length = subpackets.getInt();
            }
            ByteBuffer body = subpackets.slice(subpackets.position(), length);
            subpackets.position(subpackets.position() + length);
            int type = body.get() & 0x7F;
            if (type == SUBPACKET_ISSUER && body.remaining() >= KEY_ID_SIZE) {
                byte[] keyId = new byte[KEY_ID_SIZE];
                body.get(keyId);
                return keyId;
            }
            if (type == SUBPACKET_ISSUER_FINGERPRINT && body.remaining() > KEY_ID_SIZE) {
                int keyVersion = body.get() & 0xFF;
                byte[] fingerprint = new byte[body.remaining()];
                body.get(fingerprint);
                byte[] keyId = new byte[KEY_ID_SIZE];
                // A v4 key ID is the fingerprint's last 8 bytes, a v6 key ID its first 8.
                System.arraycopy(fingerprint, keyVersion == 4 ? fingerprint.length - KEY_ID_SIZE : 0, keyId, 0,
                        KEY_ID_SIZE);
                return keyId;
            }
        }
        return null;
    }

    private static void skipLength(ByteBuffer in, boolean newFormat, int tagByte) {
        if (newFormat) {
            int first = in.get() & 0xFF;
            if (first >= 192 && first < 224) {
                in.get();
            } else if (first == 255) {
                in.getInt();
            }
            return;
        }
        switch (tagByte & 0x03) {
            case 0 -> in.get();
            case 1 -> in.getShort();
            case 2 -> in.getInt();
            default -> {
                // Indeterminate length: the packet runs to the end.
            }
        }
    }

    private static String text(int publicKeyAlgorithm, int hashAlgorithm, byte[] keyId) {
        String algorithms = publicKeyName(publicKeyAlgorithm) + "/" + hashName(hashAlgorithm);
        return keyId == null ? algorithms : algorithms + ", key ID " + HexFormat.of().formatHex(keyId);
    }

    private static String publicKeyName(int id) {
        return switch (id) {
            case 1, 3 -> "RSA";
            case 17 -> "DSA";
            case 19 -> "ECDSA";
            case 22, 27 -> "EdDSA";
            case 28 -> "Ed448";
            default -> "algorithm " + id;
        };
    }

    private static String hashName(int id) {
        return switch (id) {
            case 1 -> "MD5";
            case 2 -> "SHA1";
            case 8 -> "SHA256";
            case 9 -> "SHA384";
            case 10 -> "SHA512";
            case 11 -> "SHA224";
            case 12 -> "SHA3-256";
            case 14 -> "SHA3-512";
            default -> "hash " + id;
        };
    }
}

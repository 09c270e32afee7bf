package io.rpmkit.read;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names the algorithms and the issuer key ID of an OpenPGP signature packet (RFC 4880 section 5.2,
 * RFC 9580 for issuer fingerprints), enough for a summary line like rpm's
 * {@code RSA/SHA256, Key ID 0123456789abcdef}, and for naming a signature whose algorithm
 * BouncyCastle cannot parse (ML-DSA). It does not verify anything; {@link SignatureVerifier} does.
 */
final class OpenPgpSignature {
    private static final int SIGNATURE_PACKET = 2;
    private static final int SUBPACKET_ISSUER = 16;
    private static final int SUBPACKET_ISSUER_FINGERPRINT = 33;
    private static final int KEY_ID_SIZE = 8;

    private OpenPgpSignature() {
    }

    /** What a signature packet says of itself, read without verifying anything. */
    /**
     * @param keyId the issuer's key ID, null when the packet names none
     * @param trailer what OpenPGP hashes after the signed data (RFC 9580 section 5.2.4), null when
     *     not known (v5)
     * @param salt hashed before the data (v6), empty before v6
     * @param hashPrefix the first two bytes of the hash, which rpm compares before it looks for a key
     */
    record Fields(int version, int publicKeyAlgorithm, int hashAlgorithm, byte[] keyId, byte[] trailer, byte[] salt,
            byte[] hashPrefix) {
        String algorithm() {
            return publicKeyName(publicKeyAlgorithm) + "/" + hashName(hashAlgorithm);
        }

        /** 16 lower-case hex digits, empty when the packet names no issuer. */
        String keyIdHex() {
            return keyId == null ? "" : HexFormat.of().formatHex(keyId);
        }
    }

    /** A description, or empty when the bytes are not a signature packet we can read. */
    static Optional<String> describe(byte[] packet) {
        return fields(packet).map(f -> f.keyId() == null ? f.algorithm() : f.algorithm() + ", key ID " + f.keyIdHex());
    }

    /** The packet's fields, or empty when the bytes are not a signature packet we can read. */
    static Optional<Fields> fields(byte[] packet) {
        try {
            return Optional.ofNullable(parse(ByteBuffer.wrap(packet)));
        } catch (RuntimeException e) {
            // Truncated or garbled packets end up here (buffer underflow).
            return Optional.empty();
        }
    }

    private static Fields parse(ByteBuffer in) {
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
            in.position(in.position() - 5);
            byte[] trailer = new byte[5];
            in.get(trailer);
            byte[] keyId = new byte[KEY_ID_SIZE];
            in.get(keyId);
            int publicKeyAlgorithm = in.get() & 0xFF;
            int hashAlgorithm = in.get() & 0xFF;
            byte[] prefix = new byte[2];
            in.get(prefix);
            return new Fields(version, publicKeyAlgorithm, hashAlgorithm, keyId, trailer, new byte[0], prefix);
        }
        if (version != 4 && version != 5 && version != 6) {
            return null;
        }
        int versionAt = in.position() - 1;
        in.get(); // signature type
        int publicKeyAlgorithm = in.get() & 0xFF;
        int hashAlgorithm = in.get() & 0xFF;
        int lengthSize = version == 4 ? 2 : 4;
        byte[] keyId = null;
        byte[] hashed = null;
        for (int area = 0; area < 2; area++) {
            int length = lengthSize == 2 ? in.getShort() & 0xFFFF : in.getInt();
            ByteBuffer subpackets = in.slice(in.position(), length);
            in.position(in.position() + length);
            if (keyId == null) {
                keyId = issuer(subpackets);
            }
            if (area == 0) {
                // Version to the end of the hashed subpackets, then version, 0xFF and that length.
                int end = in.position();
                hashed = new byte[end - versionAt + 6];
                in.get(versionAt, hashed, 0, end - versionAt);
                ByteBuffer.wrap(hashed, end - versionAt, 6).put((byte) version).put((byte) 0xFF)
                        .putInt(end - versionAt);
            }
        }
        byte[] prefix = new byte[2];
        in.get(prefix);
        byte[] salt = new byte[0];
        if (version == 6) {
            salt = new byte[in.get() & 0xFF];
            in.get(salt);
        }
        return new Fields(version, publicKeyAlgorithm, hashAlgorithm, keyId, version == 5 ? null : hashed, salt,
                prefix);
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

    static String publicKeyName(int id) {
        return switch (id) {
            case 1, 3 -> "RSA";
            case 17 -> "DSA";
            case 19 -> "ECDSA";
            case 22, 27 -> "EdDSA";
            case 28 -> "Ed448";
            case 30 -> "ML-DSA-65+Ed25519";
            case 31 -> "ML-DSA-87+Ed448";
            default -> "algorithm " + id;
        };
    }

    /** A digest for an OpenPGP hash algorithm ID, empty for one Java does not have. */
    static Optional<MessageDigest> newDigest(int id) {
        String name = switch (id) {
            case 1 -> "MD5";
            case 2 -> "SHA-1";
            case 8 -> "SHA-256";
            case 9 -> "SHA-384";
            case 10 -> "SHA-512";
            case 11 -> "SHA-224";
            case 12 -> "SHA3-256";
            case 14 -> "SHA3-512";
            default -> null;
        };
        try {
            return name == null ? Optional.empty() : Optional.of(MessageDigest.getInstance(name));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    static String hashName(int id) {
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

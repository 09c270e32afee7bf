package io.rpmkit.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests rpm knows by number (rpm's PGPHASHALGO_* values) that this project writes. */
public final class Digests {
    /** PGPHASHALGO_SHA256: FILEDIGESTALGO and PAYLOADDIGESTALGO. */
    public static final int SHA256_ALGO = 8;

    private Digests() {
    }

    public static MessageDigest sha256() {
        return get("SHA-256");
    }

    /** v6 packages' second header digest and one of their payload digests. */
    public static MessageDigest sha3_256() {
        return get("SHA3-256");
    }

    public static MessageDigest sha512() {
        return get("SHA-512");
    }

    public static MessageDigest sha1() {
        return get("SHA-1");
    }

    public static MessageDigest md5() {
        return get("MD5");
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest get(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}

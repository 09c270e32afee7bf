package io.rpmkit.read;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The hash algorithms rpm names by their OpenPGP numbers ({@code PGPHASHALGO_*} in rpm's
 * include/rpm/rpmpgp.h) in FILEDIGESTALGO and PAYLOADDIGESTALGO.
 */
public enum DigestAlgorithm {
    /** What FILEDIGESTS hold when FILEDIGESTALGO is absent (rpm before 4.6). */
    MD5(1, "MD5"),
    SHA1(2, "SHA-1"),
    SHA256(8, "SHA-256"),
    SHA384(9, "SHA-384"),
    SHA512(10, "SHA-512"),
    SHA224(11, "SHA-224");

    private final int pgpId;
    private final String javaName;

    DigestAlgorithm(int pgpId, String javaName) {
        this.pgpId = pgpId;
        this.javaName = javaName;
    }

    public int pgpId() {
        return pgpId;
    }

    public static Optional<DigestAlgorithm> ofPgpId(int id) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.pgpId == id) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide these.
            throw new IllegalStateException(javaName + " is missing from this JDK", e);
        }
    }
}

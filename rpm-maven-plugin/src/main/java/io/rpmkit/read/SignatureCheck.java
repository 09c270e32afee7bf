package io.rpmkit.read;

import io.rpmkit.format.SignatureTag;

/**
 * One OpenPGP signature of a package and its verdict.
 *
 * @param tag the signature-header tag holding it
 * @param coversPayload true for the legacy signatures over header and payload (PGP, GPG), false for
 *     those over the header alone
 * @param packetVersion the signature packet's version (3, 4 or 6), 0 when the packet does not parse
 * @param algorithm public-key and hash algorithm as rpm names them, {@code RSA/SHA256}; empty when
 *     the packet does not parse
 * @param keyId the issuer's 64-bit key ID, 16 lower-case hex digits; empty when the packet names none
 * @param certificate the fingerprint of the primary key of the certificate that holds the signing
 *     key, lower-case hex, as rpm 6 names it; empty when no given key matched
 * @param reason why the verdict is not OK; empty when OK
 */
public record SignatureCheck(SignatureTag tag, boolean coversPayload, int packetVersion, String algorithm,
        String keyId, String certificate, SignatureStatus status, String reason) {
    public boolean ok() {
        return status == SignatureStatus.OK;
    }

    /** Close to rpm -Kv's line, with the tag added: which of a package's signatures this is. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(coversPayload ? "Header and payload" : "Header");
        if (packetVersion > 0) {
            line.append(" V").append(packetVersion).append(' ').append(algorithm);
        }
        line.append(" signature (").append(tag.name()).append(')');
        if (!keyId.isEmpty()) {
            line.append(", key ID ").append(keyId);
        }
        if (!certificate.isEmpty()) {
            line.append(", certificate ").append(certificate);
        }
        line.append(": ").append(status);
        if (!reason.isEmpty()) {
            line.append(" (").append(reason).append(')');
        }
        return line.toString();
    }
}

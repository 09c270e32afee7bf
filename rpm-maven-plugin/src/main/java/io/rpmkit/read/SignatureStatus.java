package io.rpmkit.read;

/** A signature's verdict, named as {@code rpm -K} names it. */
public enum SignatureStatus {
    /** The key verifies the signature over exactly the bytes it covers. */
    OK,
    /** The packet does not parse, or the key does not verify it: the package or the signature was changed. */
    BAD,
    /** None of the given keys made it; nothing is known about it. */
    NOKEY,
    /**
     * The signature may be sound but its key cannot vouch for it: the key or subkey is revoked, was
     * expired when it signed, is not bound to its certificate, or uses an algorithm we do not check.
     */
    NOTTRUSTED
}

package io.rpmkit.write;

import java.nio.ByteBuffer;

import io.rpmkit.PackagingException;
import io.rpmkit.format.SignatureValue;

/** What signs a package as it is written or re-signed; {@code io.rpmkit.sign} provides one. */
public interface HeaderSigner {
    /** The signature over the main header exactly as stored. */
    SignatureValue signHeader(byte[] header) throws PackagingException;

    /** Starts the legacy signature over header and payload, fed in file order. */
    StreamingSignature startLegacy() throws PackagingException;

    /** As rpm -Kv names the signature, e.g. "RSA/SHA256, key ID 0123456789ABCDEF". */
    String describe();

    /** A signature over data seen in pieces; finished once. */
    interface StreamingSignature {
        /** Consumes the buffer's remaining bytes. */
        void update(ByteBuffer bytes);

        SignatureValue finish() throws PackagingException;
    }
}

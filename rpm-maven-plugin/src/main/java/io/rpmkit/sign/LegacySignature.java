package io.rpmkit.sign;

import java.nio.ByteBuffer;

import org.bouncycastle.openpgp.PGPSignatureGenerator;

import io.rpmkit.PackagingException;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.SignatureValue;
import io.rpmkit.write.HeaderSigner;

/**
 * A signature over header and payload being made, fed in file order and in pieces so that the
 * payload is never held in memory. Not thread-safe; finished once.
 */
public final class LegacySignature implements HeaderSigner.StreamingSignature {
    private static final int CHUNK = 64 * 1024;

    private final PackageSigner signer;
    private final PGPSignatureGenerator generator;
    private final SignatureTag tag;
    private byte[] chunk;
    private boolean finished;

    LegacySignature(PackageSigner signer, PGPSignatureGenerator generator, SignatureTag tag) {
        this.signer = signer;
        this.generator = generator;
        this.tag = tag;
    }

    public void update(byte[] bytes, int offset, int length) {
        requireOpen();
        generator.update(bytes, offset, length);
    }

    public void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    /** Consumes the buffer's remaining bytes; direct buffers too. */
    @Override
    public void update(ByteBuffer buffer) {
        requireOpen();
        if (buffer.hasArray()) {
            generator.update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        while (buffer.hasRemaining()) {
            int length = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, length);
            generator.update(chunk, 0, length);
        }
    }

    /** The signature: tag PGP for RSA keys, GPG for the others. */
    @Override
    public SignatureValue finish() throws PackagingException {
        requireOpen();
        finished = true;
        return new SignatureValue(tag, PackageSigner.encode(signer.generate(generator)));
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the legacy signature is already finished");
        }
    }
}

package io.rpmkit.payload;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes through while counting them and feeding a digest. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    public DigestingOutputStream(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    public long count() {
        return count;
    }

    /** The digest of everything written so far; call once, when writing is done. */
    public byte[] digest() {
        return digest.digest();
    }
}

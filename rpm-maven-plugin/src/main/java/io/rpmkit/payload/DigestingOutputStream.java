package io.rpmkit.payload;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;

/** Passes bytes through while counting them and feeding a digest, and any further digests given. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest;
    private final List<MessageDigest> more;
    private long count;

    public DigestingOutputStream(OutputStream out, MessageDigest digest) {
        this(out, digest, List.of());
    }

    /** @param more digests that see the same bytes; their owner finishes them */
    public DigestingOutputStream(OutputStream out, MessageDigest digest, List<MessageDigest> more) {
        super(out);
        this.digest = digest;
        this.more = List.copyOf(more);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        for (MessageDigest other : more) {
            other.update((byte) b);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        for (MessageDigest other : more) {
            other.update(b, off, len);
        }
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

package io.rpmkit.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps a decompressor so that whatever it throws on corrupt input reaches us as an
 * {@link IOException}: decoders are third-party code and some report bad data with a runtime
 * exception. A decoder that returns 0 bytes for a non-empty request is asked for a single byte,
 * which must block or end the stream, so that no caller spins on it.
 */
final class GuardedInputStream extends FilterInputStream {
    private final String what;

    GuardedInputStream(InputStream in, String what) {
        super(in);
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int read = in.read(buffer, offset, length);
            if (read == 0 && length > 0) {
                int single = in.read();
                if (single < 0) {
                    return -1;
                }
                buffer[offset] = (byte) single;
                return 1;
            }
            return read;
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping by reading keeps the digests that tap this stream complete.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    private IOException corrupt(RuntimeException e) {
        return new IOException(what + " is corrupt: " + e, e);
    }
}

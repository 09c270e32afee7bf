package io.rpmkit.write;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A source file's stream whose failures are marked as the source's, so that the writer tells a
 * broken source from a failure to write the payload (a full disk, an interrupt).
 */
final class SourceStream extends FilterInputStream {
    /** The source could not be read. */
    static final class SourceFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SourceFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    SourceStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }
}

package io.rpmkit.read;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

import io.rpmkit.PackagingException;

/**
 * Streams a package's payload: decompresses it per PAYLOADCOMPRESSOR and walks its cpio entries,
 * one at a time, so memory does not grow with the payload. Digests can tap the compressed and the
 * uncompressed bytes on the way, which is how {@link DigestVerifier} checks everything in one pass.
 *
 * <pre>{@code
 * try (PayloadReader payload = PayloadReader.open(pkg)) {
 *     for (PayloadEntry entry = payload.next(); entry != null; entry = payload.next()) { ... }
 * }
 * }</pre>
 */
public final class PayloadReader implements AutoCloseable {
    private final String where;
    private final Tap compressed;
    private final Tap uncompressed;
    private final CpioReader cpio;

    private PayloadReader(String where, Tap compressed, Tap uncompressed, CpioReader cpio) {
        this.where = where;
        this.compressed = compressed;
        this.uncompressed = uncompressed;
        this.cpio = cpio;
    }

    public static PayloadReader open(RpmPackage pkg) throws PackagingException {
        return open(pkg, List.of(), List.of());
    }

    /**
     * @param compressedDigests updated with the payload as stored in the file
     * @param uncompressedDigests updated with the decompressed cpio archive
     */
    static PayloadReader open(RpmPackage pkg, List<MessageDigest> compressedDigests,
            List<MessageDigest> uncompressedDigests) throws PackagingException {
        String where = "reading " + pkg.path();
        PayloadCompression compression = pkg.payloadCompression();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(pkg.path(), StandardOpenOption.READ);
            long size = channel.size();
            if (size < pkg.payloadOffset()) {
                throw new PackagingException(where + ": the file is " + size + " bytes now, shorter than its "
                        + "headers (" + pkg.payloadOffset() + " bytes); did it change since it was read?");
            }
            if (size == pkg.payloadOffset()) {
                throw new PackagingException(where + ": the file ends at offset " + size + ", right after the main "
                        + "header: the payload is missing (the file is truncated)");
            }
            Tap raw = new Tap(new FileRangeInputStream(channel, pkg.payloadOffset(), size), compressedDigests);
            Tap cpioBytes = new Tap(compression.decompress(raw), uncompressedDigests);
            return new PayloadReader(where, raw, cpioBytes, new CpioReader(cpioBytes, pkg.files()));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PackagingException(where + ": payload at offset " + pkg.payloadOffset() + " ("
                    + compression.name().toLowerCase(Locale.ROOT) + ") cannot be opened: " + describe(e), e);
        } catch (PackagingException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The next entry, or null after the cpio trailer. */
    public PayloadEntry next() throws PackagingException {
        try {
            return cpio.next();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Reads what follows the cpio trailer to the end of both streams, so that the taps have seen
     * every byte. Returns the size of the uncompressed payload, or -1 when more than {@code limit}
     * bytes follow the trailer (then the uncompressed stream was not read to its end).
     */
    long drain(long limit) throws PackagingException {
        try {
            long atTrailer = uncompressed.count;
            byte[] buffer = new byte[8192];
            for (int read = uncompressed.read(buffer); read >= 0; read = uncompressed.read(buffer)) {
                if (uncompressed.count - atTrailer > limit) {
                    return -1;
                }
            }
            compressed.transferTo(OutputStream.nullOutputStream());
            return uncompressed.count;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Reads the rest of the compressed payload only; the file bounds it. */
    void drainCompressed() throws PackagingException {
        try {
            compressed.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Where the cpio trailer starts: the archive size rpm before 4.12 stored as PAYLOADSIZE. */
    long trailerOffset() {
        return cpio.trailerOffset();
    }

    long compressedSize() {
        return compressed.count;
    }

    PackagingException failure(IOException e) {
        return new PackagingException(where + ": payload, " + uncompressed.count + " bytes into the archive ("
                + compressed.count + " compressed): " + describe(e), e);
    }

    /**
     * What went wrong, in words: decoders throw EOFException and others without a message (the
     * message "null" said nothing), so the kind of failure is named from the exception's type.
     */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof EOFException) {
            return "the data ends early, the file is truncated" + (message == null ? "" : " (" + message + ")");
        }
        if (message == null || message.isBlank()) {
            return "the data is damaged (" + e.getClass().getSimpleName() + ")";
        }
        return message;
    }

    /**
     * Releases the file and the decoder (zstd's is native memory). Nothing is reported: everything
     * the caller wanted was read or has already failed with its own message.
     */
    @Override
    public void close() {
        closeQuietly(uncompressed);
        closeQuietly(compressed);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // Already failing, or closing the file after everything was read: nothing to report.
        }
    }

    /** Counts the bytes that pass and feeds them to digests. */
    private static final class Tap extends FilterInputStream {
        private final List<MessageDigest> digests;
        private long count;

        Tap(InputStream in, List<MessageDigest> digests) {
            super(in);
            this.digests = digests;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                count += read;
                for (MessageDigest digest : digests) {
                    digest.update(buffer, offset, read);
                }
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
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
        public boolean markSupported() {
            return false;
        }
    }
}

package io.rpmkit.repo;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Digests;

/**
 * The uncompressed bytes of one metadata file as {@link RepodataReader}'s parser reads them: counted
 * and digested on the way, so that repomd.xml's open-size and open-checksum are checked without
 * holding the file, and cut off after the most it may decompress to. A problem of the bytes
 * (damaged compression, too many bytes) is kept as the {@link PackagingException} to report, since
 * the parser sees only an {@link IOException} and would call the file malformed XML.
 */
final class MetadataInput extends InputStream {
    private final InputStream source;
    private final String where;
    private final String damage;
    private final long openSize;
    private final String openChecksum;
    private final long limit;
    private final String limitExceeded;
    private final MessageDigest digest = Digests.sha256();
    private final byte[] single = new byte[1];
    private long count;
    private PackagingException failure;
    private boolean finished;
    private PackagingException outcome;
    /** Whether the bytes must be UTF-8, and how many continuation bytes the current character still needs. */
    private boolean utf8;
    private int continuations;
    private int lowest = 0x80;
    private int highest = 0xBF;

    /**
     * @param where the step for messages, {@code reading <location>}
     * @param damage what a failing read of {@code source} means, e.g. {@code not gzip data}
     * @param openSize the size repomd.xml states, or -1: then at most {@code unstatedLimit} bytes are read
     * @param openChecksum the SHA-256 repomd.xml states, in hex, or empty
     */
    MetadataInput(InputStream source, String where, String damage, long openSize, String openChecksum,
            long unstatedLimit) {
        this.source = source;
        this.where = where;
        this.damage = damage;
        this.openSize = openSize;
        this.openChecksum = openChecksum;
        this.limit = openSize >= 0 ? openSize : unstatedLimit;
        this.limitExceeded = openSize >= 0 ? "repomd.xml states open-size " + openSize + ", the file has more than "
                + openSize : "the file decompresses to more than " + unstatedLimit + " bytes, the most this reader"
                + " accepts when repomd.xml states no open-size";
    }

    /** What made a read fail, if the bytes did rather than the XML. */
    PackagingException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        int n;
        try {
            n = source.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw fail(new PackagingException(where + ": " + damage + ": " + e, e));
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw fail(new PackagingException(where + ": " + limitExceeded));
            }
            digest.update(buffer, offset, n);
            if (utf8) {
                checkUtf8(buffer, offset, n, count - n);
            }
        } else if (n < 0 && utf8 && continuations > 0) {
            throw fail(new PackagingException(where + ": not well-formed XML: the file ends inside a UTF-8"
                    + " character"));
        }
        return n;
    }

    /**
     * From now on the bytes must be UTF-8 (RFC 3629: no overlong forms, surrogates or code points
     * past U+10FFFF), starting with {@code start}, the bytes read so far.
     */
    void requireUtf8(byte[] start) throws IOException {
        utf8 = true;
        checkUtf8(start, 0, start.length, 0);
    }

    private void checkUtf8(byte[] bytes, int offset, int length, long position) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (continuations == 0) {
                if (b < 0x80) {
                    continue;
                }
                continuations = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                lowest = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
                highest = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            } else if (b >= lowest && b <= highest) {
                continuations--;
                lowest = 0x80;
                highest = 0xBF;
                continue;
            } else {
                continuations = -1;
            }
            if (continuations < 0) {
                throw fail(new PackagingException(where + ": not well-formed XML: byte " + String.format("0x%02X", b)
                        + " at offset " + (position + i - offset) + " is not UTF-8"));
            }
        }
    }

    private IOException fail(PackagingException problem) {
        failure = problem;
        return new IOException(problem.getMessage(), problem);
    }

    /**
     * Reads what the parser left (the end of the file after the root element, or everything after a
     * parse error) and checks the whole against repomd.xml's open-size and open-checksum. The first
     * call decides; later calls report the same.
     */
    void finish() throws PackagingException {
        if (!finished) {
            finished = true;
            try {
                drainAndCheck();
            } catch (PackagingException e) {
                outcome = e;
            }
        }
        if (outcome != null) {
            throw outcome;
        }
    }

    private void drainAndCheck() throws PackagingException {
        byte[] rest = new byte[1 << 16];
        try {
            while (read(rest, 0, rest.length) >= 0) {
                // counted and digested by read
            }
        } catch (IOException e) {
            throw failure != null ? failure : new PackagingException(where + ": " + damage + ": " + e, e);
        }
        if (openSize >= 0) {
            check("open-size", Long.toString(openSize), Long.toString(count));
        }
        if (!openChecksum.isEmpty()) {
            check("open-checksum", openChecksum, Digests.hex(digest.digest()));
        }
    }

    private void check(String what, String stated, String actual) throws PackagingException {
        if (!stated.equals(actual)) {
            throw new PackagingException(where + ": repomd.xml states " + what + " " + stated + ", the file has "
                    + actual);
        }
    }

    /** Does nothing: the parser closes its input at the end of the document, before {@link #finish} reads the rest. */
    @Override
    public void close() {
    }

    /** Frees the decompressor (an inflater, zstd's native buffers) once reading is over. */
    void release() throws IOException {
        source.close();
    }
}

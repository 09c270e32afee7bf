package io.rpmkit.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderLayout;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmLimits;

/**
 * Reads a package file: the 96-byte lead, the signature header and its padding to 8 bytes, the
 * main header; the payload that follows is only located here and streamed later by
 * {@link PayloadReader}.
 *
 * <p>Our own parser rather than Redline's reader, because Redline allocates whatever sizes a file
 * claims (a few bytes can ask for gigabytes) and fails on zstd payloads. This one treats the file
 * as hostile: a malformed or truncated file raises {@link PackagingException} and nothing else, no
 * allocation is larger than what the file holds and the limits allow, and nothing is read past the
 * end of the file. The limits are rpm's own (lib/header.cc, lib/cpio.cc), so that we refuse
 * exactly what rpm refuses:
 * <ul>
 * <li>{@link RpmLimits#MAX_INDEX_ENTRIES}: index entries of the main header, 65535 ({@code hdrchkTags});</li>
 * <li>{@link RpmLimits#MAX_DATA_SIZE}: data area of the main header, below 256 MiB ({@code hdrchkData});</li>
 * <li>{@link RpmLimits#MAX_SIGNATURE_INDEX_ENTRIES} and {@link RpmLimits#MAX_SIGNATURE_DATA_SIZE}: 32 entries and
 * 64 MiB for the signature header ({@code hdrblobVerifyLengths});</li>
 * <li>{@link RpmLimits#MAX_ARRAY_COUNT}: values in one entry of any type but BIN, 1048575
 * ({@code hdrchkArray});</li>
 * <li>every entry: a known type, count at least 1, offset inside the data area and aligned to its
 * type's size, data within the data area and after the previous entry's, strings NUL-terminated
 * inside the data area, a STRING of count 1, tag numbers from 100 up, each tag once, a known tag
 * with its defined type (string types may stand for each other), no overlap with the region
 * trailer ({@code hdrblobVerifyInfo});</li>
 * <li>the region tag, when first: type BIN, count 16, a trailer inside the data area naming the
 * same tag, an index size that is a multiple of 16 and no larger than the index; for the main
 * header the region must be the whole header ({@code hdrblobVerifyRegion});</li>
 * <li>{@link RpmLimits#MAX_CPIO_NAME_SIZE}: a cpio entry name, 4096 bytes ({@code CPIO_NAMESIZE_MAX});</li>
 * <li>{@link RpmLimits#MAX_DECODER_MEMORY_KIB}: memory the xz and lzma decoders may use; xz -9 needs 65 MiB.</li>
 * </ul>
 */
public final class RpmReader {
    private static final int SIGNATURE_ALIGNMENT = HeaderLayout.SIGNATURE_ALIGNMENT;

    private RpmReader() {
    }

    public static RpmPackage read(Path path) throws PackagingException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(path, channel);
        } catch (NoSuchFileException e) {
            throw new PackagingException("reading " + path + ": the file does not exist", e);
        } catch (IOException e) {
            throw new PackagingException("reading " + path + ": " + e, e);
        }
    }

    /**
     * Reads the package {@code path} from a channel the caller opened on it, e.g. one it also
     * digests; only positioned reads are made, so the channel's own position is left as it was.
     */
    public static RpmPackage read(Path path, FileChannel channel) throws PackagingException {
        try {
            return read(path, channel.size(), (offset, length) -> {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        return null;
                    }
                }
                return buffer.array();
            });
        } catch (IOException e) {
            throw new PackagingException("reading " + path + ": " + e, e);
        }
    }

    /** Reads the package {@code path} from its whole content, already in memory (e.g. a small file read once). */
    public static RpmPackage read(Path path, byte[] content) throws PackagingException {
        try {
            return read(path, content.length, new InMemory(content));
        } catch (IOException e) {
            throw new IllegalStateException("an array does not fail", e);
        }
    }

    /** Where a package's bytes come from: {@code length} bytes at {@code offset}, or null where the file ended. */
    private interface Source {
        byte[] read(long offset, int length) throws IOException;
    }

    /** A file's content already read; a class rather than a lambda, which a cold JVM would spin a class for. */
    private static final class InMemory implements Source {
        private final byte[] content;

        InMemory(byte[] content) {
            this.content = content;
        }

        @Override
        public byte[] read(long offset, int length) {
            return Arrays.copyOfRange(content, (int) offset, (int) offset + length);
        }
    }

    private static RpmPackage read(Path path, long size, Source source) throws IOException, PackagingException {
        String where = "reading " + path;
        checkLead(source, size, where);
        long signatureOffset = Lead.SIZE;
        RpmHeader signature = readHeader(source, size, signatureOffset, HeaderKind.SIGNATURE, where);
        long headerOffset = signatureOffset + signature.size();
        headerOffset += (SIGNATURE_ALIGNMENT - headerOffset % SIGNATURE_ALIGNMENT) % SIGNATURE_ALIGNMENT;
        if (headerOffset > size) {
            throw new PackagingException(where + ": the file ends at " + size
                    + " bytes, inside the signature header's padding");
        }
        RpmHeader header = readHeader(source, size, headerOffset, HeaderKind.MAIN, where);
        return new RpmPackage(path, size, signature, header, headerOffset, headerOffset + header.size());
    }

    private static void checkLead(Source source, long size, String where) throws IOException, PackagingException {
        byte[] lead = read(source, size, 0, Lead.SIZE, "the lead", where);
        int magic = ByteBuffer.wrap(lead).getInt();
        if (magic != Lead.MAGIC) {
            throw new PackagingException(where + ": lead magic is " + HeaderParser.hex(lead, 0, 4) + ", expected "
                    + String.format("%08X", Lead.MAGIC) + "; this is not an rpm package");
        }
    }

    private static RpmHeader readHeader(Source source, long size, long offset, HeaderKind kind, String where)
            throws IOException, PackagingException {
        byte[] intro = read(source, size, offset, HeaderLayout.INTRO_SIZE, "the " + kind.label(), where);
        long length = HeaderParser.checkIntro(kind, where, intro);
        // Checked before allocating: the counts are only a claim until the file holds that many bytes.
        byte[] bytes = read(source, size, offset, (int) length, "the " + kind.label(), where);
        return HeaderParser.parse(kind, where, bytes);
    }

    private static byte[] read(Source source, long size, long offset, int length, String what, String where)
            throws IOException, PackagingException {
        if (offset + length > size) {
            throw new PackagingException(where + ": the file is truncated: " + what + " needs " + length
                    + " bytes at offset " + offset + ", the file has " + size + " bytes");
        }
        byte[] bytes = source.read(offset, length);
        if (bytes == null) {
            throw new PackagingException(where + ": the file ended before " + (offset + length)
                    + " bytes while reading " + what + "; did it change while it was read?");
        }
        return bytes;
    }
}

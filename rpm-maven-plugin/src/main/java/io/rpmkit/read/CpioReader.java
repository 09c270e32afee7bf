package io.rpmkit.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.rpmkit.format.Cpio;
import io.rpmkit.format.FileModes;
import io.rpmkit.format.RpmLimits;

/**
 * Reads the cpio archive of a payload: "newc" entries ({@code 070701}, or {@code 070702} with a
 * checksum rpm ignores) and rpm's "stripped" entries ({@code 07070X} and an 8-hex-digit file index
 * into the header, written when the header has LONGFILESIZES; rpm's lib/cpio.cc). Every field is
 * fixed-size ASCII hex, and each header, name and content is padded to 4 bytes.
 *
 * <p>Our own reader, not commons-compress's {@code CpioArchiveInputStream}: that one reads a name
 * of whatever size the header claims into memory, so a 110-byte header claiming a 2 GiB name runs
 * the JVM out of memory (measured with commons-compress 1.27.1). We cap names at rpm's
 * {@code CPIO_NAMESIZE_MAX} and stream every content.
 */
final class CpioReader {
    private static final String NEWC = Cpio.NEWC_MAGIC;
    private static final String NEWC_CRC = Cpio.NEWC_CRC_MAGIC;
    private static final String STRIPPED = Cpio.STRIPPED_MAGIC;
    private static final String TRAILER = Cpio.TRAILER;
    private static final int MAGIC_SIZE = NEWC.length();
    private static final int FIELD_SIZE = Cpio.FIELD_SIZE;
    private static final int NEWC_FIELDS = Cpio.NEWC_FIELDS;
    private static final long STRIPPED_END = Cpio.STRIPPED_TRAILER_INDEX;

    private final InputStream in;
    private final List<RpmFile> files;
    private final Map<Long, Integer> lastLinkByInode = new HashMap<>();
    private final Map<Long, Integer> linkCounts = new HashMap<>();
    private long position;
    private long contentEnd;
    private boolean ended;
    private long trailerAt = -1;
    private static final int AMBIGUOUS = -1;
    private final BitSet seen = new BitSet();
    private Map<String, Map<String, Integer>> byDirectory;
    private final byte[] skipBuffer = new byte[8192];

    /** @param files the header's files, needed to read stripped entries */
    CpioReader(InputStream in, List<RpmFile> files) {
        this.in = in;
        this.files = files;
        for (int i = 0; i < files.size(); i++) {
            RpmFile file = files.get(i);
            if (file.isRegularFile() && !file.isGhost()) {
                lastLinkByInode.put(inodeKey(file), i);
                linkCounts.merge(inodeKey(file), 1, Integer::sum);
            }
        }
    }

    /** Where the trailer entry starts in the archive; -1 until it was read. */
    long trailerOffset() {
        return trailerAt;
    }

    /** The next entry, or null after the trailer. */
    PayloadEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skipTo(contentEnd);
        skipTo(padded(position));
        String magic = ascii(readFully(MAGIC_SIZE, "an entry header"));
        return switch (magic) {
            case NEWC, NEWC_CRC -> newc();
            case STRIPPED -> stripped();
            default -> throw new IOException("cpio entry at offset " + (position - MAGIC_SIZE) + " has magic \""
                    + printable(magic) + "\"; accepted are " + NEWC + ", " + NEWC_CRC + " and " + STRIPPED);
        };
    }

    private PayloadEntry newc() throws IOException {
        long headerAt = position - MAGIC_SIZE;
        byte[] header = readFully(NEWC_FIELDS * FIELD_SIZE, "an entry header");
        long inode = field(header, 0, headerAt);
        long mode = field(header, 1, headerAt);
        long links = field(header, 4, headerAt);
        long mtime = field(header, 5, headerAt);
        long size = field(header, 6, headerAt);
        long nameSize = field(header, 11, headerAt);
        if (nameSize < 1 || nameSize > RpmLimits.MAX_CPIO_NAME_SIZE) {
            throw new IOException("cpio entry at offset " + headerAt + " has a name of " + nameSize
                    + " bytes; accepted are 1 to " + RpmLimits.MAX_CPIO_NAME_SIZE);
        }
        byte[] rawName = readFully((int) nameSize, "the entry name");
        int length = 0;
        while (length < rawName.length && rawName[length] != 0) {
            length++;
        }
        String name = HeaderEntry.decode(rawName, 0, length);
        skipTo(padded(position));
        if (name.equals(TRAILER)) {
            ended = true;
            trailerAt = headerAt;
            return null;
        }
        String relative = stripDot(name);
        int index = indexOf(relative, headerAt);
        RpmFile file = files.get(index);
        boolean linkWithoutContent = size == 0 && links > 1;
        if ((mode & FileModes.TYPE_MASK) == FileModes.REGULAR && size != file.size() && !linkWithoutContent) {
            throw new IOException("cpio entry at offset " + headerAt + " (" + relative + ") has " + size
                    + " bytes; the header says " + file.size() + ", and rpm installs what the header says");
        }
        // Only regular files and symlinks have content; a directory or device entry claiming bytes
        // would only make us decompress them.
        int type = (int) mode & FileModes.TYPE_MASK;
        if (type == FileModes.SYMLINK ? size > RpmLimits.MAX_CPIO_NAME_SIZE : type != FileModes.REGULAR && size != 0) {
            throw new IOException("cpio entry at offset " + headerAt + " (" + relative + ") of mode "
                    + Long.toOctalString(mode) + " claims " + size + " bytes of content; accepted are 0, or for a "
                    + "symlink a target of up to " + RpmLimits.MAX_CPIO_NAME_SIZE + " bytes");
        }
        return entry(relative, null, (int) mode, size, mtime, inode, links, index);
    }

    /** rpm takes everything but the file index from the header (lib/rpmfi.cc, iterReadArchiveNext). */
    private PayloadEntry stripped() throws IOException {
        long headerAt = position - MAGIC_SIZE;
        long index = field(readFully(FIELD_SIZE, "a stripped entry header"), 0, headerAt);
        skipTo(padded(position));
        if (index == STRIPPED_END) {
            ended = true;
            trailerAt = headerAt;
            return null;
        }
        if (index >= files.size()) {
            throw new IOException("stripped cpio entry at offset " + headerAt + " names file index " + index
                    + "; the header has " + files.size() + " files");
        }
        RpmFile file = files.get((int) index);
        if (seen.get((int) index)) {
            throw new IOException("stripped cpio entry at offset " + headerAt + " names file index " + index
                    + " a second time");
        }
        seen.set((int) index);
        // Of a hard link set (files sharing device and inode) only the last carries the content.
        long size = 0;
        Integer lastLink = lastLinkByInode.get(inodeKey(file));
        if (file.isSymlink() || file.isRegularFile() && lastLink != null && lastLink == index) {
            size = file.size();
        }
        int links = file.isRegularFile() ? linkCounts.getOrDefault(inodeKey(file), 1) : 1;
        return entry(null, file, file.mode(), size, file.mtime(), inodeKey(file), links, (int) index);
    }

    /**
     * The header's file a newc entry names, each at most once: rpm refuses an archive with a file the
     * header does not list (and so must we, or a small payload could make every caller keep state for
     * entries without end). Files are found by directory and basename, so that no path is built:
     * directories are shared strings in the header, and each is stripped once.
     */
    private int indexOf(String name, long headerAt) throws IOException {
        if (byDirectory == null) {
            Map<String, String> stripped = new IdentityHashMap<>();
            byDirectory = new HashMap<>();
            for (int i = 0; i < files.size(); i++) {
                RpmFile file = files.get(i);
                String directory = stripped.computeIfAbsent(file.directory(), CpioReader::stripDot);
                // Two header names that decode to the same string (bytes that are not UTF-8) are ambiguous.
                Integer previous = byDirectory.computeIfAbsent(directory, d -> new HashMap<>())
                        .put(file.basename(), i);
                if (previous != null) {
                    byDirectory.get(directory).put(file.basename(), AMBIGUOUS);
                }
            }
        }
        int slash = name.lastIndexOf('/');
        Integer index = byDirectory.getOrDefault(name.substring(0, slash + 1), Map.of())
                .get(name.substring(slash + 1));
        if (index != null && index == AMBIGUOUS) {
            throw new IOException("cpio entry at offset " + headerAt + " (" + name + ") matches two files of the "
                    + "header whose names decode to the same string; refusing to choose one");
        }
        if (index == null) {
            throw new IOException("cpio entry at offset " + headerAt + " (" + name + ") is not a file of the header; "
                    + "rpm refuses such a package too");
        }
        if (seen.get(index)) {
            throw new IOException("cpio entry at offset " + headerAt + " (" + name + ") comes a second time");
        }
        seen.set(index);
        return index;
    }

    private PayloadEntry entry(String name, RpmFile file, int mode, long size, long mtime, long inode, long links,
            int index) {
        contentEnd = position + size;
        return new PayloadEntry(name, file, mode, size, mtime, inode, links, index, new Content());
    }

    /** The current entry's content: reads stop at its end, and closing it leaves the archive open. */
    private final class Content extends InputStream {
        private final long end = contentEnd;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        /** With the reader's own buffer: callers walk archives of many small files this way. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long total = 0;
            for (int read = read(skipBuffer, 0, skipBuffer.length); read >= 0;
                    read = read(skipBuffer, 0, skipBuffer.length)) {
                out.write(skipBuffer, 0, read);
                total += read;
            }
            return total;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (end != contentEnd || position >= end) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, end - position));
            if (read < 0) {
                throw new EOFException("payload ends inside an entry's content, " + (end - position)
                        + " bytes before its end");
            }
            position += read;
            return read;
        }
    }

    private void skipTo(long target) throws IOException {
        byte[] buffer = skipBuffer;
        while (position < target) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, target - position));
            if (read < 0) {
                throw new EOFException("payload ends at offset " + position + ", inside a cpio entry");
            }
            position += read;
        }
    }

    private byte[] readFully(int length, String what) throws IOException {
        byte[] data = new byte[length];
        int done = 0;
        while (done < length) {
            int read = in.read(data, done, length - done);
            if (read < 0) {
                throw new EOFException("payload ends at offset " + (position + done) + " inside " + what
                        + (what.equals("an entry header") && done == 0 ? " (no cpio trailer)" : ""));
            }
            done += read;
        }
        position += length;
        return data;
    }

    private static long field(byte[] header, int index, long headerAt) throws IOException {
        long value = 0;
        for (int i = index * FIELD_SIZE; i < (index + 1) * FIELD_SIZE; i++) {
            int digit = Character.digit(header[i], 16);
            if (digit < 0) {
                throw new IOException("cpio entry at offset " + headerAt + " has \""
                        + printable(ascii(header).substring(index * FIELD_SIZE, (index + 1) * FIELD_SIZE))
                        + "\" in field " + index + "; accepted are 8 hex digits");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static long inodeKey(RpmFile file) {
        return (long) file.device() << 32 | Integer.toUnsignedLong(file.inode());
    }

    private static long padded(long offset) {
        return (offset + 3) & ~3L;
    }

    /**
     * A name as the payload and our listings compare it: without the {@code ./} rpm writes before
     * installed paths, or the {@code /} of a header path; a source package's relative names
     * ({@code foo.spec}) stay as they are.
     */
    static String stripDot(String name) {
        if (name.startsWith("./")) {
            return name.substring(2);
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

package io.rpmkit.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.rpmkit.format.Cpio;
import io.rpmkit.format.Utf8;

/**
 * Writes the "new ASCII" cpio format (magic 070701) that rpm's payload uses for files under 4 GiB,
 * and rpm's stripped variant (07070X) for payloads with larger files and for every v6 package.
 * Names carry rpm's "./" prefix (rpmlib(PayloadFilesHavePrefix)); owners are not stored here, rpm
 * takes them from the header.
 */
public final class CpioWriter {
    private static final String MAGIC = Cpio.NEWC_MAGIC;
    private static final String STRIPPED_MAGIC = Cpio.STRIPPED_MAGIC;
    private static final String TRAILER = Cpio.TRAILER;
    private static final int ALIGNMENT = Cpio.ALIGNMENT;
    private static final long MAX_NEWC_SIZE = Cpio.MAX_NEWC_SIZE;

    private static final String HEX_DIGITS = "0123456789abcdef";
    private static final int FIELDS = 13;

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    /** A record's header, magic and thirteen 8-digit fields, rebuilt in place for every entry. */
    private final byte[] recordHeader = new byte[MAGIC.length() + FIELDS * 8];
    private final byte[] zeros = new byte[ALIGNMENT];
    private ByteBuffer nameBuffer = ByteBuffer.allocate(256);
    private long position;

    public CpioWriter(OutputStream out) {
        this.out = out;
    }

    /** A source with more or fewer bytes than it had when its size was stated. */
    public static final class SizeChanged extends IOException {
        private static final long serialVersionUID = 1L;

        SizeChanged(String message) {
            super(message);
        }
    }

    /** One record of the archive; {@code inode} ties the record to its header file index. */
    public record Record(String name, int inode, int mode, long mtime, long size, int nlink) {
    }

    public void writeHeader(Record record) throws IOException {
        if (record.size() > MAX_NEWC_SIZE) {
            throw new IllegalArgumentException(record.name() + " is over 4 GiB; newc cannot store it");
        }
        // "." and the name, encoded into a buffer kept from record to record: one array less per file.
        // A UTF-16 char takes at most 3 bytes in UTF-8 (a surrogate pair 4 for two), so this room holds it.
        int room = 1 + 3 * record.name().length();
        if (nameBuffer.capacity() < room) {
            nameBuffer = ByteBuffer.allocate(Math.max(room, 2 * nameBuffer.capacity()));
        }
        nameBuffer.clear().put((byte) '.');
        int length = 1 + Utf8.put(nameBuffer, record.name());
        writeRecordHeader(nameBuffer.array(), length, record);
    }

    /**
     * Starts the entry of file {@code fileIndex} (0-based, in header order) in rpm's stripped format,
     * which every entry of a payload uses once any file is over 4 GiB (rpm's lib/cpio.c).
     */
    public void writeStrippedHeader(int fileIndex) throws IOException {
        int at = putAscii(recordHeader, 0, STRIPPED_MAGIC);
        at = putHex(recordHeader, at, fileIndex);
        write(recordHeader, at);
        pad();
    }

    private void writeRecordHeader(byte[] name, int nameLength, Record record) throws IOException {
        int at = putAscii(recordHeader, 0, MAGIC);
        at = putHex(recordHeader, at, record.inode());
        at = putHex(recordHeader, at, record.mode());
        at = putHex(recordHeader, at, 0); // uid
        at = putHex(recordHeader, at, 0); // gid
        at = putHex(recordHeader, at, record.nlink());
        at = putHex(recordHeader, at, record.mtime());
        at = putHex(recordHeader, at, record.size());
        at = putHex(recordHeader, at, 0); // devmajor
        at = putHex(recordHeader, at, 0); // devminor
        at = putHex(recordHeader, at, 0); // rdevmajor
        at = putHex(recordHeader, at, 0); // rdevminor
        at = putHex(recordHeader, at, nameLength + 1L); // namesize, with its NUL
        at = putHex(recordHeader, at, 0); // check: only for the crc format
        write(recordHeader, at);
        write(name, nameLength);
        write(zeros, 1);
        pad();
    }

    /** Copies exactly {@code size} bytes from {@code source}, failing if it has fewer or more, and pads. */
    public void writeData(InputStream source, long size) throws IOException {
        long remaining = size;
        while (remaining > 0) {
            int n = source.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new SizeChanged("ended after " + (size - remaining) + " of " + size + " bytes");
            }
            write(buffer, n);
            remaining -= n;
        }
        if (source.read() >= 0) {
            throw new SizeChanged("is longer than the " + size + " bytes it had when the build started");
        }
        pad();
    }

    public void writeData(byte[] data) throws IOException {
        write(data);
        pad();
    }

    public void finish() throws IOException {
        byte[] trailer = TRAILER.getBytes(StandardCharsets.US_ASCII);
        writeRecordHeader(trailer, trailer.length, new Record(TRAILER, 0, 0, 0, 0, 1));
        out.flush();
    }

    private void pad() throws IOException {
        int padding = (int) ((ALIGNMENT - position % ALIGNMENT) % ALIGNMENT);
        if (padding > 0) {
            write(zeros, padding);
        }
    }

    private void write(byte[] bytes) throws IOException {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        position += length;
    }

    private static int putAscii(byte[] into, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            into[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
    }

    /** Eight lower-case hex digits, as rpm writes every field ("%8.8lx", lib/cpio.cc); readers take either case. */
    private static int putHex(byte[] into, int at, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a cpio field holds 8 hex digits, not " + value);
        }
        long rest = value;
        for (int i = 7; i >= 0; i--) {
            into[at + i] = (byte) HEX_DIGITS.charAt((int) (rest & 0xF));
            rest >>>= 4;
        }
        return at + 8;
    }
}

package io.rpmkit.write;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A package file being assembled: lead, signature header, main header and payload, in that order.
 * It is written under a dot-name beside its final path and appears there only by an atomic rename
 * once whole ({@link #commit()}); closing it uncommitted removes it. Writing a new package and
 * signing an existing one both assemble their file here.
 */
public final class PackageFile implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;
    /**
     * Characters of the package's file name kept in a temporary file's name: with the dot, a random
     * number and the suffix the name stays far below NAME_MAX (255 bytes) however long the package's
     * name is, and still shows whose it is.
     */
    private static final int NAME_STEM = 40;
    private static final int CREATE_ATTEMPTS = 100;

    private final Path target;
    private final Path part;
    private final FileChannel out;
    private final ExitCleanup cleanup;
    private long signatureOffset = -1;
    private int signatureLength;
    private long reservedHeaders = -1;
    private boolean committed;
    private Thread flusher;
    private IOException flushFailure;

    private PackageFile(Path target, Path part, FileChannel out) {
        this.target = target;
        this.part = part;
        this.out = out;
        this.cleanup = ExitCleanup.register(part);
    }

    /**
     * Starts a new package that will replace {@code target}, with the mode a new file gets in its
     * directory: 0666 less the umask (and the directory's default ACL), as rpmbuild's packages get.
     * Java cannot read the umask, so the file is created with default attributes and keeps them.
     */
    public static PackageFile create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path part = null;
        for (int attempt = 0; part == null; attempt++) {
            Path candidate = absolute.resolveSibling(stem(absolute)
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                part = Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
        try {
            return new PackageFile(target, part, FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /**
     * Starts the file that will replace {@code target}, in the same directory.
     *
     * @param permissions the finished file's permissions where the file system has them
     */
    public static PackageFile create(Path target, Set<PosixFilePermission> permissions) throws IOException {
        Path part = temporaryBeside(target, ".part");
        try {
            if (part.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(part, permissions);
            }
            return new PackageFile(target, part, FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /**
     * A private temporary file beside {@code target}: a dot-name starting with (at most the first 40
     * characters of) the target's name, so that it is recognisable and {@code mvn clean} finds it.
     */
    public static Path temporaryBeside(Path target, String suffix) throws IOException {
        Path absolute = target.toAbsolutePath();
        return Files.createTempFile(absolute.getParent(), stem(absolute), suffix);
    }

    private static String stem(Path absolute) {
        String name = absolute.getFileName().toString();
        int codePoints = name.codePointCount(0, name.length());
        if (codePoints <= NAME_STEM) {
            return "." + name;
        }
        return "." + name.substring(0, name.offsetByCodePoints(0, NAME_STEM)) + "~";
    }

    /** Writes lead, signature header and main header; the payload follows with {@link #appendPayload}. */
    public void writeHeaders(byte[] lead, byte[] signature, byte[] header) throws IOException {
        writeFully(out, ByteBuffer.wrap(lead));
        signatureOffset = lead.length;
        signatureLength = signature.length;
        writeFully(out, ByteBuffer.wrap(signature));
        writeFully(out, ByteBuffer.wrap(header));
    }

    /**
     * Copies {@code count} bytes of {@code in} from {@code position} behind the headers, showing each
     * piece to {@code tap} (null for none) before it is written, so that a digest needs no second read.
     *
     * @throws EOFException when {@code in} ends early (the file shrank while it was read)
     */
    public void appendPayload(FileChannel in, long position, long count, PayloadTap tap) throws IOException {
        read(in, position, count, buffer -> {
            if (tap != null) {
                tap.accept(buffer.duplicate());
            }
            writeFully(out, buffer);
        });
    }

    /**
     * Leaves room for lead, signature header and main header of {@code length} bytes in all and
     * returns a stream that writes the payload behind that room; {@link #fillHeaders} fills it once the
     * payload is written. Closing the stream leaves the file open.
     */
    public OutputStream reserveHeaders(long length) throws IOException {
        if (reservedHeaders >= 0 || signatureOffset >= 0) {
            throw new IllegalStateException("the headers' place is already taken");
        }
        reservedHeaders = length;
        out.position(length);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writeFully(out, ByteBuffer.wrap(bytes, offset, length));
            }
        };
    }

    /** The room {@link #reserveHeaders} left, or -1 when none was. */
    public long reservedHeaders() {
        return reservedHeaders;
    }

    /**
     * Reads back {@code count} bytes of what was written behind the reserved headers, for a digest
     * whose input starts with a header known only now.
     */
    public void readPayload(long count, PayloadTap tap) throws IOException {
        read(out, reservedHeaders, count, tap);
    }

    /** Copies {@code count} payload bytes from behind this file's reserved headers behind {@code target}'s. */
    public void copyPayloadTo(PackageFile target, long count) throws IOException {
        target.appendPayload(out, reservedHeaders, count, null);
    }

    /**
     * Writes lead, signature header and main header into the reserved room.
     *
     * @throws IllegalStateException when they do not fill it exactly (the caller checks {@link #fits})
     */
    public void fillHeaders(byte[] lead, byte[] signature, byte[] header) throws IOException {
        if (!fits(lead, signature, header)) {
            throw new IllegalStateException((lead.length + signature.length + header.length)
                    + " bytes of headers for a room of " + reservedHeaders);
        }
        long position = 0;
        for (byte[] piece : new byte[][] {lead, signature, header}) {
            ByteBuffer buffer = ByteBuffer.wrap(piece);
            while (buffer.hasRemaining()) {
                position += out.write(buffer, position);
            }
        }
    }

    /** Whether these headers fill the reserved room exactly. */
    public boolean fits(byte[] lead, byte[] signature, byte[] header) {
        return reservedHeaders >= 0 && (long) lead.length + signature.length + header.length == reservedHeaders;
    }

    /** Puts the final signature header where a placeholder of the same length was written. */
    public void replaceSignature(byte[] signature) throws IOException {
        if (signatureOffset < 0 || signature.length != signatureLength) {
            throw new IllegalStateException("signature of " + signature.length + " bytes replaces one of "
                    + signatureLength);
        }
        out.write(ByteBuffer.wrap(signature), signatureOffset);
    }

    /**
     * Starts making what is written so far durable, on a thread of its own: the disk takes the payload
     * while the headers are made and the payload is read back for their digests, instead of all of it
     * at {@link #commit}, which then waits for this and flushes only what came after.
     */
    public void startFlush() {
        if (flusher != null) {
            return;
        }
        flusher = new Thread(() -> {
            try {
                out.force(false);
            } catch (IOException e) {
                flushFailure = e;
            } catch (RuntimeException e) {
                flushFailure = new IOException("flushing " + part + " failed", e);
            }
        }, "rpmkit-flush");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Waits for {@link #startFlush}'s thread; its failure, if any, is this call's. */
    private void awaitFlush() throws IOException {
        if (flusher == null) {
            return;
        }
        boolean interrupted = false;
        while (flusher.isAlive()) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                interrupted = true; // the channel is not closed under a running force: wait, then pass it on
            }
        }
        flusher = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (flushFailure != null) {
            throw flushFailure;
        }
    }

    /** Makes the file durable and moves it to its final path. */
    public void commit() throws IOException {
        awaitFlush();
        out.force(true);
        out.close();
        moveIntoPlace(part, target);
        committed = true;
    }

    /** Removes the unfinished file unless it was committed. */
    @Override
    public void close() {
        try {
            awaitFlush();
        } catch (IOException e) {
            // The file is closed and removed anyway; a commit would have reported this.
        }
        try {
            out.close();
        } catch (IOException e) {
            // The file is removed below; a failure to close it changes nothing for the caller.
        }
        if (!committed) {
            deleteQuietly(part);
        }
        cleanup.close();
    }

    /** Sees the payload's bytes as they are copied. */
    public interface PayloadTap {
        void accept(ByteBuffer bytes) throws IOException;
    }

    /**
     * Reads {@code count} bytes of {@code in} from {@code position}, in pieces, for digests and signatures.
     *
     * @throws EOFException when {@code in} ends early
     */
    public static void read(FileChannel in, long position, long count, PayloadTap tap) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(BUFFER, count - done));
            int read = in.read(buffer, position + done);
            if (read < 0) {
                throw new EOFException("the payload ended after " + done + " of " + count + " bytes");
            }
            buffer.flip();
            tap.accept(buffer);
            done += read;
        }
    }

    public static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left behind under a dot-name beside the package; the next clean removes it.
            }
        }
    }

    private static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}

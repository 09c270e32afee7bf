package io.rpmkit.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

import io.rpmkit.format.Digests;

/** The SHA-256 of a file, in hex, and how many bytes it covered. */
record FileDigest(String hex, long size) {
    private static final int BUFFER = 64 * 1024;

    static FileDigest of(byte[] content) {
        return new FileDigest(Digests.hex(Digests.sha256().digest(content)), content.length);
    }

    /**
     * The whole file, read from its start; {@code expected} is the size it had, and a file that grew
     * since is read to its end all the same.
     */
    static byte[] readAll(FileChannel channel, long expected) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) expected + 1); // one byte more shows growth in one call
        while (channel.read(buffer, buffer.position()) >= 0) {
            if (!buffer.hasRemaining()) {
                buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    static FileDigest of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return of(channel);
        }
    }

    /** Digests the whole file from its start with positioned reads; the channel stays open for the caller. */
    static FileDigest of(FileChannel channel) throws IOException {
        MessageDigest digest = Digests.sha256();
        // A small package needs no 64 KiB buffer: ten thousand of them would be 640 MB of garbage.
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(BUFFER, channel.size())));
        long size = 0;
        for (int n = channel.read(buffer, 0); n >= 0; n = channel.read(buffer.clear(), size)) {
            digest.update(buffer.array(), 0, n);
            size += n;
        }
        return new FileDigest(Digests.hex(digest.digest()), size);
    }
}

package io.rpmkit.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a file's channel from a position to its end. {@link #available()} is exact because
 * {@link java.util.zip.GZIPInputStream} asks it whether another gzip member follows: a stream
 * that answered 0 would silently end a multi-member payload early.
 */
final class FileRangeInputStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private long position;

    FileRangeInputStream(FileChannel channel, long position, long end) {
        this.channel = channel;
        this.position = position;
        this.end = end;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        int read = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (read < 0) {
            // The file shrank since we measured it.
            return -1;
        }
        position += read;
        return read;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

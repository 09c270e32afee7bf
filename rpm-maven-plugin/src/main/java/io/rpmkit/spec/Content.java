package io.rpmkit.spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a regular file's bytes come from: a file on disk, read once, or bytes made in memory. */
public interface Content {
    long size() throws IOException;

    InputStream open() throws IOException;

    /** For messages: the source file, or what made the bytes. */
    String origin();

    static Content ofFile(Path source) {
        return new FromFile(source, -1);
    }

    /**
     * A file a tree's walk found to be a regular file of {@code size} bytes: neither the spec's
     * validation nor the writer asks its size again (a tree of 50,000 files made 100,000 more stats).
     * The writer still fails when the file no longer has that size.
     */
    static Content ofFoundFile(Path source, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a found file's size is 0 or more, not " + size);
        }
        return new FromFile(source, size);
    }

    static Content ofBytes(byte[] bytes, String origin) {
        return new FromBytes(bytes.clone(), origin);
    }

    /** @param foundSize the size a walk found, or -1 when it is asked of the file system */
    record FromFile(Path source, long foundSize) implements Content {
        @Override
        public long size() throws IOException {
            return found() ? foundSize : Files.size(source);
        }

        /** Whether a walk found this file, as a regular file of {@link #foundSize} bytes. */
        public boolean found() {
            return foundSize >= 0;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(source);
        }

        @Override
        public String origin() {
            return source.toString();
        }
    }

    record FromBytes(byte[] bytes, String origin) implements Content {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }
}

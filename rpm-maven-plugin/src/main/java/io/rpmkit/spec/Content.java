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
        return new FromFile(source);
    }

    static Content ofBytes(byte[] bytes, String origin) {
        return new FromBytes(bytes.clone(), origin);
    }

    record FromFile(Path source) implements Content {
        @Override
        public long size() throws IOException {
            return Files.size(source);
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

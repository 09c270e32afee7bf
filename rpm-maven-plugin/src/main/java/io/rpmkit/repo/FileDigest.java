package io.rpmkit.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import io.rpmkit.format.Digests;

/** The SHA-256 of a file, in hex, and how many bytes it covered. */
record FileDigest(String hex, long size) {
    private static final int BUFFER = 64 * 1024;

    static FileDigest of(Path file) throws IOException {
        MessageDigest digest = Digests.sha256();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new FileDigest(Digests.hex(digest.digest()), size);
    }
}

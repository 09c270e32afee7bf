package io.rpmkit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of a test's project directory, made with their parents. */
public record ProjectFiles(Path basedir) {
    public Path file(String relative, String content) throws IOException {
        return file(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path file(String relative, byte[] content) throws IOException {
        Path file = path(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    public Path dir(String relative) throws IOException {
        return Files.createDirectories(path(relative));
    }

    public Path symlink(String relative, String target) throws IOException {
        Path link = path(relative);
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, Path.of(target));
    }

    public Path path(String relative) {
        return basedir.resolve(relative);
    }
}

package io.rpmkit.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.rpmkit.Quoting;

/** Reads the text files a request names (scripts, changelogs), recording a problem instead of failing. */
final class TextFiles {
    private TextFiles() {
    }

    /** The file's UTF-8 text without surrounding blank space, or empty after recording why not. */
    static Optional<String> read(List<String> problems, String setting, Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            problems.add(setting + " " + Quoting.quote(file) + " is not a regular file: give a UTF-8 text file");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            problems.add(setting + " " + Quoting.quote(file) + " cannot be read (" + e.getClass().getSimpleName()
                    + "): give an existing UTF-8 text file");
            return Optional.empty();
        }
    }
}

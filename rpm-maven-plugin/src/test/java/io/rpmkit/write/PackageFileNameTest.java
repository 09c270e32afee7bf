package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;

/**
 * Every package name whose file name the file system can hold is written, however long: the
 * temporary files beside it have short dot-names of their own. A file name the file system cannot
 * hold is refused for what it is, not as an unwritable directory.
 */
class PackageFileNameTest {
    @TempDir
    Path dir;

    private static PackageSpec spec(String name) throws PackagingException {
        return PackageSpec.builder().name(name).version("1.0").summary("s").license("MIT")
                .buildTime(Instant.parse("2026-11-24T10:00:00Z"))
                .entry(Entry.file("/opt/a.txt", Content.ofBytes("a\n".getBytes(StandardCharsets.UTF_8), "a")))
                .build();
    }

    /** Name lengths up to the longest whose file name, name-1.0-1.noarch.rpm, fits NAME_MAX. */
    @ParameterizedTest
    @ValueSource(ints = {1, 100, 200, 230, RpmLimits.NAME_MAX - 17})
    void writesEveryNameTheFileSystemCanHold(int length) throws Exception {
        String name = "n".repeat(length);
        Path output = dir.resolve(name + "-1.0-1.noarch.rpm");
        new RpmWriter(Console.SILENT).write(spec(name), output);
        assertEquals(name, RpmReader.read(output).name());
        assertEquals(List.of(output.getFileName().toString()), list(), "only the package is left");
    }

    @Test
    void refusesAFileNameTheFileSystemCannotHoldForWhatItIs() throws Exception {
        String name = "n".repeat(RpmLimits.NAME_MAX - 16);
        Path output = dir.resolve(name + "-1.0-1.noarch.rpm");
        PackagingException e = assertThrows(PackagingException.class,
                () -> new RpmWriter(Console.SILENT).write(spec(name), output));
        assertTrue(e.getMessage().contains("file name") && e.getMessage().contains("is 256 bytes")
                && e.getMessage().contains("NAME_MAX"), e.getMessage());
        assertTrue(!e.getMessage().contains("outputDirectory"), "not blamed on the directory: " + e.getMessage());
        assertEquals(List.of(), list());
    }

    @Test
    void temporaryFilesHaveShortRecognisableDotNames() throws IOException {
        Path target = dir.resolve("n".repeat(240) + ".rpm");
        Path payload = PackageFile.temporaryBeside(target, ".payload");
        String name = payload.getFileName().toString();
        assertTrue(name.startsWith("." + "n".repeat(40) + "~") && name.endsWith(".payload")
                && name.length() < 80, name);
        try (PackageFile part = PackageFile.create(target)) {
            assertEquals(2, list().size());
            assertTrue(list().stream().anyMatch(n -> n.startsWith(".nnnn") && n.endsWith(".part")), list()::toString);
        }
        Files.delete(payload);
        assertEquals(List.of(), list(), "an uncommitted package file is removed on close");
    }

    private List<String> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

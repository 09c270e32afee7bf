package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;

/**
 * A tree's file keeps the size its walk found: one that grew or shrank since fails the build with
 * its name and the size it was found with (and, when it shrank, how much it still had), and leaves no
 * package; one that kept its size is written.
 */
class SourceChangedTest {
    private static final int SIZE = 70_000; // more than the archive writer's buffer

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {-SIZE, -1, 0, 1, 4096})
    void aFileThatChangedSizeSinceItWasFoundFailsTheBuild(int change) throws Exception {
        Path source = dir.resolve("data.bin");
        byte[] bytes = new byte[SIZE];
        new Random(change).nextBytes(bytes);
        Files.write(source, bytes);
        long found = SIZE - change; // the walk saw this size; the file now has SIZE bytes
        for (Compression compression : List.of(Compression.GZIP, Compression.ZSTD)) {
            PackageSpec spec = PackageSpec.builder().name("changed").version("1").summary("s").license("MIT")
                    .buildTime(Instant.parse("2026-12-02T00:00:00Z")).targetRpm(TargetRpm.EL9).compression(compression, null)
                    .entry(Entry.file("/opt/data.bin", Content.ofFoundFile(source, found))).build();
            Path output = dir.resolve("out").resolve("changed.rpm");
            if (change == 0) {
                new RpmWriter(Console.SILENT).write(spec, output);
                assertEquals("changed", RpmReader.read(output).name());
                Files.delete(output);
                continue;
            }
            PackagingException e = assertThrows(PackagingException.class,
                    () -> new RpmWriter(Console.SILENT).write(spec, output));
            String expected = change > 0 ? "is longer than the " + found + " bytes"
                    : "ended after " + SIZE + " of " + found + " bytes";
            assertTrue(e.getMessage().contains("'/opt/data.bin'") && e.getMessage().contains(expected),
                    compression + ": " + e.getMessage());
            assertEquals(List.of(), files(output.getParent()), "nothing is left of the package");
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList();
        }
    }

    /**
     * A file found by a walk and replaced by a directory since (a race validation cannot see) fails the
     * build with the entry, the source and what it is now, and leaves no package.
     */
    @Test
    void aFoundFileThatBecameADirectoryFailsTheBuildWithItsName() throws Exception {
        Path source = Files.createDirectories(dir.resolve("was-a-file"));
        PackageSpec spec = PackageSpec.builder().name("changed").version("1").summary("s").license("MIT")
                .buildTime(Instant.parse("2026-12-02T00:00:00Z"))
                .entry(Entry.file("/opt/data.bin", Content.ofFoundFile(source, 10))).build();
        Path output = dir.resolve("out").resolve("changed.rpm");
        PackagingException e = assertThrows(PackagingException.class,
                () -> new RpmWriter(Console.SILENT).write(spec, output));
        assertTrue(e.getMessage().contains("entry '/opt/data.bin': reading source '" + source + "' failed: Is a directory"),
                e.getMessage());
        assertEquals(List.of(), files(output.getParent()), "nothing is left of the package");
    }

    /** A file found by a walk and gone before the build validates it is reported as missing, not unreadable. */
    @Test
    void aFoundFileThatVanishedIsReportedAsMissing() {
        Path gone = dir.resolve("gone.bin");
        PackagingException e = assertThrows(PackagingException.class, () -> PackageSpec.builder().name("gone")
                .version("1").summary("s").license("MIT").buildTime(Instant.parse("2026-12-02T00:00:00Z"))
                .entry(Entry.file("/opt/gone.bin", Content.ofFoundFile(gone, 10))).build());
        assertTrue(e.getMessage().contains("'/opt/gone.bin'") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }
}

package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.SamplePackages;

/** What the writer guarantees without asking rpm: reproducible bytes, and nothing half-written. */
class RpmWriterTest {
    @TempDir
    Path dir;

    @Test
    void sameInputGivesIdenticalBytesInAnyDirectory() throws Exception {
        Path first = dir.resolve("one/sample.rpm");
        Path second = dir.resolve("two/sample.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve("a"))).build(), first);
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve("b"))).build(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void failedBuildLeavesNoFileAndKeepsTheEarlierPackage() throws Exception {
        Path output = dir.resolve("out/sample.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(dir).build(), output);
        byte[] good = Files.readAllBytes(output);

        PackageSpec failing = SamplePackages.everything(dir)
                .entry(Entry.file("/usr/share/sample/broken", new FailingContent()))
                .build();
        PackagingException error = assertThrows(PackagingException.class,
                () -> new RpmWriter(Console.SILENT).write(failing, output));
        assertTrue(error.getMessage().contains("entry '/usr/share/sample/broken'"), error.getMessage());
        assertTrue(error.getMessage().contains("disk went away"), error.getMessage());
        assertArrayEquals(good, Files.readAllBytes(output), "the earlier package is untouched");
        try (Stream<Path> left = Files.list(output.getParent())) {
            assertEquals(List.of(output), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void packageIsReadableByOthers() throws Exception {
        Path output = dir.resolve("sample.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(dir).build(), output);
        assertTrue(Files.getPosixFilePermissions(output).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
        assertFalse(Files.isExecutable(output));
    }

    /** A source that breaks halfway, as a disk or a network share can. */
    private static final class FailingContent implements Content {
        @Override
        public long size() {
            return 10;
        }

        @Override
        public InputStream open() {
            return new InputStream() {
                private int served;

                @Override
                public int read() throws IOException {
                    if (served++ < 5) {
                        return 'x';
                    }
                    throw new IOException("disk went away");
                }
            };
        }

        @Override
        public String origin() {
            return "a failing test source";
        }
    }
}

package io.rpmkit.write;

import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.read.RpmFile;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.SamplePackages;

/** A file over 4 GiB: 64-bit size tags, rpm's stripped cpio entries, and rpmlib(LargeFiles). */
class LargeFileRealRpmTest {
    private static final long SIZE = (4L << 30) + 4097;

    @TempDir
    Path dir;

    private Path sparseFile() throws Exception {
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > 3 * SIZE,
                "!!! SKIPPED: needs " + 3 * SIZE / (1 << 30) + " GiB of free disk");
        Path big = dir.resolve("big.img");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(SIZE);
            file.seek(SIZE - 5);
            file.write("tail\n".getBytes());
        }
        return big;
    }

    private PackageSpec.Builder spec(Path big) {
        return PackageSpec.builder().name("large").version("1").summary("A large file").license("MIT")
                .buildTime(SamplePackages.BUILD_TIME).targetRpm(TargetRpm.EL8).compression(Compression.ZSTD, 1)
                .entry(Entry.directory("/srv/large"))
                .entry(Entry.file("/srv/large/big.img", Content.ofFile(big)))
                .entry(Entry.symlink("/srv/large/link", "big.img"));
    }

    @Test
    void refusedForTargetsThatCannotReadIt() throws Exception {
        Path big = sparseFile();
        PackagingException error = org.junit.jupiter.api.Assertions.assertThrows(PackagingException.class,
                () -> spec(big).targetRpm(TargetRpm.EL7).compression(Compression.GZIP, 1).build());
        assertTrue(error.getMessage().contains("cannot read files or payloads over 4 GiB"), error.getMessage());
    }

    @Test
    void installsAndVerifiesWithRpm() throws Exception {
        Path big = sparseFile();
        Path rpm = dir.resolve("large.rpm");
        new RpmWriter(Console.SILENT).write(spec(big).build(), rpm);
        RpmFile file = RpmReader.read(rpm).files().stream().filter(f -> f.path().endsWith("big.img")).findFirst()
                .orElseThrow();
        assertEquals(SIZE, file.size());
        Files.delete(big);

        requireTool("rpm");
        assertTrue(RealRpm.ok("rpm", "-qp", "--nosignature", "--requires", rpm.toString())
                .contains("rpmlib(LargeFiles) <= 4.12.0-1"));
        assertEquals(SIZE + "\n", RealRpm.query(rpm, "[%{LONGFILESIZES}\n]").lines()
                .filter(l -> !l.equals("0") && !l.equals("7")).findFirst().orElseThrow() + "\n");
        RealRpm.Root root = new RealRpm.Root(dir.resolve("root"));
        root.rpmOk("-i", "--nodeps", "--noscripts", rpm.toString());
        assertEquals(SIZE, Files.size(root.dir().resolve("srv/large/big.img")));
        assertEquals("", root.rpmOk("-V", "--nodeps", "large"));
    }
}

package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rpmkit.testing.ChildJvm;

/**
 * The package's mode follows the umask as rpmbuild's does (0666 less the umask): a build under umask
 * 002 gives a group-writable package, one under 077 a private one. The umask belongs to the process,
 * so each build runs in a JVM started by a shell that sets it.
 */
class PackageModeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--", "002, rw-rw-r--", "077, rw-------", "027, rw-r-----", "000, rw-rw-rw-"})
    void thePackageModeFollowsTheUmask(String umask, String expected) throws Exception {
        Path output = dir.resolve("large-1.0-1.noarch.rpm");
        Path log = dir.resolve("build.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\" 1 none",
                java, ChildJvm.classPath(), LargePackageMain.class.getName(), output.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the build did not finish");
        assertEquals(0, child.exitValue(), Files.readString(log));
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
    }
}

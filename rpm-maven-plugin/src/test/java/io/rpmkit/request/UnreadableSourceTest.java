package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.testing.ChildJvm;

/**
 * {@link BadRequestTest}'s row "unreadable source file", where root would read the file anyway: a
 * source of mode 000 is refused before anything is written, naming the entry and the source, and the
 * earlier package stays. The build runs in a JVM that file permissions bind ({@link ChildJvm}).
 */
class UnreadableSourceTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableSourceIsRefusedNamingTheEntryAndTheSource() throws Exception {
        Path base = dir.resolve("project");
        RequestHarness good = new RequestHarness(base);
        BadRequestTest.baseline(good);
        Path earlier = good.execute();
        byte[] before = Files.readAllBytes(earlier);
        Path secret = good.file("src/secret.txt", "secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

        Path log = dir.resolve("child.log");
        ChildJvm.Finished child = ChildJvm.runHeedingPermissions(UnreadableSourceMain.class, log,
                Duration.ofSeconds(120), "an unreadable source", base.toString());
        String output = child.output();
        assertEquals(2, child.exitValue(), output);
        assertTrue(output.contains("stage: RESOLVE\n"), output);
        assertTrue(output.contains("entry '/opt/demo/secret.txt': source '" + base + "/src/secret.txt' is not"
                + " readable"), output);
        assertArrayEquals(before, Files.readAllBytes(earlier), "the earlier package changed");
        try (var left = Files.list(earlier.getParent())) {
            assertEquals(1, left.count(), "something was left beside the earlier package");
        }
    }
}

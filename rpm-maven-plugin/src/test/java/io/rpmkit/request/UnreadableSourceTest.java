package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
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
        Optional<Process> started = ChildJvm.startHeedingPermissions(UnreadableSourceMain.class, log, base.toString());
        if (started.isEmpty()) {
            String why = "SKIPPED: no JVM that file permissions bind (running as root without 'setpriv' from"
                    + " util-linux, or a file of mode 000 stays open to it): an unreadable source was not tried";
            System.err.println("!!! " + why);
            Assumptions.abort(why);
        }
        Process child = started.get();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the build did not finish");
        } finally {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
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

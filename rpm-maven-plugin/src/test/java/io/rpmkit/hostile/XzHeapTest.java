package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.read.PayloadCompression;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.testing.ChildJvm;

/**
 * xz's encoders are counted against the heap the JVM has: a JVM with many cores and a small heap
 * builds with fewer encoders instead of running out (8 encoders of level 6 take 750 MiB), and a level
 * whose one encoder the heap cannot hold is an error that says what it needs, before anything is written.
 */
class XzHeapTest {
    @TempDir
    Path dir;

    private ChildJvm.Finished build(Path output, int mib, int level, String... jvmOptions) throws Exception {
        return ChildJvm.run(XzPackageMain.class, List.of(jvmOptions), dir.resolve("child.log"), Duration.ofSeconds(300),
                output.toString(), String.valueOf(mib), String.valueOf(level));
    }

    @Test
    void eightCoresAndASmallHeapBuildWithTheEncodersItHolds() throws Exception {
        // 24 MiB is three blocks at level 6: three encoders at once on eight cores, were there room for them.
        Path output = dir.resolve("level6.rpm");
        ChildJvm.Finished built = build(output, 24, 6, "-XX:ActiveProcessorCount=8", "-Xmx160m");
        assertEquals(0, built.exitValue(), built.output());
        RpmPackage pkg = RpmReader.read(output);
        assertEquals(PayloadCompression.XZ, pkg.payloadCompression());
        assertTrue(pkg.verifyDigests().allOk());
    }

    @Test
    void levelNineBuildsInAHeapThatHoldsOneEncoderAndIsRefusedInOneThatDoesNot() throws Exception {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        if (memory < 3L << 30) {
            String why = "SKIPPED: xz 9 in a heap of 1.1 GiB: this machine has " + (memory >> 20) + " MiB of memory";
            System.err.println("!!! " + why);
            Assumptions.abort(why);
        }
        Path output = dir.resolve("level9.rpm");
        ChildJvm.Finished built = build(output, 2, 9, "-XX:ActiveProcessorCount=8", "-Xmx1100m");
        assertEquals(0, built.exitValue(), built.output());
        assertTrue(RpmReader.read(output).verifyDigests().allOk());

        Path refused = dir.resolve("refused.rpm");
        ChildJvm.Finished small = build(refused, 2, 9, "-Xmx400m");
        assertEquals(2, small.exitValue(), small.output());
        assertTrue(small.output().contains("xz level 9 needs about 930 MiB of heap for one encoder and its blocks, and"
                + " this JVM may use 400 MiB in all (-Xmx): give it more (under Maven, MAVEN_OPTS=-Xmx2g), or choose"
                + " compressionLevel 7 or lower (xz 7 needs about 249 MiB), or zstd"), small.output());
        assertFalse(Files.exists(refused), "a package was left at " + refused);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".refused") || n.endsWith(".part")).toList());
        }
    }
}

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

    private void assertNothingLeft(Path output) throws Exception {
        assertFalse(Files.exists(output), "a package was left at " + output);
        String name = output.getFileName().toString();
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + name.substring(0, name.length() - 4)) || n.endsWith(".part"))
                    .toList());
        }
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
        assertNothingLeft(refused);
    }

    /**
     * Packages written at the same time with one {@link io.rpmkit.payload.HeapShare} (as the rpm goal's
     * under {@code mvn -T}) take turns for a heap that holds one level-7 encoder. Before the share, each
     * counted the whole heap as its own and started an encoder of 217 MiB beside the other's in 400 MiB,
     * and one of them ran out.
     */
    @Test
    void packagesWrittenAtOnceTakeTurnsForAHeapThatHoldsOneEncoder() throws Exception {
        ChildJvm.Finished built = ChildJvm.run(XzTogetherMain.class, List.of("-Xmx400m"), dir.resolve("child.log"),
                Duration.ofSeconds(300), dir.toString(), "2", "2", "7");
        assertEquals(0, built.exitValue(), built.output());
        for (String name : List.of("together0.rpm", "together1.rpm")) {
            RpmPackage pkg = RpmReader.read(dir.resolve(name));
            assertEquals(PayloadCompression.XZ, pkg.payloadCompression());
            assertTrue(pkg.verifyDigests().allOk(), name);
        }
    }

    /**
     * A heap that the build's other work has filled (another package written at the same time) runs
     * out where the encoders' count could not foresee it: for the writing thread's next chunk, or in
     * an encoder. Either way the build fails with what to do, not with an OutOfMemoryError, and
     * leaves nothing behind. The serial collector keeps what is left of the heap where it was put.
     */
    @Test
    void aHeapOthersFilledFailsTheBuildWithWhatToDo() throws Exception {
        String advice = "xz level 7 takes about 217 MiB per encoder, and this payload has 1: give the JVM more heap"
                + " (-Xmx; under Maven, MAVEN_OPTS), build fewer packages at once, or choose compressionLevel 6 or lower"
                + " (xz 6 needs about 125 MiB), or zstd";
        for (var row : List.of(List.of("8", "failed: the heap ran out for a payload chunk of 16 MiB: " + advice),
                List.of("60", "failed: compressing failed: the heap ran out in an xz encoder: " + advice))) {
            Path output = dir.resolve("free" + row.get(0) + ".rpm");
            ChildJvm.Finished failed = ChildJvm.run(XzPackageMain.class, List.of("-Xmx300m", "-XX:+UseSerialGC"),
                    dir.resolve("child.log"), Duration.ofSeconds(300), output.toString(), "2", "7", row.get(0));
            assertEquals(2, failed.exitValue(), failed.output());
            assertTrue(failed.output().contains(row.get(1)), failed.output());
            assertNothingLeft(output);
        }
    }
}

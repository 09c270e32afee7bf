package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.ChildJvm;
import io.rpmkit.write.RpmWriter;

/**
 * A build stopped half-way, by SIGKILL (the OOM killer, a CI runner's timeout), SIGTERM (Ctrl-C, a
 * cancelled job) or a thread interrupt, must lose nothing and publish nothing half-written: the final
 * path keeps what it held (nothing, or the earlier package, byte for byte), and the next build in the
 * same directory succeeds. SIGTERM and Ctrl-C run the JVM's shutdown hooks, which remove the
 * temporary files: nothing at all is left. SIGKILL runs nothing, so its temporary files (dot-files
 * named after the package, ending .part) stay behind until {@code mvn clean}: they are
 * listed on the test's output and must be the only trace.
 */
class InterruptionTest {
    private static final String NAME = "large-1.0-1.noarch.rpm";
    private static final long MIB = 300;
    private static final long SMALL_MIB = 1;

    @TempDir
    Path dir;

    @Test
    void sigkillWhileWritingThePayloadPublishesNothing() throws Exception {
        stop(".part", 8 << 20, "gzip", true);
    }

    @Test
    void sigkillWhileAssemblingThePackagePublishesNothing() throws Exception {
        stop(".part", 1, "none", true);
    }

    @Test
    void sigtermWhileWritingThePayloadLeavesNothing() throws Exception {
        stop(".part", 8 << 20, "gzip", false);
    }

    @Test
    void sigtermWhileAssemblingThePackageLeavesNothing() throws Exception {
        stop(".part", 1, "none", false);
    }

    @Test
    void sigkillKeepsTheEarlierPackageByteForByte() throws Exception {
        Path output = dir.resolve(NAME);
        new RpmWriter(Console.SILENT).write(LargePackageMain.spec(SMALL_MIB << 20, Compression.GZIP), output);
        byte[] earlier = Files.readAllBytes(output);
        stop(".part", 8 << 20, "gzip", true);
        assertArrayEquals(earlier, Files.readAllBytes(output), "the earlier package changed");
    }

    @Test
    void anInterruptedWriterThreadThrowsPackagingExceptionAndCleansUp() throws Throwable {
        Path output = dir.resolve(NAME);
        long gzipThreadsBefore = gzipThreads();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                new RpmWriter(Console.SILENT).write(LargePackageMain.spec(MIB << 20, Compression.GZIP), output);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "interrupted-writer");
        writer.start();
        awaitTemporary(".part", 8 << 20, null, 60);
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(writer.isAlive(), "the writer ignored the interrupt for a minute");
        Throwable e = thrown.get();
        assertTrue(e instanceof PackagingException, "expected PackagingException, got " + e);
        assertEquals(List.of(), list(dir), "an interrupted build cleans up after itself");
        assertFalse(e.getMessage().contains("reading source"), "not blamed on the source: " + e.getMessage());
    }

    @Test
    void aSourceFailingHalfWayLeavesNoFileAndNoWorkerThread() throws Throwable {
        Path output = dir.resolve(NAME);
        long gzipThreadsBefore = gzipThreads();
        Content failing = new Content() {
            @Override
            public long size() {
                return 64L << 20;
            }

            @Override
            public InputStream open() {
                InputStream data = new GeneratedContent(size(), 2).open();
                return new FilterInputStream(data) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read > 8 << 20) {
                            throw new IOException("Input/output error (simulated)");
                        }
                        int n = super.read(b, off, len);
                        read += Math.max(n, 0);
                        return n;
                    }
                };
            }

            @Override
            public String origin() {
                return "a failing disk";
            }
        };
        PackageSpec spec = PackageSpec.builder().name("large").version("1.0").summary("s").license("MIT")
                .buildTime(Instant.EPOCH).compression(Compression.GZIP, null)
                .entry(Entry.file("/opt/large/data.bin", failing)).build();
        PackagingException e = assertThrows(PackagingException.class,
                () -> new RpmWriter(Console.SILENT).write(spec, output));
        assertTrue(e.getMessage().contains("reading source 'a failing disk' failed: Input/output error (simulated)"),
                e.getMessage());
        assertEquals(List.of(), list(dir), "a failed build cleans up after itself");
        Thread.sleep(200);
        long leaked = gzipThreads() - gzipThreadsBefore;
        assertEquals(0, leaked, "rpmkit-gzip threads left running after the build failed");
    }

    private static long gzipThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("rpmkit-gzip")).count();
    }

    /**
     * Builds the large package in a child JVM, stops it once the temporary file ending in
     * {@code suffix} holds {@code minBytes}, then checks the final path and builds again in place.
     */
    private void stop(String suffix, long minBytes, String compression, boolean kill) throws Exception {
        Path output = dir.resolve(NAME);
        boolean hadEarlier = Files.exists(output);
        byte[] earlier = hadEarlier ? Files.readAllBytes(output) : null;
        Path log = Files.createTempFile("interrupted", ".log");
        // 64 MiB of heap for a 300 MiB package: the writer streams.
        Process child = ChildJvm.start(LargePackageMain.class, List.of("-Xmx64m"), log, output.toString(),
                String.valueOf(MIB), compression);
        try {
            Path temporary = awaitTemporary(suffix, minBytes, child, 120);
            if (kill) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not stop");
            int expected = kill ? 128 + 9 : 128 + 15;
            assertEquals(expected, child.exitValue(), "stopped while " + temporary + " grew; log:\n"
                    + Files.readString(log));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
        if (hadEarlier) {
            assertArrayEquals(earlier, Files.readAllBytes(output), "the earlier package changed");
        } else {
            assertFalse(Files.exists(output), "a package appeared at " + output);
        }
        List<String> leftovers = list(dir).stream().filter(n -> !n.equals(NAME)).toList();
        System.out.println("[interruption] " + (kill ? "SIGKILL" : "SIGTERM") + " while writing *" + suffix
                + " left " + leftovers);
        if (!kill) {
            assertEquals(List.of(), leftovers, "SIGTERM runs the shutdown hooks, which remove the temporary files");
        }
        for (String leftover : leftovers) {
            assertTrue(leftover.startsWith("." + NAME) && leftover.endsWith(".part"),
                    "an unexpected leftover: " + leftover);
        }

        new RpmWriter(Console.SILENT).write(LargePackageMain.spec(SMALL_MIB << 20, Compression.GZIP), output);
        RpmPackage pkg = RpmReader.read(output);
        assertTrue(pkg.verifyDigests().allOk(), "the next build in the same directory is whole");
        List<String> after = list(dir).stream().filter(n -> !n.equals(NAME)).toList();
        assertEquals(leftovers, after, "the next build adds no temporary file of its own");
    }

    private Path awaitTemporary(String suffix, long minBytes, Process child, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String name : list(dir)) {
                Path candidate = dir.resolve(name);
                if (name.startsWith(".") && name.endsWith(suffix) && size(candidate) >= minBytes) {
                    return candidate;
                }
            }
            if (child != null && !child.isAlive()) {
                fail("the child ended (" + child.exitValue() + ") before a " + suffix + " file of " + minBytes
                        + " bytes appeared: too fast to catch; files: " + list(dir));
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no " + suffix + " file of " + minBytes + " bytes within " + seconds + " s: "
                + list(dir));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // renamed or deleted meanwhile
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

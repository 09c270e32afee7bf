package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.ChildJvm;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/**
 * Builds running side by side (mvn -T, several projects in one daemon) must not disturb each other,
 * and the bytes of a package must not depend on the machine: each compression, in threads of one
 * JVM against a serial build, and in JVMs that see one core or four.
 */
class ParallelBuildsTest {
    /** More than one chunk of the parallel gzip stream (1 MiB), so the workers really share the work. */
    private static final long GENERATED = 5L << 20;

    @TempDir
    Path dir;

    @Test
    void concurrentBuildsAreByteIdenticalToSerialOnes() throws Exception {
        Map<String, String> serial = new TreeMap<>();
        for (Compression compression : Compression.values()) {
            serial.put(compression.settingName(), sha256(build(compression, dir.resolve("serial"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> runs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Compression compression : Compression.values()) {
                    Path out = dir.resolve("parallel-" + round + "-" + compression.settingName());
                    Callable<String> run = () -> sha256(build(compression, out));
                    runs.add(pool.submit(run));
                    names.add(compression.settingName());
                }
            }
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(serial.get(names.get(i)), runs.get(i).get(5, TimeUnit.MINUTES),
                        names.get(i) + " built in parallel differs from the serial build");
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES));
        }
    }

    @Test
    void bytesDoNotDependOnTheNumberOfCores() throws Exception {
        for (String compression : List.of("gzip", "zstd", "xz")) {
            Map<String, String> digests = new TreeMap<>();
            for (int cores : new int[] {1, 4}) {
                Path output = dir.resolve(cores + "-cores").resolve(compression + ".rpm");
                Path log = dir.resolve(cores + "-" + compression + ".log");
                Process child = ChildJvm.start(LargePackageMain.class, List.of("-XX:ActiveProcessorCount=" + cores),
                        log, output.toString(), "12", compression);
                assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the build with " + cores + " cores hangs");
                assertEquals(0, child.exitValue(), Files.readString(log));
                digests.put(cores + " cores", sha256(output));
            }
            assertEquals(1, digests.values().stream().distinct().count(), compression + ": " + digests);
        }
    }

    /** Each build writes its own copy of the sources (SamplePackages writes them), in its output directory. */
    private static Path build(Compression compression, Path outputDirectory) throws Exception {
        PackageSpec spec = SamplePackages.everything(Files.createDirectories(outputDirectory.resolve("sources")))
                .compression(compression, null)
                .entry(Entry.file("/usr/share/sample/generated.bin", new GeneratedContent(GENERATED, 7)))
                .build();
        Path output = outputDirectory.resolve(spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, output);
        return output;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

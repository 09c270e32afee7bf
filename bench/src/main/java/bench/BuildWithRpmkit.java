package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.rpmkit.Choices;
import io.rpmkit.Console;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.write.RpmWriter;

/**
 * Packages a directory tree under /opt/bench with rpmkit.
 * Arguments: input-dir output.rpm compression level [repeat]; with repeat > 1 the same package is
 * built that many times in one JVM and each build's wall time is printed (the warm-JVM case).
 */
public final class BuildWithRpmkit {
    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Compression compression = Choices.find(Compression.class, args[2]).orElseThrow();
        int level = Integer.parseInt(args[3]);
        int repeat = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.directory("/opt/bench"));
        try (Stream<Path> walk = Files.walk(input)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(input)) {
                    continue;
                }
                String name = "/opt/bench/" + input.relativize(path).toString();
                entries.add(Files.isDirectory(path) ? Entry.directory(name) : Entry.file(name, Content.ofFile(path)));
            }
        }
        PackageSpec spec = PackageSpec.builder().name("bench").version("1").summary("Benchmark contents")
                .license("MIT").buildTime(Instant.parse("2026-11-24T00:00:00Z")).targetRpm(TargetRpm.EL9)
                .compression(compression, level).entries(entries).build();
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            new RpmWriter(Console.SILENT).write(spec, output);
            if (repeat > 1) {
                System.out.printf("build %d: %.3f s%n", i + 1, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}

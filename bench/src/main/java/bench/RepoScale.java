package bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.repo.MetadataCompression;
import io.rpmkit.repo.RepositoryOptions;
import io.rpmkit.repo.RepositoryWriter;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.write.RpmWriter;

/**
 * The repository benchmark's two halves, each in one JVM.
 * {@code generate DIR FIRST COUNT}: packages number FIRST to FIRST+COUNT-1 into DIR, built with our
 * writer on every core: names from a few families, one to four files each, a dependency on the
 * previous package of the family. {@code index DIR REVISION [update] [zstd]}: writes DIR's repodata with the
 * repository writer (gzip, as createrepo_c 0.17 writes it, or zstd), as an update when asked.
 * {@code index-warm DIR REVISION COUNT}: the full index COUNT times in one JVM, each run's time on stderr.
 */
public final class RepoScale {
    private static final String[] FAMILIES = {"lib", "tool", "data", "python3-", "golang-github-", "perl-"};
    /** 2026-11-24T00:00:00Z; not parsed, since parsing would load java.time's formatters into every timed index run. */
    private static final Instant BUILD_TIME = Instant.ofEpochSecond(1_795_478_400L);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "index" -> {
                List<String> flags = List.of(args).subList(3, args.length);
                RepositoryOptions options = RepositoryOptions.of(Instant.ofEpochSecond(Long.parseLong(args[2])))
                        .withUpdate(flags.contains("update"))
                        .withCompression(flags.contains("zstd") ? MetadataCompression.ZSTD : MetadataCompression.GZIP);
                index(dir, options);
            }
            case "index-warm" -> {
                // The same full index COUNT times in one JVM, each timed: what the JIT's warm-up costs a fresh one.
                RepositoryOptions options = RepositoryOptions.of(Instant.ofEpochSecond(Long.parseLong(args[2])));
                for (int i = 0, count = Integer.parseInt(args[3]); i < count; i++) {
                    long start = System.nanoTime();
                    index(dir, options);
                    System.err.printf(Locale.ROOT, "index %d: %.3f s%n", i + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            default -> throw new IllegalArgumentException("generate DIR FIRST COUNT | index DIR REVISION [update] [zstd]"
                    + " | index-warm DIR REVISION COUNT");
        }
    }

    private static void index(Path dir, RepositoryOptions options) throws Exception {
        new RepositoryWriter(new Console() {
            @Override
            public void info(String message) {
                System.out.println(message);
            }

            @Override
            public void warn(String message) {
                System.out.println("WARNING " + message);
            }
        }).write(dir, options);
    }

    private static void generate(Path dir, int first, int count) throws Exception {
        Files.createDirectories(dir);
        IntStream.range(first, first + count).parallel().forEach(i -> {
            try {
                PackageSpec spec = spec(i);
                new RpmWriter(Console.SILENT).write(spec, dir.resolve(spec.fileName()));
            } catch (PackagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static PackageSpec spec(int i) throws PackagingException {
        String family = FAMILIES[i % FAMILIES.length];
        String name = family + "bench" + i;
        PackageSpec.Builder builder = PackageSpec.builder().name(name).version("1." + (i % 7)).release((1 + i % 3) + "")
                .summary("Benchmark package " + i + " of the " + family + " family").license("MIT")
                .description("Package number " + i + ", made by bench/RepoScale for the repository benchmark.")
                .buildTime(BUILD_TIME).targetRpm(TargetRpm.EL9)
                .entry(Entry.directory("/usr/share/" + name));
        for (int f = 0; f <= i % 4; f++) {
            byte[] text = (name + " file " + f + "\n").repeat(1 + (i * 31 + f) % 40).getBytes(StandardCharsets.UTF_8);
            builder.entry(Entry.file("/usr/share/" + name + "/file" + f + ".txt", Content.ofBytes(text, "inline")));
        }
        if (i % 5 == 0) {
            builder.entry(Entry.file("/etc/" + name + ".conf", Content.ofBytes("key=value\n".getBytes(
                    StandardCharsets.UTF_8), "inline")));
        }
        if (i >= FAMILIES.length) {
            builder.dependency(Dependency.of(DependencyKind.REQUIRES,
                    FAMILIES[i % FAMILIES.length] + "bench" + (i - FAMILIES.length)));
        }
        return builder.build();
    }
}

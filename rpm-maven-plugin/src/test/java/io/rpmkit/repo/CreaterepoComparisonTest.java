package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.testing.RpmGeneration;

/**
 * The same packages through createrepo_c and through our writer: both repositories, read with the
 * JDK's XML parser, must say the same about every package. Against each generation's createrepo_c:
 * 0.17.3 on the host, 1.2.0 in the trixie root, 1.2.1 in the sid root. Packages here avoid
 * Requires(pretrans) and (posttrans): createrepo_c before 1.1.1 does not mark them pre="1", we do.
 */
class CreaterepoComparisonTest {
    @TempDir
    Path dir;

    /**
     * Every createrepo_c with gzip (0.17's default), and the 1.x ones with zstd (their default): Debian 12's
     * 0.17.3 is built without zstd ("Unknown/Unsupported compression type").
     */
    static Stream<Arguments> createrepoAndCompression() {
        return Stream.of(RpmGeneration.values()).flatMap(g -> Stream.of(MetadataCompression.values())
                .filter(c -> c == MetadataCompression.GZIP || g != RpmGeneration.RPM_4_18)
                .map(c -> Arguments.of(g, c)));
    }

    @ParameterizedTest
    @MethodSource("createrepoAndCompression")
    void describesEveryPackageAsCreaterepoDoes(RpmGeneration generation, MetadataCompression compression)
            throws Exception {
        generation.requireTool("createrepo_c");
        Path built = dir.resolve("built");
        RepoFixtures.sample(built, dir.resolve("sources"));
        RepoFixtures.write(RepoFixtures.small("tool", "2.0").epoch(2).release("3.el9")
                .summary("Tool & <friends> for Müller")
                .entry(Entry.file("/usr/bin/tool", Content.ofBytes(new byte[] {'#', '!'}, "inline")).withMode(0755))
                .entry(Entry.directory("/etc/tool.d"))
                .dependency(Dependency.of(DependencyKind.PROVIDES, "tool(api)", Comparison.EQUAL, "2:2.0-3"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "/usr/bin/tool"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "sample", Comparison.GREATER_OR_EQUAL, "1.2"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "coreutils").withContexts(Set.of(InstallContext.PRE)))
                .dependency(Dependency.of(DependencyKind.OBSOLETES, "old-tool", Comparison.LESS_OR_EQUAL, "1:1.9"))
                .changelog(new ChangelogEntry(Instant.parse("2026-11-20T12:00:00Z"), "Jörg Müller <j@example.com>",
                        "- Same day, later"))
                .changelog(new ChangelogEntry(Instant.parse("2026-11-20T12:00:00Z"), "Jörg Müller <j@example.com>",
                        "- Same day"))
                .build(), built);
        RepoFixtures.write(RepoFixtures.small("tool", "1.0").build(), built.resolve("older"));

        Path ours = copyTree(built, dir.resolve("ours/packages")).getParent();
        Path theirs = copyTree(built, generation.workDir(dir).resolve("theirs/packages")).getParent();
        long revision = RepoFixtures.REVISION.getEpochSecond();
        new RepositoryWriter(Console.SILENT).write(ours, RepositoryOptions.of(RepoFixtures.REVISION)
                .withCompression(compression));
        generation.ok("createrepo_c", "--no-database", "--general-compress-type="
                + (compression == MetadataCompression.GZIP ? "gz" : "zstd"), "--revision",
                Long.toString(revision), "--set-timestamp-to-revision", generation.path(theirs));
        for (Path repository : List.of(ours, theirs)) {
            try (Stream<Path> files = Files.list(repository.resolve("repodata"))) {
                assertEquals(3, files.filter(p -> p.toString().endsWith(".xml" + compression.suffix())).count(),
                        repository + ": primary, filelists and other.xml" + compression.suffix());
            }
        }

        Repodata our = RepodataReader.read(ours);
        Repodata their = RepodataReader.read(theirs);
        assertEquals(3, their.packages().size());
        assertEquals(summary(their, p -> p.nevra() + " " + p.pkgid()), summary(our, p -> p.nevra() + " " + p.pkgid()),
                "the same packages, versions and checksums");
        for (io.rpmkit.format.DependencyKind kind : io.rpmkit.format.DependencyKind.values()) {
            assertEquals(summary(their, p -> new TreeSet<>(p.dependencies(kind).stream().map(Object::toString)
                    .toList())), summary(our, p -> new TreeSet<>(p.dependencies(kind).stream().map(Object::toString)
                    .toList())), kind.label());
        }
        assertEquals(summary(their, PackageMetadata::files), summary(our, PackageMetadata::files), "files");
        assertEquals(summary(their, PackageMetadata::changelog), summary(our, PackageMetadata::changelog), "changelog");
        assertEquals(their.packages(), our.packages(), "everything else, in the same order");
        // Not just the same meaning: the same bytes before compression.
        for (String type : List.of("primary", "filelists", "other")) {
            if (type.equals("other") && generation == RpmGeneration.RPM_6_1) {
                // sid's createrepo_c 1.2.1 is linked against libxml2 2.15 (trixie's and Debian 12's
                // against 2.9.14), which writes non-ASCII characters in attribute values as UTF-8,
                // not as &#xF6; references: a changelog author "Jörg Müller" reads the same, other
                // bytes. Element text was UTF-8 all along.
                String ourXml = open(ours, our, type, compression);
                String theirXml = open(theirs, their, type, compression);
                assertNotEquals(ourXml, theirXml, type + ".xml");
                assertEquals(unescapeNonAscii(ourXml), theirXml, type + ".xml");
                continue;
            }
            assertEquals(their.record(type).orElseThrow().openChecksum(), our.record(type).orElseThrow().openChecksum(),
                    type + ".xml");
        }
        assertEquals(Long.toString(revision), their.revision());
        assertEquals(their.revision(), our.revision());
    }

    private static String open(Path repository, Repodata repodata, String type, MetadataCompression compression)
            throws Exception {
        Path file = repository.resolve(repodata.record(type).orElseThrow().location());
        try (InputStream in = compression.decompress(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String unescapeNonAscii(String xml) {
        return Pattern.compile("&#x([0-9A-Fa-f]+);").matcher(xml).replaceAll(m -> {
            int codePoint = Integer.parseInt(m.group(1), 16);
            return codePoint < 0x80 ? m.group() : Matcher.quoteReplacement(Character.toString(codePoint));
        });
    }

    /** A value per package, keyed by name and version, so that a difference names the package. */
    private static <T> Map<String, T> summary(Repodata repodata, Function<PackageMetadata, T> value) {
        return repodata.packages().stream().collect(Collectors.toMap(p -> p.nevra(), value, (a, b) -> a,
                TreeMap::new));
    }

    /** Copies the .rpm files below {@code from} into {@code to}, dated at the revision, as createrepo_c reads times. */
    private static Path copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (RepositoryPackages.PackageFile pkg : RepositoryPackages.collect(List.of(), List.of(from), "built", to)
                .toCopy()) {
            Path target = to.resolve(pkg.path().getFileName());
            Files.copy(pkg.path(), target);
            Files.setLastModifiedTime(target, FileTime.from(RepoFixtures.REVISION));
        }
        return to;
    }
}

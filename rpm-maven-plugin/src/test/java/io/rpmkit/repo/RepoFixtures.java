package io.rpmkit.repo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.rpmkit.Console;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/** Packages for the repository tests, built with our writer into a directory. */
final class RepoFixtures {
    /** The revision the tests write, 2026-11-24T12:00:00Z: after the sample's build time. */
    static final Instant REVISION = Instant.parse("2026-11-24T12:00:00Z");

    private RepoFixtures() {
    }

    /** {@link SamplePackages#everything}, written to {@code dir}; the files it packages are written to {@code sources}. */
    static Path sample(Path dir, Path sources) throws Exception {
        return write(SamplePackages.everything(Files.createDirectories(sources)).build(), dir);
    }

    /**
     * A small noarch package: no scriptlets (so installing it needs no shell in the root), one file
     * under /usr/share/NAME, and whatever else the caller adds.
     */
    static PackageSpec.Builder small(String name, String version) {
        return PackageSpec.builder()
                .name(name)
                .version(version)
                .release("1")
                .summary("Stand-in for " + name)
                .license("Apache-2.0")
                .buildTime(SamplePackages.BUILD_TIME)
                .entry(Entry.file("/usr/share/" + name + "/" + name + ".txt",
                        Content.ofBytes((name + " " + version + "\n").getBytes(StandardCharsets.UTF_8), "inline")));
    }

    static Dependency requires(String name, Comparison comparison, String version) {
        return Dependency.of(DependencyKind.REQUIRES, name, comparison, version);
    }

    static Path write(PackageSpec spec, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path rpm = dir.resolve(spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, rpm);
        return rpm;
    }
}

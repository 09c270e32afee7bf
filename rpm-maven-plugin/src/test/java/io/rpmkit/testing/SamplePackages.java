package io.rpmkit.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.InstallContext;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.TriggerKind;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.spec.Trigger;

/** Package specs the tests build: small, made here, using every feature of the model. */
public final class SamplePackages {
    public static final Instant BUILD_TIME = Instant.parse("2026-11-24T10:00:00Z");

    private SamplePackages() {
    }

    /** A package with every kind of entry, flag, dependency and script; sources are written to {@code dir}. */
    public static PackageSpec.Builder everything(Path dir) throws Exception {
        Path binary = dir.resolve("hello.sh");
        Files.writeString(binary, "#!/bin/sh\necho hello\n");
        Path config = dir.resolve("hello.conf");
        Files.writeString(config, "greeting=hello\n");
        Path big = dir.resolve("data.bin");
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 % 251);
        }
        Files.write(big, data);
        return PackageSpec.builder()
                .name("sample")
                .version("1.2.3")
                .release("4")
                .summary("Greets the world from a test")
                .description("A sample package\nwith two lines of description.")
                .license("Apache-2.0")
                .group("Applications/System")
                .url("https://example.com/sample")
                .vendor("Example")
                .packager("Jane Doe <jane@example.com>")
                .buildTime(BUILD_TIME)
                // Weak dependencies need rpm 4.12; gzip keeps the tests' expectations independent of the target.
                .targetRpm(TargetRpm.EL8)
                .compression(Compression.GZIP, null)
                .entry(Entry.directory("/usr/share/sample"))
                .entry(Entry.file("/usr/share/sample/bin/hello", Content.ofFile(binary)).withMode(0755))
                .entry(Entry.directory("/usr/share/sample/bin"))
                .entry(Entry.file("/usr/share/sample/data.bin", Content.ofFile(big)))
                .entry(Entry.symlink("/usr/share/sample/current", "bin/hello"))
                .entry(Entry.file("/etc/sample.conf", Content.ofFile(config))
                        .withFlags(Set.of(FileFlag.CONFIG, FileFlag.NOREPLACE)))
                .entry(Entry.file("/usr/share/doc/sample/README", Content.ofBytes(
                        "Read me.\n".getBytes(StandardCharsets.UTF_8), "inline")).withFlags(Set.of(FileFlag.DOC)))
                .entry(Entry.ghost("/var/lib/sample.state")
                        .withFlags(Set.of(FileFlag.GHOST, FileFlag.CONFIG, FileFlag.NOREPLACE, FileFlag.MISSINGOK)))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "bash", Comparison.GREATER_OR_EQUAL, "4.0"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "coreutils").withContexts(
                        Set.of(InstallContext.POST, InstallContext.PREUN)))
                .dependency(Dependency.of(DependencyKind.PROVIDES, "sample-api", Comparison.EQUAL, "2"))
                .dependency(Dependency.of(DependencyKind.CONFLICTS, "sample-old", Comparison.LESS, "1.0"))
                .dependency(Dependency.of(DependencyKind.OBSOLETES, "sample-legacy", Comparison.LESS, "1.0"))
                .dependency(Dependency.of(DependencyKind.RECOMMENDS, "less"))
                .dependency(Dependency.of(DependencyKind.SUGGESTS, "vim"))
                .dependency(Dependency.of(DependencyKind.SUPPLEMENTS, "sample-suite"))
                .dependency(Dependency.of(DependencyKind.ENHANCES, "sample-core", Comparison.GREATER, "1:0.9-2"))
                .scriptlet(new Scriptlet(ScriptletPhase.PRE, Scriptlet.DEFAULT_INTERPRETER, "echo pre $1 >> /sample.trace"))
                .scriptlet(new Scriptlet(ScriptletPhase.POST, Scriptlet.DEFAULT_INTERPRETER, "echo post $1 >> /sample.trace"))
                .scriptlet(new Scriptlet(ScriptletPhase.PREUN, Scriptlet.DEFAULT_INTERPRETER, "echo preun $1 >> /sample.trace"))
                .scriptlet(new Scriptlet(ScriptletPhase.POSTUN, Scriptlet.DEFAULT_INTERPRETER, "echo postun $1 >> /sample.trace"))
                .trigger(new Trigger(TriggerKind.TRIGGERIN, List.of(Dependency.of(DependencyKind.REQUIRES, "httpd",
                        Comparison.GREATER_OR_EQUAL, "2.4")), "/bin/sh", "echo httpd arrived"))
                .changelog(new ChangelogEntry(Instant.parse("2026-11-20T12:00:00Z"),
                        "Jane Doe <jane@example.com> - 1.2.3-4", "- Second entry"))
                .changelog(new ChangelogEntry(Instant.parse("2026-10-01T12:00:00Z"),
                        "Jane Doe <jane@example.com> - 1.2.3-3", "- First entry"));
    }
}

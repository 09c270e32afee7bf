package io.rpmkit.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import io.rpmkit.Console;
import io.rpmkit.spec.RpmFormat;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.testing.RpmGeneration;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/** v6 packages for the v6 real-rpm tests: one by rpmbuild 6.1 (sid root, %_rpmformat 6), one of ours. */
final class RpmbuildV6 {
    private static final RpmGeneration SID = RpmGeneration.RPM_6_1;
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T00:00:00Z");

    private RpmbuildV6() {
    }

    /** rpmbuild 6.1's v6 package of two files and a hard link, zstd as its defaults say; in {@code dir}. */
    static Path rpmbuild(Path dir, String name) throws Exception {
        SID.requireTool("rpmbuild");
        Path top = Files.createDirectories(SID.workDir(dir).resolve("rpmbuild-" + name));
        Path spec = Files.writeString(top.resolve(name + ".spec"), """
                Name: %s
                Version: 1.0
                Release: 1
                Summary: a v6 package by rpmbuild
                License: MIT
                BuildArch: noarch
                %%description
                v6
                %%install
                mkdir -p %%{buildroot}/usr/share/%s
                seq 1 2000 > %%{buildroot}/usr/share/%s/numbers.txt
                echo hello > %%{buildroot}/usr/share/%s/hello.txt
                ln %%{buildroot}/usr/share/%s/hello.txt %%{buildroot}/usr/share/%s/hello-link.txt
                %%files
                /usr/share/%s
                """.formatted(name, name, name, name, name, name, name));
        SID.ok("env", "SOURCE_DATE_EPOCH=" + BUILD_TIME.getEpochSecond(), "rpmbuild",
                "--define", "_topdir " + SID.path(top), "--define", "_buildhost localhost",
                "--define", "use_source_date_epoch_as_buildtime 1", "-bb", SID.path(spec));
        try (Stream<Path> built = Files.walk(top.resolve("RPMS"))) {
            Path rpm = built.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
            return Files.copy(rpm, dir.resolve(name + "-rpmbuild.rpm"));
        }
    }

    /** Our sample package with every feature, as a v6 package. */
    static Path ours(Path dir, String name) throws Exception {
        Path rpm = dir.resolve(name + "-ours.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve(
                "src-" + name))).targetRpm(TargetRpm.EL9).rpmFormat(RpmFormat.V6).build(), rpm);
        return rpm;
    }

    /** rpm's own v6 test package (v3-signed, hard links), from the corpus. */
    static Path corpus() throws Exception {
        return RpmCorpusTest.corpus().get(0).resolveSibling("hlinktest-1.0-1.noarch-v3sig.rpm");
    }
}

package io.rpmkit.sign;

import java.nio.file.Files;
import java.nio.file.Path;

import io.rpmkit.Console;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.RpmFormat;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/** Unsigned packages for the signing tests, built by our writer. */
final class SampleRpm {
    private SampleRpm() {
    }

    /** The sample package with every feature, written to {@code dir/name}. */
    static Path build(Path dir, String name) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources-" + name));
        PackageSpec spec = SamplePackages.everything(sources).build();
        Path rpm = dir.resolve(name);
        new RpmWriter(Console.SILENT).write(spec, rpm);
        return rpm;
    }

    /** The same package in the v6 format (rpmFormat 6, for el9). */
    static Path buildV6(Path dir, String name) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources-" + name));
        PackageSpec spec = SamplePackages.everything(sources).targetRpm(TargetRpm.EL9).rpmFormat(RpmFormat.V6).build();
        Path rpm = dir.resolve(name);
        new RpmWriter(Console.SILENT).write(spec, rpm);
        return rpm;
    }
}

package io.rpmkit.write;

import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.request.EntryRequest;
import io.rpmkit.request.PackageRequest;
import io.rpmkit.request.PackageResolver;
import io.rpmkit.request.ResolvedPackage;
import io.rpmkit.request.UnitRequest;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RecordingTools;

/**
 * The scriptlets generated for systemd units, run by the real rpm through install, upgrade and erase
 * in a throwaway root, where a stand-in systemctl records what it is asked: exactly the commands
 * systemd's own macros would run, and nothing fails where no systemd runs.
 */
class SystemdUnitsRealRpmTest {
    @TempDir
    Path dir;

    private Path build(String release) throws Exception {
        Path unit = dir.resolve("hello.service");
        Files.writeString(unit, "[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/true\n");
        Path socket = dir.resolve("hello.socket");
        Files.writeString(socket, "[Socket]\nListenStream=8080\n");
        ResolvedPackage pkg = PackageResolver.resolve(PackageRequest.builder().name("hello").version("1.0")
                .release(release).summary("Hello").license("MIT")
                .buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH)
                .entries(List.of(entry("/usr/lib/systemd/system/hello.service", unit),
                        entry("/usr/lib/systemd/system/hello.socket", socket)))
                .systemdUnits(List.of(new UnitRequest("hello.service", null), new UnitRequest("hello.socket", false)))
                .build(), Console.SILENT);
        Path rpm = dir.resolve(pkg.fileName());
        new RpmWriter(Console.SILENT).write(pkg.spec(), rpm);
        return rpm;
    }

    private static EntryRequest entry(String path, Path source) {
        return new EntryRequest("file", path, source, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    private RealRpm.Root root(boolean systemdRunning, boolean standIn) throws Exception {
        RealRpm.Root root = new RealRpm.Root(dir.resolve("root-" + systemdRunning + standIn)).withShell();
        if (systemdRunning) {
            Files.createDirectories(root.dir().resolve("run/systemd/system"));
        }
        if (standIn) {
            Path systemctl = Files.createDirectories(root.dir().resolve("usr/bin")).resolve("systemctl");
            Files.writeString(systemctl, "#!/bin/sh\necho \"systemctl $*\" >> /commands.log\nexit 0\n");
            Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }

    private static List<String> commandsSince(RealRpm.Root root, int[] seen) throws Exception {
        return RecordingTools.commandsSince(root, seen);
    }

    @Test
    void installUpgradeAndEraseRunWhatSystemdsMacrosWould() throws Exception {
        requireTool("rpm");
        Path first = build("1");
        Path second = build("2");
        RealRpm.Root root = root(true, true);
        int[] seen = {0};
        root.rpmOk("-i", "--nodeps", first.toString());
        assertEquals(List.of("systemctl --no-reload preset hello.service hello.socket"), commandsSince(root, seen),
                "first install: presets only");
        root.rpmOk("-U", "--nodeps", second.toString());
        assertEquals(List.of("systemctl daemon-reload", "systemctl try-restart hello.service"),
                commandsSince(root, seen), "upgrade: no preset, no disable; reload and restart what asks for it");
        root.rpmOk("-e", "hello");
        assertEquals(List.of("systemctl --no-reload disable --now hello.service hello.socket",
                "systemctl daemon-reload"), commandsSince(root, seen), "erase: disable and stop, then reload");
    }

    @Test
    void inAChrootNothingIsStoppedOrReloaded() throws Exception {
        requireTool("rpm");
        Path first = build("1");
        RealRpm.Root root = root(false, true);
        int[] seen = {0};
        root.rpmOk("-i", "--nodeps", first.toString());
        root.rpmOk("-e", "hello");
        assertEquals(List.of("systemctl --no-reload preset hello.service hello.socket",
                "systemctl --no-reload disable hello.service hello.socket"), commandsSince(root, seen));
    }

    @Test
    void everyScriptletSucceedsWithoutSystemctl() throws Exception {
        requireTool("rpm");
        Path first = build("1");
        Path second = build("2");
        RealRpm.Root root = root(true, false);
        for (List<String> step : List.of(List.of("-i", "--nodeps", first.toString()),
                List.of("-U", "--nodeps", second.toString()), List.of("-e", "hello"))) {
            RealRpm.Result result = root.rpm(step.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.output());
            assertFalse(result.output().contains("scriptlet failed"), result.output());
        }
    }
}

package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.InstallContext;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.testing.RealRpm;

/** The scriptlets generated for systemd units, and how they join the user's own. */
class SystemdScriptletsTest {
    private static PackageRequest.Builder request(List<UnitRequest> units, List<ScriptRequest> scriptlets) {
        return PackageRequest.builder().name("hello").version("1.0").summary("Hello").license("MIT")
                .buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH).systemdUnits(units).scriptlets(scriptlets);
    }

    private static Map<ScriptletPhase, Scriptlet> scriptlets(PackageSpec spec) {
        return spec.scriptlets().stream().collect(Collectors.toMap(Scriptlet::phase, s -> s));
    }

    @Test
    void presetsOnInstallDisablesOnEraseAndRestartsOnlyWhatAsks() throws PackagingException {
        PackageSpec spec = PackageResolver.resolve(request(List.of(new UnitRequest("hello.service", null),
                new UnitRequest("hello.timer", false)), List.of()).build(), Console.SILENT).spec();
        Map<ScriptletPhase, Scriptlet> byPhase = scriptlets(spec);
        assertEquals(Set.of(ScriptletPhase.POST, ScriptletPhase.PREUN, ScriptletPhase.POSTUN), byPhase.keySet());
        String post = byPhase.get(ScriptletPhase.POST).body();
        assertTrue(post.contains("if [ \"$1\" -eq 1 ]; then\n    systemctl --no-reload preset hello.service hello.timer"),
                post);
        String preun = byPhase.get(ScriptletPhase.PREUN).body();
        assertTrue(preun.contains("if [ \"$1\" -eq 0 ]; then"), preun);
        assertTrue(preun.contains("systemctl --no-reload disable --now hello.service hello.timer"), preun);
        assertTrue(preun.contains("systemctl --no-reload disable hello.service hello.timer"), preun);
        String postun = byPhase.get(ScriptletPhase.POSTUN).body();
        assertTrue(postun.contains("systemctl daemon-reload"), postun);
        assertTrue(postun.contains("if [ \"$1\" -ge 1 ]; then\n        systemctl try-restart hello.service >"), postun);
        assertFalse(postun.contains("try-restart hello.service hello.timer"), "the timer asked for no restart");
        for (Scriptlet scriptlet : spec.scriptlets()) {
            assertEquals("/bin/sh", scriptlet.interpreter());
            for (String line : scriptlet.body().split("\n")) {
                assertTrue(!line.contains("systemctl") || line.endsWith(">/dev/null 2>&1 || :"),
                        "every command may fail without failing the scriptlet: " + line);
            }
        }
        assertTrue(spec.dependencies().contains(new Dependency(io.rpmkit.format.DependencyKind.REQUIRES, "systemd",
                io.rpmkit.format.Comparison.ANY, "", Set.of(InstallContext.POST, InstallContext.PREUN,
                        InstallContext.POSTUN))), spec.dependencies().toString());
    }

    @Test
    void shellcheckFindsNothingInTheGeneratedScripts(@TempDir Path dir) throws Exception {
        RealRpm.requireTool("shellcheck");
        PackageSpec spec = PackageResolver.resolve(request(List.of(new UnitRequest("hello.service", null),
                new UnitRequest("hello@.service", false)), List.of()).build(), Console.SILENT).spec();
        for (Scriptlet scriptlet : spec.scriptlets()) {
            Path script = Files.writeString(dir.resolve(scriptlet.phase().settingName() + ".sh"), scriptlet.body());
            RealRpm.Result result = RealRpm.run("shellcheck", "-s", "sh", script.toString());
            assertEquals(0, result.exitCode(), scriptlet.phase() + ":\n" + result.output());
        }
    }

    @Test
    void withoutRestartsPostunOnlyReloads() throws PackagingException {
        PackageSpec spec = PackageResolver.resolve(request(List.of(new UnitRequest("hello.path", false)),
                List.of()).build(), Console.SILENT).spec();
        String postun = scriptlets(spec).get(ScriptletPhase.POSTUN).body();
        assertTrue(postun.contains("daemon-reload"), postun);
        assertFalse(postun.contains("try-restart"), postun);
    }

    @Test
    void theGeneratedCommandsComeBeforeTheUsersScriptWhoseStatusStays() throws PackagingException {
        PackageSpec spec = PackageResolver.resolve(request(List.of(new UnitRequest("hello.service", null)),
                List.of(new ScriptRequest("post", List.of(), "/bin/bash", "mkdir -p /var/lib/hello", null),
                        new ScriptRequest("pre", List.of(), null, "echo pre", null))).build(), Console.SILENT).spec();
        Map<ScriptletPhase, Scriptlet> byPhase = scriptlets(spec);
        Scriptlet post = byPhase.get(ScriptletPhase.POST);
        assertEquals("/bin/bash", post.interpreter(), "the user's shell runs the whole scriptlet");
        assertTrue(post.body().startsWith("# systemd units"), post.body());
        assertTrue(post.body().endsWith("\n\nmkdir -p /var/lib/hello"), post.body());
        assertEquals("echo pre", byPhase.get(ScriptletPhase.PRE).body(), "other phases stay as written");
        assertEquals(1, spec.scriptlets().stream().filter(s -> s.phase() == ScriptletPhase.POST).count());
    }

    @Test
    void refusesWhatCannotWorkAndSaysWhy() {
        PackagingException e = assertThrows(PackagingException.class, () -> PackageResolver.resolve(request(List.of(
                new UnitRequest("hello", null), new UnitRequest("hello.service", null),
                new UnitRequest("hello.service", true), new UnitRequest("bad name.service", null)),
                List.of(new ScriptRequest("preun", List.of(), "/usr/bin/lua", "print(1)", null))).build(),
                Console.SILENT));
        String message = e.getMessage();
        assertTrue(message.contains("systemdUnits[0] 'hello': not a unit file name"), message);
        assertTrue(message.contains("systemdUnits[2] 'hello.service': is listed twice"), message);
        assertTrue(message.contains("systemdUnits[3] 'bad name.service': not a unit file name"), message);
        assertTrue(message.contains("scriptlet 'preun': interpreter '/usr/bin/lua' cannot run the systemd commands"),
                message);
        assertEquals(4, e.problems().size(), message);
    }
}

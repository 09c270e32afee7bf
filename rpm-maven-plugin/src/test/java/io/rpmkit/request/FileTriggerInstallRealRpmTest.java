package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * File triggers fire in a real install: a watcher package's triggers on /opt/plugins run when another
 * package installs or erases files there, with the matching paths on their input, and not for files
 * elsewhere; the watcher's file with capabilities gets them, and rpm -V finds them right.
 */
class FileTriggerInstallRealRpmTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void fireWhenAnotherPackageInstallsUnderTheirPrefix(RpmGeneration generation) throws Exception {
        RealRpm.Root root = generation.newRoot(dir.resolve("root")).withShell();
        root.rpmOk("-i", "--nodeps", generation.path(watcher()));
        root.rpmOk("-i", "--nodeps", generation.path(plugin()));
        Path log = root.dir().resolve("triggers.log");
        assertEquals(List.of("in /opt/plugins/a.so", "in /opt/plugins/sub/b.so", "tin /opt/plugins/a.so",
                "tin /opt/plugins/sub/b.so"), Files.readAllLines(log), generation + ": after installing the plugin");
        Files.delete(log);
        root.rpmOk("-e", "--nodeps", "plugin");
        assertEquals(List.of("un /opt/plugins/a.so", "un /opt/plugins/sub/b.so", "tpostun"), Files.readAllLines(log),
                generation + ": after erasing it");
        assertEquals("", root.rpmOk("-V", "--nodeps", "watcher"), generation + ": rpm -V, capabilities included");
        if (RealRpm.findOnPath("getcap")) {
            assertEquals(root.dir().resolve("opt/watcher/bind") + " cap_net_bind_service=ep",
                    RealRpm.ok("getcap", root.dir().resolve("opt/watcher/bind").toString()).strip());
        }
    }

    private Path watcher() throws Exception {
        RequestHarness h = new RequestHarness(dir.resolve("watcher"));
        h.set("name", "watcher").set("targetRpm", "el9");
        h.file("src/bind", "bind\n");
        h.entry("path=/opt/watcher/bind", "source=src/bind", "mode=0755", "caps=cap_net_bind_service+ep");
        String record = "while read f; do echo \"%s $f\" >> /triggers.log; done";
        h.trigger("kind=filetriggerin", "prefixes=/opt/plugins", "script=" + record.formatted("in"));
        h.trigger("kind=filetriggerun", "prefixes=/opt/plugins/", "script=" + record.formatted("un"));
        h.trigger("kind=transfiletriggerin", "prefixes=/opt/plugins", "priority=10",
                "script=" + record.formatted("tin"));
        h.trigger("kind=transfiletriggerpostun", "prefixes=/opt/plugins", "script=echo tpostun >> /triggers.log");
        return h.execute();
    }

    private Path plugin() throws Exception {
        RequestHarness h = new RequestHarness(dir.resolve("plugin"));
        h.set("name", "plugin");
        for (String path : List.of("/opt/plugins/a.so", "/opt/plugins/sub/b.so", "/opt/other/c.so")) {
            h.file("src" + path, path + "\n");
            h.entry("path=" + path, "source=src" + path);
        }
        return h.execute();
    }
}

package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.read.HeaderDependency;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/**
 * Weak dependencies on el7: rpm 4.11 skips tags it does not know and checks only requires, conflicts
 * and obsoletes (lib/depends.c), and no rpmlib() feature guards weak dependencies (lib/rpmds.c's
 * rpmlibProvides has none), so the package is built with them and a warning says they do nothing there.
 */
class WeakDependencyTest {
    @TempDir
    Path dir;

    private RequestHarness harness(String targetRpm) throws Exception {
        RequestHarness h = new RequestHarness(dir.resolve(targetRpm));
        h.file("src/app.txt", "app\n");
        h.entry("path=/opt/demo/app.txt", "source=src/app.txt");
        h.set("targetRpm", targetRpm);
        h.add("recommends", "less");
        h.add("suggests", "vim >= 7");
        h.add("requires", "bash");
        return h;
    }

    @Test
    void buildsWeakDependenciesForEl7WithAWarningThatTheyDoNothingThere() throws Exception {
        RequestHarness h = harness("el7");
        RpmPackage rpm = RpmReader.read(h.execute());
        assertEquals(List.of("recommends 'less', suggests 'vim >= 7': weak dependencies have no effect on targetRpm"
                + " el7 (rpm 4.11), whose rpm ignores them; the package installs there all the same. Set targetRpm"
                + " to el8 or later if the package is not meant for el7"), h.warnings);
        assertEquals(List.of("less"), rpm.dependencies(DependencyKind.RECOMMENDS).stream().map(HeaderDependency::name)
                .toList());
        assertEquals(List.of("vim"), rpm.dependencies(DependencyKind.SUGGESTS).stream().map(HeaderDependency::name)
                .toList());
        assertTrue(rpm.dependencies(DependencyKind.REQUIRES).stream().noneMatch(d -> d.isRpmlib()
                && d.name().toLowerCase(java.util.Locale.ROOT).contains("weak")), "no rpmlib() feature for them");
    }

    @Test
    void warnsOfNothingWhereRpmReadsThem() throws Exception {
        RequestHarness h = harness("el8");
        h.execute();
        assertEquals(List.of(), h.warnings);
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a broken link is said to lead is where the system looks for its target. */
class PackageWalkTest {
    @TempDir
    Path dir;

    /**
     * For each target text, the place {@link PackageWalk#firstStep} names is checked by putting a file
     * there: the link must then resolve, to that file. Targets that pass through links to directories
     * and then climb out with {@code ..} are where the text and the system disagree.
     */
    @Test
    void namesThePlaceTheSystemLooksFor() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repo/packages/sub")).getParent();
        Path inner = Files.createDirectories(dir.resolve("elsewhere/inner/deeper")).getParent();
        Files.createSymbolicLink(repository.resolve("inner"), inner);
        Files.createSymbolicLink(repository.resolve("relative"), Path.of("../../elsewhere/inner/deeper"));
        Path real = dir.toRealPath();
        List<String> targets = List.of("a.rpm", "./b.rpm", "../c.rpm", "sub/d.rpm", "sub/../e.rpm", "inner/../f.rpm",
                "inner/deeper/../../g.rpm", "./inner/./deeper/../h.rpm", "relative/../../i.rpm", "relative/j.rpm",
                real.resolve("repo/packages/inner/../k.rpm").toString(), "inner/../../repo/packages/l.rpm");
        int i = 0;
        for (String target : targets) {
            Path link = repository.resolve("link" + i++ + ".rpm");
            Files.createSymbolicLink(link, Path.of(target));
            assertFalse(Files.exists(link), target);

            Path step = PackageWalk.firstStep(link);
            Files.createFile(step);

            assertTrue(Files.exists(link), target + ": nothing at " + step);
            assertEquals(step.toRealPath(), link.toRealPath(), target);
            Files.delete(step);
        }
    }

    /** Past a name that is not there, the system goes no further, and neither does the message: the rest is as written. */
    @Test
    void keepsTheTextPastAMissingDirectory() throws Exception {
        Path packages = Files.createDirectories(dir.resolve("packages"));
        Files.createSymbolicLink(packages.resolve("inner"), Files.createDirectories(dir.resolve("elsewhere/inner")));
        Files.createSymbolicLink(packages.resolve("a.rpm"), Path.of("inner/missing/../a.rpm"));
        Files.createSymbolicLink(packages.resolve("b.rpm"), Path.of("missing/../b.rpm"));

        assertEquals(dir.toRealPath().resolve("elsewhere/inner/missing/../a.rpm"),
                PackageWalk.firstStep(packages.resolve("a.rpm")));
        assertEquals(packages.toRealPath().resolve("missing/../b.rpm"), PackageWalk.firstStep(packages.resolve("b.rpm")));
    }
}

package io.rpmkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.rpmkit.format.RpmLimits;

/** The one-pass checks of printable ASCII paths say what the checks for any text say, for every kind of path. */
class PathRulesTest {
    /** Segments chosen to reach every check: dots, names at and over NAME_MAX, paths at and over the limit. */
    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder();
        int segments = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
        for (int s = 0; s < segments; s++) {
            path.append('/');
            switch (random.nextInt(10)) {
                case 0 -> path.append('.');
                case 1 -> path.append("..");
                case 2 -> path.append(".".repeat(3 + random.nextInt(3)));
                case 3 -> path.append("x".repeat(RpmLimits.NAME_MAX - 1 + random.nextInt(3)));
                case 4 -> path.append("y".repeat(120 + random.nextInt(200)));
                default -> {
                    int length = 1 + random.nextInt(12);
                    for (int i = 0; i < length; i++) {
                        path.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
                    }
                }
            }
        }
        return path.toString().replace("//", "/a/");
    }

    @Test
    void printableAsciiPathsGetTheProblemsOfAnyText() {
        Random random = new Random(14);
        int checked = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String path = randomPath(random);
            if (path.endsWith("/") || path.contains("//")) {
                continue; // refused before either check
            }
            assertTrue(PathRules.isPrintableAscii(path), path);
            String expected = PathRules.anyTextProblem(path);
            assertEquals(expected, PathRules.printableAsciiProblem(path), path);
            assertEquals(expected, PathRules.problem(path), path);
            checked++;
            refused += expected == null ? 0 : 1;
        }
        // The class of inputs reaches both outcomes, and each check.
        assertTrue(checked > 15_000 && refused > 1_000 && refused < checked - 1_000, checked + " " + refused);
    }

    @Test
    void eachCheckIsReachedOnItsOwn() {
        String longName = "/opt/" + "n".repeat(RpmLimits.NAME_MAX + 1);
        String longPath = "/opt" + ("/" + "p".repeat(200)).repeat(25);
        for (String path : new String[] {"/opt/./x", "/opt/../x", longName, longPath, "/opt/x"}) {
            assertEquals(PathRules.anyTextProblem(path), PathRules.problem(path), path);
        }
        assertTrue(PathRules.problem("/opt/./x").contains("contains '.'"));
        assertTrue(PathRules.problem(longName).contains("has a name of " + (RpmLimits.NAME_MAX + 1) + " bytes"));
        assertTrue(PathRules.problem(longPath).contains("bytes long; rpm accepts up to " + PathRules.MAX_PATH_BYTES));
        assertNull(PathRules.problem("/opt/x ~!@#$%^&*()_+{}|:<>?,.;'[]=-`"));
        // Not printable ASCII: the general checks.
        assertTrue(PathRules.problem("/opt/a\u0001b").contains("control character (code 1)"));
        assertNull(PathRules.problem("/opt/caf\u00e9"));
    }
}

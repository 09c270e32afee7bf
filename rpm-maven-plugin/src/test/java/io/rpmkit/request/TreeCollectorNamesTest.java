package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import org.codehaus.plexus.util.MatchPattern;
import org.junit.jupiter.api.Test;

/** The tree's own split of a path for MatchPatterns is plexus' own, over random paths. */
class TreeCollectorNamesTest {
    @Test
    void splitsPathsAsPlexusTokenizesThem() {
        Random random = new Random(5);
        String alphabet = "ab/\\.*é \u00e4x";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder path = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                path.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (char separator : new char[] {'/', '\\'}) {
                String[] expected = MatchPattern.tokenizePathToString(path.toString(), String.valueOf(separator));
                char[][] names = TreeCollector.names(path.toString(), separator);
                assertArrayEquals(expected, Arrays.stream(names).map(String::new).toArray(String[]::new),
                        () -> "'" + path + "' split at " + separator);
            }
        }
    }
}

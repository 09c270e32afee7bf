package io.rpmkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CI jobs of the README's "A release pipeline" run what {@code src/it/release-pipeline} runs: every
 * {@code mvn} line of each YAML block is, once normalized, one of the integration test's goals, and
 * every goal appears in each block. Normalizing drops {@code mvn} and {@code -B} (the invoker runs in
 * batch mode anyway) and writes {@code <secret>} for a property's value that is a CI variable (the
 * README's {@code "$RUNNER_TEMP/signing-key.asc"}) or a TEST ONLY key file (the test's stand-in for it).
 */
class ReleasePipelineReadmeTest {
    private static final Path README = Path.of("../README.md");
    private static final Path IT = Path.of("src/it/release-pipeline");
    private static final String SECTION = "### A release pipeline";
    /** The directory the jobs publish, which the integration test's verify.groovy publishes too. */
    private static final String REPOSITORY = "target/yum-repository";
    private static final Pattern PROPERTY = Pattern.compile("(-D[^=]+=)(.*)");

    @Test
    void eachYamlBlockRunsExactlyTheGoalsOfTheIntegrationTest() throws IOException {
        List<List<String>> blocks = yamlBlocks(Files.readAllLines(README));
        assertEquals(2, blocks.size(), "a GitHub Actions workflow and a GitLab CI job");
        List<String> goals = integrationTestGoals();
        assertFalse(goals.isEmpty(), "invoker.properties names goals");
        for (List<String> block : blocks) {
            List<String> commands = block.stream().filter(l -> l.contains("mvn ")).map(ReleasePipelineReadmeTest::normalize)
                    .toList();
            assertEquals(goals, commands, "the mvn lines of\n" + String.join("\n", block));
        }
    }

    @Test
    void eachYamlBlockIsShortPublishesTheRepositoryAndNeverEchoesASecret() throws IOException {
        for (List<String> block : yamlBlocks(Files.readAllLines(README))) {
            String text = String.join("\n", block);
            assertTrue(block.size() <= 30, block.size() + " lines:\n" + text);
            assertTrue(text.contains(REPOSITORY), "publishes " + REPOSITORY + ":\n" + text);
            assertTrue(text.contains("RPM_SIGN_PASSPHRASE"), "the passphrase comes from a secret:\n" + text);
            assertFalse(text.contains("echo") || text.contains("set -x"), "prints nothing of the secrets:\n" + text);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a line of the README                                                   | as the IT's goal reads
        "mvn -B verify -Drpm.sign.keyFile=\"$RUNNER_TEMP/signing-key.asc\"         | verify -Drpm.sign.keyFile=<secret>",
        "  - mvn -B verify -Drpm.sign.keyFile=\"$RPM_SIGN_KEY\"                    | verify -Drpm.sign.keyFile=<secret>",
        "verify -Drpm.sign.keyFile=TEST-ONLY-signing-key.secret.asc               | verify -Drpm.sign.keyFile=<secret>",
        "mvn -B verify -Drpm.sign.keyFile=signing-key.asc                         | verify -Drpm.sign.keyFile=signing-key.asc",
        "mvn -B package -Drpm.skip=true                                           | package -Drpm.skip=true",
    })
    void normalizesOnlyTheSecretsAndMavensBatchFlag(String line, String normalized) {
        assertEquals(normalized, normalize(line));
    }

    /** The fenced yaml blocks of the release section, blank lines dropped. */
    private static List<List<String>> yamlBlocks(List<String> readme) {
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "the README has " + SECTION);
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : readme.subList(start + 1, readme.size())) {
            if (current == null && line.startsWith("#")) {
                break;
            } else if (current == null && line.strip().equals("```yaml")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current);
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** invoker.goals, or invoker.goals.1, .2, ... in order, each normalized. */
    private static List<String> integrationTestGoals() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(IT.resolve("invoker.properties"))) {
            properties.load(reader);
        }
        List<String> goals = new ArrayList<>();
        if (properties.containsKey("invoker.goals")) {
            goals.add(normalize(properties.getProperty("invoker.goals")));
        }
        for (int i = 1; properties.containsKey("invoker.goals." + i); i++) {
            goals.add(normalize(properties.getProperty("invoker.goals." + i)));
        }
        return goals;
    }

    /** The command from {@code mvn} on, without {@code mvn} and {@code -B}, secrets as {@code <secret>}. */
    static String normalize(String line) {
        String command = line.contains("mvn ") ? line.substring(line.indexOf("mvn ")) : line.strip();
        return Arrays.stream(command.strip().split("\\s+"))
                .filter(word -> !word.equals("mvn") && !word.equals("-B"))
                .map(ReleasePipelineReadmeTest::secretAsPlaceholder)
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    private static String secretAsPlaceholder(String word) {
        var property = PROPERTY.matcher(word);
        if (property.matches() && (property.group(2).contains("$") || property.group(2).startsWith("TEST-ONLY-"))) {
            return property.group(1) + "<secret>";
        }
        return word;
    }
}

package io.rpmkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every XML snippet of the README is built by an integration test exactly as written: each one
 * appears, line for line (indentation aside), in a project under {@code src/it/}, which the invoker
 * builds and verifies, or in tectonic-worker's pom, which its package tests judge. A line "..." in a snippet stands for lines left out; the parts around it must
 * appear in that order in the same file. {@code @project.version@} in a project is the version the
 * README names.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("../README.md");
    private static final Path ITS = Path.of("src/it");
    /** tectonic-worker's pom, which its own tests build and judge. */
    private static final Path WORKER_POM = Path.of("../worker-spec/pom.xml");
    private static final String VERSION = "0.1.0-SNAPSHOT";

    @Test
    void everyXmlSnippetIsPartOfAnIntegrationTestProject() throws IOException {
        List<List<String>> snippets = snippets(Files.readAllLines(README));
        assertTrue(snippets.size() >= 5, snippets.size() + " snippets");
        Map<Path, List<String>> projects = projectFiles();
        List<String> orphans = new ArrayList<>();
        for (List<String> snippet : snippets) {
            if (projects.values().stream().noneMatch(lines -> contains(lines, snippet))) {
                orphans.add(String.join("\n", snippet));
            }
        }
        assertEquals(List.of(), orphans, "README snippets that no project under src/it builds as written");
    }

    /** A %files list shown in the README is a filesFile that an integration test builds, whole. */
    @Test
    void everyFilesListIsTheFilesFileOfAnIntegrationTest() throws IOException {
        List<List<String>> lists = blocks(Files.readAllLines(README), "```spec");
        assertTrue(!lists.isEmpty(), "the README shows a %files list");
        List<List<String>> filesFiles = new ArrayList<>();
        try (Stream<Path> all = Files.walk(ITS)) {
            for (Path file : all.filter(p -> p.getFileName().toString().equals("files")).toList()) {
                filesFiles.add(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(String::strip).toList());
            }
        }
        for (List<String> list : lists) {
            assertTrue(filesFiles.contains(list), "no src/it/**/files is, line for line:\n" + String.join("\n", list));
        }
    }

    @Test
    void aSnippetIsFoundOnlyWhereItsLinesAppearInOrder() {
        List<String> file = List.of("<a>", "<b>1</b>", "<c/>", "</a>");
        assertTrue(contains(file, List.of("<b>1</b>", "<c/>")));
        assertTrue(contains(file, List.of("<a>", "...", "</a>")));
        assertTrue(!contains(file, List.of("<c/>", "<b>1</b>")), "order matters");
        assertTrue(!contains(file, List.of("<a>", "<c/>")), "without ... the lines are consecutive");
        assertTrue(!contains(file, List.of("<b>2</b>")));
    }

    /** The blocks fenced as xml, each line stripped, blank lines dropped. */
    private static List<List<String>> snippets(List<String> readme) {
        return blocks(readme, "```xml");
    }

    private static List<List<String>> blocks(List<String> readme, String fence) {
        List<List<String>> snippets = new ArrayList<>();
        List<String> current = null;
        for (String line : readme) {
            if (current == null && line.strip().equals(fence)) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                snippets.add(current);
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(line.strip());
            }
        }
        if (current != null) {
            fail("an xml block of the README is not closed");
        }
        return snippets;
    }

    private static Map<Path, List<String>> projectFiles() throws IOException {
        Map<Path, List<String>> files = new TreeMap<>();
        try (Stream<Path> all = Stream.concat(Files.walk(ITS), Stream.of(WORKER_POM))) {
            for (Path file : all.filter(p -> p.toString().endsWith(".xml")).toList()) {
                files.put(file, Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                        .map(l -> l.strip().replace("@project.version@", VERSION)).toList());
            }
        }
        assertTrue(files.size() >= 10, files.keySet().toString());
        return files;
    }

    /** Whether the parts of {@code snippet} between "..." lines appear in {@code lines}, consecutively and in order. */
    static boolean contains(List<String> lines, List<String> snippet) {
        List<List<String>> parts = new ArrayList<>();
        parts.add(new ArrayList<>());
        for (String line : snippet) {
            if (line.equals("...")) {
                parts.add(new ArrayList<>());
            } else {
                parts.get(parts.size() - 1).add(line);
            }
        }
        int from = 0;
        for (List<String> part : parts) {
            int at = indexOf(lines, part, from);
            if (at < 0) {
                return false;
            }
            from = at + part.size();
        }
        return true;
    }

    private static int indexOf(List<String> lines, List<String> part, int from) {
        for (int i = from; i + part.size() <= lines.size(); i++) {
            if (lines.subList(i, i + part.size()).equals(part)) {
                return i;
            }
        }
        return -1;
    }
}

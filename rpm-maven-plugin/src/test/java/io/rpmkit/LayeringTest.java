package io.rpmkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The library's packages depend on each other in one direction only, and only the Mojos know Maven.
 * Dependencies are read from the sources of src/main (imports and qualified names in code, comments
 * left out), so that constants the compiler inlines count too.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/io/rpmkit");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.rpmkit\\.([a-z]\\w*)\\.[A-Z*]");

    /** Each row: source text, the reference that must stay in its code, the one that must not. */
    @ParameterizedTest
    @MethodSource("codeSamples")
    void readsCodeAsTheCompilerDoes(String source, String kept, String removed) {
        String code = code(source);
        assertTrue(code.contains(kept), kept + " is code in " + source + ", read as: " + code);
        assertTrue(!code.contains(removed), removed + " is not code in " + source + ", read as: " + code);
    }

    static Stream<Arguments> codeSamples() {
        return Stream.of(
                Arguments.of("p.endsWith(\"/**\") && io.rpmkit.x.Y; // io.rpmkit.a.B", "io.rpmkit.x.Y",
                        "io.rpmkit.a.B"),
                Arguments.of("// it's \"io.rpmkit.a.B\n io.rpmkit.c.D", "io.rpmkit.c.D", "io.rpmkit.a.B"),
                Arguments.of("char q = '\"'; io.rpmkit.e.F s = \"io.rpmkit.a.B\";", "io.rpmkit.e.F", "io.rpmkit.a.B"),
                Arguments.of("String t = \"\"\"\n io.rpmkit.a.B \"\n\"\"\"; io.rpmkit.i.J", "io.rpmkit.i.J",
                        "io.rpmkit.a.B"),
                Arguments.of("s = \"a\\\"io.rpmkit.a.B\"; io.rpmkit.k.L", "io.rpmkit.k.L", "io.rpmkit.a.B"),
                Arguments.of("/* \"unclosed io.rpmkit.a.B */ io.rpmkit.m.N", "io.rpmkit.m.N", "io.rpmkit.a.B"));
    }

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        assertTrue(graph.keySet().containsAll(Set.of("format", "spec", "request", "write", "payload", "read", "sign",
                "repo", "maven")), "packages found: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles in " + graph);
    }

    @Test
    void theWireVocabularyDependsOnNothingElseOfOurs() throws IOException {
        assertEquals(Set.of(), dependencies().get("format"));
    }

    @Test
    void onlyTheMojosImportMaven() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            String code = code(file);
            if (!SOURCES.relativize(file).toString().startsWith("maven/") && code.contains("org.apache.maven")) {
                offenders.add(SOURCES.relativize(file).toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void findsACycleWhereThereIsOne() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of(List.of("a", "b", "c", "a")), cycles(graph));
        assertEquals(List.of(), cycles(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of()))));
    }

    /** Each package's dependencies on the others (the root package io.rpmkit is below them all). */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            Path relative = SOURCES.relativize(file);
            if (relative.getNameCount() < 2) {
                String code = code(file);
                Matcher matcher = REFERENCE.matcher(code);
                assertTrue(!matcher.find(), relative + ": the root package must depend on no other");
                continue;
            }
            String own = relative.getName(0).toString();
            Set<String> uses = graph.computeIfAbsent(own, k -> new TreeSet<>());
            Matcher matcher = REFERENCE.matcher(code(file));
            while (matcher.find()) {
                if (!matcher.group(1).equals(own)) {
                    uses.add(matcher.group(1));
                }
            }
        }
        return graph;
    }

    /** Every cycle found by a depth-first walk, each from its first package back to it. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            walk(start, graph, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done,
            List<List<String>> found) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            found.add(cycle);
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            walk(next, graph, path, done, found);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertTrue(files.size() > 100, "found only " + files.size() + " sources under " + SOURCES.toAbsolutePath());
            return files;
        }
    }

    /**
     * The file without comments and string and character literals, which name packages without
     * depending on them. One pass, as the compiler reads them: a "/**" inside a string starts no
     * comment, and a quote inside a comment starts no string (two regular expressions, one after
     * the other, got both wrong).
     */
    static String code(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
                code.append(' ');
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (c == '"' || c == '\'') {
                boolean block = source.startsWith("\"\"\"", i);
                String close = block ? "\"\"\"" : String.valueOf(c);
                int j = i + close.length();
                while (j < source.length() && !source.startsWith(close, j)) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(source.length(), j + close.length());
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static String code(Path file) throws IOException {
        return code(Files.readString(file));
    }
}

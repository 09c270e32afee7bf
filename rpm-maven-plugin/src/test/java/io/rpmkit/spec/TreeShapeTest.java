package io.rpmkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The tree-shape check, which stops walking up at a directory it already found clear, reports what
 * checking every ancestor of every entry reports: over random trees of files, links and directories,
 * with entries beneath files at every depth, listed in random order.
 */
class TreeShapeTest {
    @Test
    void reportsWhatCheckingEveryAncestorReports() {
        Random random = new Random(28);
        Content content = Content.ofBytes(new byte[] {'x'}, "inline");
        int withProblems = 0;
        for (int round = 0; round < 3000; round++) {
            Map<String, Entry> byPath = new LinkedHashMap<>();
            int count = random.nextInt(25) + 1;
            for (int i = 0; i < count; i++) {
                StringBuilder path = new StringBuilder("/opt");
                for (int depth = random.nextInt(4) + 1; depth > 0; depth--) {
                    path.append('/').append("abc".charAt(random.nextInt(3)));
                }
                String p = path.toString();
                byPath.putIfAbsent(p, switch (random.nextInt(3)) {
                    case 0 -> Entry.file(p, content);
                    case 1 -> Entry.symlink(p, "/srv");
                    default -> Entry.directory(p);
                });
            }
            List<Entry> entries = new ArrayList<>(byPath.values());
            java.util.Collections.shuffle(entries, random);
            List<String> problems = new ArrayList<>();
            TreeShape.check(problems, entries);
            List<String> expected = everyAncestor(entries);
            assertEquals(expected, problems, "round " + round + ": " + entries.stream().map(Entry::path).toList());
            withProblems += expected.isEmpty() ? 0 : 1;
        }
        org.junit.jupiter.api.Assertions.assertTrue(withProblems > 1000, "the rounds reach the problem often: " + withProblems);
    }

    /** The plain rule: each entry beneath a file or link, named by its nearest such ancestor. */
    private static List<String> everyAncestor(List<Entry> entries) {
        Map<String, Entry> nonDirectories = new HashMap<>();
        entries.stream().filter(e -> e.kind() != EntryKind.DIRECTORY).forEach(e -> nonDirectories.putIfAbsent(e.path(),
                e));
        List<String> problems = new ArrayList<>();
        for (Entry entry : entries) {
            for (int slash = entry.path().lastIndexOf('/'); slash > 0; slash = entry.path().lastIndexOf('/', slash - 1)) {
                Entry parent = nonDirectories.get(entry.path().substring(0, slash));
                if (parent != null) {
                    problems.add("entry '" + entry.path() + "': path lies beneath '" + parent.path() + "', which the"
                            + " package makes a " + (parent.kind() == EntryKind.SYMLINK ? "symlink" : "file")
                            + ": rpm cannot install both; make '" + parent.path() + "' a directory or move one of them");
                    break;
                }
            }
        }
        return problems;
    }
}

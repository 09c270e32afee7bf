package io.rpmkit.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.Quoting;

/** The shape of a package's file tree that rpm can install. */
final class TreeShape {
    private TreeShape() {
    }

    /**
     * A file, or a link, cannot have entries beneath it: rpm installs {@code /opt/x/a/b} into the
     * directory {@code /opt/x/a} and fails when a file or symlink of the package already stands there.
     *
     * @param entries those whose path is valid ({@link PathRules#problem} found none): every directory
     *     above such a path is valid too, so no other entry can stand in the way
     */
    static void check(List<String> problems, List<Entry> entries) {
        Map<String, Entry> nonDirectories = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.kind() != null && entry.kind() != EntryKind.DIRECTORY) {
                nonDirectories.putIfAbsent(entry.path(), entry);
            }
        }
        if (nonDirectories.isEmpty()) {
            return;
        }
        // Directories found with no file or link at or above them: the walk up from an entry stops at one,
        // so most entries look up their own directory only.
        Set<String> clear = new HashSet<>();
        List<String> walked = new ArrayList<>();
        for (Entry entry : entries) {
            walked.clear();
            boolean beneathFile = false;
            for (int slash = entry.path().lastIndexOf('/'); slash > 0; slash = entry.path().lastIndexOf('/', slash - 1)) {
                String directory = entry.path().substring(0, slash);
                if (clear.contains(directory)) {
                    break;
                }
                Entry parent = nonDirectories.get(directory);
                if (parent != null) {
                    problems.add(Quoting.label("entry", entry.path()) + ": path lies beneath " + Quoting.quote(parent.path())
                            + ", which the package makes a " + (parent.kind() == EntryKind.SYMLINK ? "symlink" : "file")
                            + ": rpm cannot install both; make " + Quoting.quote(parent.path()) + " a directory or move one"
                            + " of them");
                    beneathFile = true;
                    break;
                }
                walked.add(directory);
            }
            if (!beneathFile) {
                clear.addAll(walked);
            }
        }
    }
}

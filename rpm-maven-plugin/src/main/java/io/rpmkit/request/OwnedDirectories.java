package io.rpmkit.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.rpmkit.Quoting;
import io.rpmkit.spec.BaseSystemDirectories;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.PathRules;

/**
 * Directory ownership stated once: the package owns each prefix it names and every directory below
 * one on the way to its entries, as rpmbuild's {@code %dir} lines would list them, and never a
 * directory of the base system ({@link BaseSystemDirectories}). The directories it adds are 0755
 * root:root until a path rule says otherwise. A prefix that holds no entry is owned as an empty
 * directory, the way a data directory is.
 */
final class OwnedDirectories {
    private OwnedDirectories() {
    }

    static List<Entry> complete(List<String> prefixes, List<Entry> entries, List<String> problems) {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.putIfAbsent(e.path(), e));
        Set<String> added = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < prefixes.size(); i++) {
            String prefix = prefixes.get(i) == null ? null : prefixes.get(i).strip();
            String label = Quoting.label("ownedDirectories", i, prefix);
            String problem = PathRules.problem(prefix);
            if (problem != null) {
                problems.add(label + ": " + problem.replace("such as /etc/app.conf", "such as /usr/share/app"));
                continue;
            }
            if (!seen.add(prefix)) {
                problems.add(label + ": is listed twice: remove one");
                continue;
            }
            String owner = BaseSystemDirectories.owner(prefix).orElse(null);
            if (owner != null) {
                problems.add(label + ": " + Quoting.quote(prefix) + " belongs to the base system (package " + owner
                        + "), which every host has: name a directory of this package's own below it, e.g. "
                        + Quoting.quote(prefix + "/app"));
                continue;
            }
            Entry existing = byPath.get(prefix);
            if (existing != null && existing.kind() != EntryKind.DIRECTORY) {
                problems.add(label + ": " + Quoting.quote(prefix) + " is a " + existing.kind().name().toLowerCase(
                        java.util.Locale.ROOT) + " entry of the package, not a directory: name the directory it is in");
                continue;
            }
            boolean holdsSomething = false;
            for (String path : byPath.keySet()) {
                if (!path.startsWith(prefix + "/")) {
                    continue;
                }
                holdsSomething = true;
                for (String dir = parent(path); dir.length() >= prefix.length(); dir = parent(dir)) {
                    if (!byPath.containsKey(dir)) {
                        added.add(dir);
                    }
                }
            }
            if (!holdsSomething && existing == null) {
                added.add(prefix); // an empty directory of its own, such as a service's data directory
            }
        }
        List<Entry> result = new ArrayList<>(entries);
        added.forEach(dir -> result.add(Entry.directory(dir)));
        return result;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}

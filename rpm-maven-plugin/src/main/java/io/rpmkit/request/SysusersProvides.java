package io.rpmkit.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.TargetRpm;

/**
 * The user(), group() and groupmember() provides, and the membership requires, that rpmbuild 4.19+
 * derives from sysusers.d lines (its fileattrs/sysusers.attr and the add_sysuser macro), for the
 * declared users and for a sysusers.d file the package ships itself.
 */
final class SysusersProvides {
    private SysusersProvides() {
    }

    /**
     * What rpmbuild's sysusers generator provides for each line: {@code user(NAME) = B64} and an unversioned
     * {@code group(NAME)} for a user, {@code group(NAME) = B64} for a group, {@code groupmember(USER/GROUP) =
     * B64} for a membership, and from rpm 4.19 on requires {@code user(USER)} and {@code group(GROUP)}
     * for a membership. On older targets nothing provides user() or group() of groups such as wheel, so
     * the membership requires would make the package uninstallable there.
     */
    static List<Dependency> of(String where, List<String> lines, TargetRpm target, List<String> problems) {
        List<Dependency> dependencies = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\\s+");
            String version = encode(line);
            if (version.contains("/")) {
                problems.add(where + ": the line " + Quoting.quote(line) + " encodes to " + Quoting.quote(version)
                        + ", and rpm refuses a '/' in the provide's version (rpmbuild fails on it too): a '?' or a"
                        + " character beyond ASCII in gecos, home or shell causes it; change that character");
            }
            switch (fields[0]) {
                case "g" -> dependencies.add(provide("group(" + fields[1] + ")", version));
                case "u", "u!" -> {
                    dependencies.add(provide("user(" + fields[1] + ")", version));
                    dependencies.add(Dependency.of(DependencyKind.PROVIDES, "group(" + fields[1] + ")"));
                }
                default -> {
                    dependencies.add(provide("groupmember(" + fields[1] + "/" + fields[2] + ")", version));
                    if (SystemUsers.createsUsers(target)) {
                        dependencies.add(Dependency.of(DependencyKind.REQUIRES, "user(" + fields[1] + ")"));
                        dependencies.add(Dependency.of(DependencyKind.REQUIRES, "group(" + fields[2] + ")"));
                    }
                }
            }
        }
        return dependencies;
    }

    /**
     * What rpmbuild 4.19+'s sysusers generator derives from a sysusers.d file the package ships as an
     * entry ({@code /usr/lib/sysusers.d/*.conf}): the same provides and membership requires as for
     * declared users. As rpmbuild, it skips lines starting with '#' and lines of fewer than two fields,
     * ignores {@code r} (ranges), and refuses any other type than u, u!, g and m.
     */
    static List<Dependency> ofShippedFile(Entry entry, List<String> problems) {
        String text;
        try (InputStream in = entry.content().open()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(Quoting.label("entry", entry.path()) + ": source " + Quoting.quote(entry.content().origin())
                    + " cannot be read for its sysusers.d provides (" + e.getClass().getSimpleName()
                    + "): give a readable file, or set autoDependencies to false");
            return List.of();
        }
        String where = Quoting.label("entry", entry.path());
        List<String> lines = new ArrayList<>();
        List<String> all = text.lines().toList();
        for (int i = 0; i < all.size(); i++) {
            String[] fields = all.get(i).strip().split("\\s+");
            if (all.get(i).startsWith("#") || fields.length < 2 || fields[0].equals("r")) {
                continue;
            }
            if (!Set.of("u", "u!", "g").contains(fields[0]) && !(fields[0].equals("m") && fields.length >= 3)) {
                problems.add(where + ": line " + (i + 1) + " " + Quoting.quote(all.get(i)) + " is no sysusers.d line"
                        + " rpmbuild accepts: start it with u, u!, g, m (with a user and a group) or r, or '#' for a"
                        + " comment");
            } else {
                lines.add(String.join(" ", fields));
            }
        }
        return of(where, lines, TargetRpm.EL10, problems);
    }

    /** Whether rpmbuild's sysusers generator reads it: a path like {@code ^/usr/lib/sysusers.d/.*\.conf$}. */
    static boolean isSysusersFile(Entry entry) {
        String path = entry.path();
        return entry.kind() == EntryKind.FILE && entry.content() != null && path.startsWith(SystemUsers.DIRECTORY)
                && path.endsWith(".conf") && path.length() >= SystemUsers.DIRECTORY.length() + ".conf".length();
    }

    private static Dependency provide(String name, String version) {
        return Dependency.of(DependencyKind.PROVIDES, name, Comparison.EQUAL, version);
    }

    /**
     * rpm's encoding of a sysusers line as a provide's version: the line's fields joined by single
     * spaces, padded with NUL bytes to a multiple of three so that base64 needs no '=', unwrapped.
     */
    static String encode(String line) {
        byte[] text = String.join(" ", line.trim().split("\\s+")).getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[text.length + (3 - text.length % 3) % 3];
        System.arraycopy(text, 0, padded, 0, text.length);
        return Base64.getEncoder().encodeToString(padded);
    }
}

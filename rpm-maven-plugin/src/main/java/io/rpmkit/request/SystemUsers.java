package io.rpmkit.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.TargetRpm;

/**
 * The system users and groups a package declares: shipped as the sysusers.d(5) file
 * {@code /usr/lib/sysusers.d/NAME.conf}, announced by the {@code user()}, {@code group()} and
 * {@code groupmember()} provides that rpmbuild 4.19+ derives from such a file (its
 * {@code fileattrs/sysusers.attr} and the {@code add_sysuser} macro), and created:
 * <ul>
 * <li>by rpm itself for targets from rpm 4.19 (el10, fedora), which feeds those provides to
 * systemd-sysusers before it unpacks the files;</li>
 * <li>by a generated %pre for older targets, with the commands Fedora's {@code %sysusers_create_compat}
 * writes ({@code getent}, then {@code groupadd -r} / {@code useradd -r}), and {@code Requires(pre):
 * shadow-utils}, as Fedora's guidelines ask of packages that run them.</li>
 * </ul>
 * The provides are written for every target: dnf then orders a package that needs the user after this
 * one, and rpm 4.19+ creates the users should the package be installed there.
 */
final class SystemUsers {
    static final String SETTING = "systemUsers and systemGroups";
    static final String DIRECTORY = "/usr/lib/sysusers.d/";
    /** What both shadow's useradd (its default NAME_REGEX) and systemd-sysusers (31 characters) accept. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");
    private static final String NAME_RULE = "use a lowercase letter or '_' first, then lowercase letters, digits, '_'"
            + " or '-', at most 31 characters (what shadow's useradd and systemd-sysusers both accept), e.g. hello";
    private static final Pattern ID = Pattern.compile("[0-9]{1,10}");
    /** 0 is root's, 65534 nobody's, 65535 the 16-bit -1 that tools read as "no id". */
    private static final long MAX_ID = 65533;
    /** Characters a passwd field cannot hold (':'), that sysusers.d and xargs quote with, or that sysusers expands. */
    private static final Pattern FIELD_FORBIDDEN = Pattern.compile("[\\p{Cntrl}:\"'\\\\%]");
    private static final Pattern PATH = Pattern.compile("/[^\\s\\p{Cntrl}:\"'\\\\%,]*");

    private SystemUsers() {
    }

    /** The sysusers.d file, provides, requires and %pre for the declared users and groups. */
    static GeneratedParts generate(String packageName, List<UserRequest> users, List<GroupRequest> groups,
            TargetRpm target, List<String> problems) {
        if (users.isEmpty() && groups.isEmpty()) {
            return GeneratedParts.none(SETTING);
        }
        int before = problems.size();
        List<String> lines = new ArrayList<>();
        PreScript pre = new PreScript();
        Map<String, String> groupIds = new LinkedHashMap<>();
        Set<String> groupNames = new LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            GroupRequest group = groups.get(i);
            String label = Quoting.label("systemGroups", i, group.name());
            checkName(label, "name", group.name(), problems);
            String gid = checkId(label, "gid", group.gid(), groupIds, problems);
            if (group.name() != null && !groupNames.add(group.name())) {
                problems.add(label + ": is listed twice: list each group once");
            }
            lines.add("g " + group.name() + " " + (gid == null ? "-" : gid));
            pre.group(group.name(), gid);
        }
        Map<String, String> userIds = new LinkedHashMap<>();
        Set<String> userNames = new LinkedHashSet<>();
        List<String[]> memberships = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            UserRequest user = users.get(i);
            String label = Quoting.label("systemUsers", i, user.name());
            checkName(label, "name", user.name(), problems);
            if (user.name() != null && !userNames.add(user.name())) {
                problems.add(label + ": is listed twice: list each user once");
            }
            String uid = checkId(label, "uid", user.uid(), userIds, problems);
            if (user.group() != null) {
                checkName(label, "group", user.group(), problems);
            }
            checkGecos(label, user.gecos(), problems);
            checkPath(label, "home", user.home(), "/var/lib/" + user.name(), problems);
            checkPath(label, "shell", user.shell(), "/sbin/nologin", problems);
            Set<String> supplementary = new LinkedHashSet<>();
            for (String group : user.groups()) {
                checkName(label, "groups", group, problems);
                if (!supplementary.add(group)) {
                    problems.add(label + ": groups lists " + Quoting.quote(group) + " twice: list each group once");
                }
                memberships.add(new String[] {user.name(), group});
            }
            lines.add(userLine(user, uid));
            if (user.group() == null && !groupNames.contains(user.name())) {
                pre.group(user.name(), uid); // systemd-sysusers gives the user's own group the uid as gid
            }
            pre.user(user, uid);
        }
        for (String[] membership : memberships) {
            lines.add("m " + membership[0] + " " + membership[1]);
            pre.member(membership[0], membership[1]);
        }
        if (problems.size() > before) {
            return GeneratedParts.none(SETTING);
        }
        List<Dependency> dependencies = dependencies(SETTING, lines, target, problems);
        if (problems.size() > before) {
            return GeneratedParts.none(SETTING);
        }
        String file = "# The system users and groups of " + packageName + " (sysusers.d(5)), made by rpmkit.\n"
                + String.join("\n", lines) + "\n";
        Entry entry = Entry.file(DIRECTORY + packageName + ".conf",
                Content.ofBytes(file.getBytes(StandardCharsets.UTF_8), SETTING));
        if (createsUsers(target)) {
            return new GeneratedParts(SETTING, List.of(entry), dependencies, Map.of());
        }
        dependencies.add(new Dependency(DependencyKind.REQUIRES, "shadow-utils", Comparison.ANY, "",
                Set.of(InstallContext.PRE)));
        return new GeneratedParts(SETTING, List.of(entry), dependencies, Map.of(ScriptletPhase.PRE, pre.text()));
    }

    /** rpm 4.19 and later create the users and groups of a package's sysusers provides themselves. */
    static boolean createsUsers(TargetRpm target) {
        return target != null && target.reads(4, 19);
    }

    /**
     * What rpmbuild's sysusers generator provides for each line: {@code user(NAME) = B64} and an unversioned
     * {@code group(NAME)} for a user, {@code group(NAME) = B64} for a group, {@code groupmember(USER/GROUP) =
     * B64} for a membership, and from rpm 4.19 on requires {@code user(USER)} and {@code group(GROUP)}
     * for a membership. On older targets nothing provides user() or group() of groups such as wheel, so
     * the membership requires would make the package uninstallable there.
     */
    private static List<Dependency> dependencies(String where, List<String> lines, TargetRpm target,
            List<String> problems) {
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
                    if (createsUsers(target)) {
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
        return dependencies(where, lines, TargetRpm.EL10, problems);
    }

    /** Whether rpmbuild's sysusers generator reads this entry ({@code %__sysusers_path}). */
    static boolean isSysusersFile(Entry entry) {
        return entry.kind() == EntryKind.FILE && entry.content() != null && entry.path().startsWith(DIRECTORY)
                && entry.path().endsWith(".conf") && entry.path().length() > DIRECTORY.length() + ".conf".length();
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

    /** {@code u NAME ID "GECOS" HOME SHELL}, unset fields '-', trailing unset ones left out. */
    private static String userLine(UserRequest user, String uid) {
        String id = (uid == null ? "-" : uid) + (user.group() == null ? "" : ":" + user.group());
        List<String> fields = new ArrayList<>(Arrays.asList("u", user.name(), id,
                user.gecos() == null ? "-" : "\"" + user.gecos() + "\"",
                user.home() == null ? "-" : user.home(), user.shell() == null ? "-" : user.shell()));
        while (fields.size() > 3 && fields.get(fields.size() - 1).equals("-")) {
            fields.remove(fields.size() - 1);
        }
        return String.join(" ", fields);
    }

    private static void checkName(String label, String field, String name, List<String> problems) {
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(label + ": " + field + " " + (name == null ? "is missing" : Quoting.quote(name)
                    + " is not a system user or group name") + ": " + NAME_RULE);
        }
    }

    /** The id as written, or null when unset; {@code seen} maps ids to the item that has them. */
    private static String checkId(String label, String field, String id, Map<String, String> seen,
            List<String> problems) {
        if (id == null) {
            return null;
        }
        String value = id.trim();
        if (!ID.matcher(value).matches() || Long.parseLong(value) < 1 || Long.parseLong(value) > MAX_ID) {
            problems.add(label + ": " + field + " " + Quoting.quote(id) + " is not a system id: give a whole number"
                    + " from 1 to " + MAX_ID + " (0 is root's, 65534 nobody's, 65535 is reserved), or leave it unset"
                    + " for one the system picks");
            return null;
        }
        String canonical = Long.toString(Long.parseLong(value));
        String other = seen.putIfAbsent(canonical, label);
        if (other != null) {
            problems.add(label + ": " + field + " " + canonical + " is also " + other + "'s: give each its own "
                    + field + ", or leave it unset");
        }
        return canonical;
    }

    private static void checkGecos(String label, String gecos, List<String> problems) {
        if (gecos == null) {
            return;
        }
        if (gecos.isBlank() || FIELD_FORBIDDEN.matcher(gecos).find() || !gecos.equals(gecos.strip())
                || gecos.contains("  ")) {
            problems.add(label + ": gecos " + Quoting.quote(gecos) + " cannot be written to passwd and sysusers.d:"
                    + " use words separated by single spaces, without control characters or : \" ' \\ %, e.g."
                    + " 'Hello service'");
        }
    }

    private static void checkPath(String label, String field, String path, String example, List<String> problems) {
        if (path != null && (!PATH.matcher(path).matches() || path.contains("//") || path.contains("/./")
                || path.contains("/../") || path.endsWith("/..") || path.endsWith("/."))) {
            problems.add(label + ": " + field + " " + Quoting.quote(path) + " is not an absolute path a passwd"
                    + " entry can hold: give a normalized absolute path without spaces or : \" ' \\ % , characters,"
                    + " e.g. " + example);
        }
    }

    /**
     * The %pre of targets before rpm 4.19, idempotent: what exists is left alone, so an upgrade runs
     * only the getent checks. A failing groupadd, useradd or usermod ends the script with exit 1, which
     * fails the install, rather than unpack the package's files owned by root (rpm runs the script
     * without {@code set -e}, so only the last command's status would count). Every value is
     * single-quoted; the checks above keep quotes out.
     */
    private static final class PreScript {
        private final List<String> lines = new ArrayList<>(List.of(
                "# system users and groups (%sysusers_create_compat): created before the files they own are"
                        + " unpacked."));
        private final Set<String> groupsMade = new LinkedHashSet<>();

        void group(String name, String gid) {
            if (groupsMade.add(name)) {
                lines.add("getent group '" + name + "' >/dev/null || groupadd -f" + (gid == null ? "" : " -g " + gid)
                        + " -r '" + name + "' || exit 1");
            }
        }

        void user(UserRequest user, String uid) {
            String options = " -g '" + (user.group() == null ? user.name() : user.group()) + "' -d '"
                    + (user.home() == null ? "/" : user.home()) + "' -s '"
                    + (user.shell() == null ? "/sbin/nologin" : user.shell()) + "'"
                    + (user.gecos() == null ? "" : " -c '" + user.gecos() + "'") + " '" + user.name() + "'";
            lines.add("if ! getent passwd '" + user.name() + "' >/dev/null; then");
            if (uid == null) {
                lines.add("    useradd -r" + options + " || exit 1");
            } else {
                // systemd-sysusers too picks another uid when the fixed one is taken
                lines.add("    if ! getent passwd '" + uid + "' >/dev/null; then");
                lines.add("        useradd -r -u '" + uid + "'" + options + " || exit 1");
                lines.add("    else");
                lines.add("        useradd -r" + options + " || exit 1");
                lines.add("    fi");
            }
            lines.add("fi");
        }

        void member(String user, String group) {
            group(group, null);
            lines.add("case \",$(getent group '" + group + "' | cut -d: -f4),\" in");
            lines.add("    *,'" + user + "',*) ;;");
            lines.add("    *) usermod -a -G '" + group + "' '" + user + "' || exit 1 ;;");
            lines.add("esac");
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}

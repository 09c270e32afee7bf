package io.rpmkit.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        SysusersPreScript pre = new SysusersPreScript();
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
        List<Dependency> dependencies = SysusersProvides.of(SETTING, lines, target, problems);
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
}

package io.rpmkit.request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The %pre of targets before rpm 4.19, idempotent: what exists is left alone, so an upgrade runs
 * only the getent checks. A failing groupadd, useradd or usermod ends the script with exit 1, which
 * fails the install, rather than unpack the package's files owned by root (rpm runs the script
 * without {@code set -e}, so only the last command's status would count). Every value is
 * single-quoted; SystemUsers' checks keep quotes out of the values.
 */
final class SysusersPreScript {
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

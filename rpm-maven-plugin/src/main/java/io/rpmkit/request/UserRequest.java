package io.rpmkit.request;

import java.util.List;

/**
 * A system user the package needs, as a user configures it; strings as written, so that errors can
 * quote them. Unset values are null.
 *
 * @param uid a fixed uid, or null for one the system picks from its system range at install
 * @param group the primary group; null for a group of the user's own name (with the uid as its gid
 *     when the uid is fixed), as systemd-sysusers makes it
 * @param gecos the account's description
 * @param home the home directory, absolute; null for {@code /}
 * @param shell the login shell, absolute; null for {@code /sbin/nologin}
 * @param groups supplementary groups the user is added to (each created if missing)
 */
public record UserRequest(String name, String uid, String group, String gecos, String home, String shell,
        List<String> groups) {

    public UserRequest {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** A user with only a name: a system uid, its own group, home {@code /}, no login shell. */
    public static UserRequest named(String name) {
        return new UserRequest(name, null, null, null, null, null, List.of());
    }
}

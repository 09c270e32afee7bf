package io.rpmkit.maven;

import java.util.List;

import io.rpmkit.request.UserRequest;

/** One {@code <systemUser>} of the rpm goal. */
public class SystemUserConfig {
    /** The user's name, e.g. hello. */
    String name;
    /** A fixed uid; default: one the system picks from its system range. */
    String uid;
    /** The primary group; default: a group of the user's own name. */
    String group;
    /** The account's description, e.g. Hello service. */
    String gecos;
    /** The home directory; default /. */
    String home;
    /** The login shell; default /sbin/nologin. */
    String shell;
    /** Supplementary groups, each {@code <group>}. */
    List<String> groups;

    UserRequest toRequest() {
        return new UserRequest(name, uid, group, gecos, home, shell, groups);
    }
}

package io.rpmkit.maven;

import io.rpmkit.request.GroupRequest;

/** One {@code <systemGroup>} of the rpm goal. */
public class SystemGroupConfig {
    /** The group's name. */
    String name;
    /** A fixed gid; default: one the system picks from its system range. */
    String gid;

    GroupRequest toRequest() {
        return new GroupRequest(name, gid);
    }
}

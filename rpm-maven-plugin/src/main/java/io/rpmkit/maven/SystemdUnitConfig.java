package io.rpmkit.maven;

import io.rpmkit.request.UnitRequest;

/** One {@code <systemdUnit>} of the rpm goal. */
public class SystemdUnitConfig {
    /** The unit's file name, e.g. hello.service. */
    String name;
    /** Whether an upgrade try-restarts the unit; default true. */
    Boolean restartOnUpgrade;

    UnitRequest toRequest() {
        return new UnitRequest(name, restartOnUpgrade);
    }
}

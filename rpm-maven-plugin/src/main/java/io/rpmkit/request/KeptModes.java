package io.rpmkit.request;

import io.rpmkit.Choice;

/** How much of a tree's permission bits on the build machine reach the package. */
enum KeptModes implements Choice {
    /** Every file gets the entry's mode, every directory its directoryMode. */
    NONE("none"),
    /**
     * The entry's mode, plus execute wherever it grants read, for sources executable by their owner: what
     * git records (0644 or 0755), so the package does not depend on the umask of the checkout.
     */
    EXECUTABLE("executable"),
    /** The source's permission bits as they are, setuid, setgid and sticky included, as rpmbuild and tar keep them. */
    ALL("all");

    private final String settingName;

    KeptModes(String settingName) {
        this.settingName = settingName;
    }

    @Override
    public String settingName() {
        return settingName;
    }
}

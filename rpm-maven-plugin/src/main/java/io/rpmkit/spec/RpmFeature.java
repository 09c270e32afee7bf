package io.rpmkit.spec;

/**
 * Features a package may use that old rpm versions cannot read, each with the rpm version that
 * introduced it and, where rpm tracks it so, its rpmlib() dependency.
 */
public enum RpmFeature {
    ZSTD_PAYLOAD("a zstd payload", 4, 14, "PayloadIsZstd", "5.4.18-1"),
    XZ_PAYLOAD("an xz payload", 4, 7, "PayloadIsXz", "5.2-1"),
    LARGE_FILES("files or payloads over 4 GiB", 4, 12, "LargeFiles", "4.12.0-1"),
    TILDE_IN_VERSIONS("'~' in a version", 4, 10, "TildeInVersions", "4.10.0-1"),
    CARET_IN_VERSIONS("'^' in a version", 4, 15, "CaretInVersions", "4.15.0-1"),
    WEAK_DEPENDENCIES("recommends, suggests, supplements or enhances", 4, 12, null, null),
    /** rpm 4.12 added the rpmlib() name, 4.13 the solver and the spec syntax that make them work. */
    RICH_DEPENDENCIES("rich dependencies such as (a or b)", 4, 13, "RichDependencies", "4.12.0-1"),
    /** Older rpm takes the bit for nothing and orders the transaction by the requirement. */
    META_DEPENDENCIES("Requires(meta)", 4, 16, null, null),
    /** No rpmlib() guards them: older rpm skips the tags, so the triggers would never fire. */
    FILE_TRIGGERS("file triggers (filetriggerin and friends)", 4, 13, null, null),
    FILE_CAPABILITIES("file capabilities (caps)", 4, 6, "FileCaps", "4.6.1-1");

    private final String description;
    private final int major;
    private final int minor;
    private final String rpmlibName;
    private final String rpmlibVersion;

    RpmFeature(String description, int major, int minor, String rpmlibName, String rpmlibVersion) {
        this.description = description;
        this.major = major;
        this.minor = minor;
        this.rpmlibName = rpmlibName;
        this.rpmlibVersion = rpmlibVersion;
    }

    public boolean readableBy(TargetRpm target) {
        return target.reads(major, minor);
    }

    /** Why {@code target} refuses this feature, and what to do instead. */
    public String refusal(TargetRpm target) {
        return "targetRpm " + target.describe() + " cannot read " + description + ", which needs rpm " + major + "."
                + minor + ": choose a later targetRpm or do without it";
    }

    /** e.g. rpmlib(PayloadIsZstd); null where rpm tracks no rpmlib() dependency for it. */
    public String rpmlibName() {
        return rpmlibName == null ? null : "rpmlib(" + rpmlibName + ")";
    }

    public String rpmlibVersion() {
        return rpmlibVersion;
    }
}

package io.rpmkit.spec;

import io.rpmkit.Choice;

/**
 * The oldest rpm a package must install with. Features that version cannot read are refused, and
 * defaults (compression, legacy signature) follow from it.
 */
public enum TargetRpm implements Choice {
    EL7("el7", 4, 11),
    EL8("el8", 4, 14),
    EL9("el9", 4, 16),
    EL10("el10", 4, 19),
    FEDORA("fedora", 4, 20);

    private final String settingName;
    private final int major;
    private final int minor;

    TargetRpm(String settingName, int major, int minor) {
        this.settingName = settingName;
        this.major = major;
        this.minor = minor;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    /** e.g. "el7 (rpm 4.11)". */
    public String describe() {
        return settingName + " (rpm " + major + "." + minor + ")";
    }

    /** Whether this target's rpm is at least {@code major.minor}. */
    public boolean reads(int featureMajor, int featureMinor) {
        return major > featureMajor || (major == featureMajor && minor >= featureMinor);
    }

    /**
     * Whether packages for this target carry the legacy header-and-payload signature by default:
     * rpm before 4.14 (EL7's 4.11) checks only that one.
     */
    public boolean needsLegacySignature() {
        return !reads(4, 14);
    }

    /** EL7's rpm reads gzip and xz only; from EL8 on zstd is as safe and much faster. */
    public Compression defaultCompression() {
        return reads(4, 14) ? Compression.ZSTD : Compression.GZIP;
    }
}

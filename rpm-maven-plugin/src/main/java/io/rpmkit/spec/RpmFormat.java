package io.rpmkit.spec;

import io.rpmkit.Choice;

/**
 * The package format, as rpmbuild's {@code %_rpmformat} chooses it. Format 6 (rpm's
 * docs/manual/format_v6.md) drops every MD5 and SHA-1 digest, keeps sizes 64-bit, adds SHA3-256
 * header and SHA-512 and SHA3-256 payload digests and MIME types, and always uses the stripped cpio
 * archive; rpm 4.12 and later read that archive, rpm 4.14 and later check its digests.
 */
public enum RpmFormat implements Choice {
    V4("4"),
    V6("6");

    /** The oldest target whose rpm reads a v6 package: 4.14 checks its SHA-256 header and payload digests. */
    public static final TargetRpm OLDEST_V6_READER = TargetRpm.EL8;

    private final String settingName;

    RpmFormat(String settingName) {
        this.settingName = settingName;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    public boolean isV6() {
        return this == V6;
    }
}

package io.rpmkit.format;

import io.rpmkit.Choice;

/** What {@code rpm -V} checks of a file (rpm's rpmVerifyAttrs, include/rpm/rpmfiles.h). */
public enum VerifyFlag implements Choice {
    DIGEST(1, "digest"),
    SIZE(1 << 1, "size"),
    LINKTO(1 << 2, "link"),
    USER(1 << 3, "user"),
    GROUP(1 << 4, "group"),
    MTIME(1 << 5, "mtime"),
    MODE(1 << 6, "mode"),
    RDEV(1 << 7, "rdev"),
    CAPS(1 << 8, "caps"),
    /**
     * The bits of checks rpm has not named yet: set by rpmbuild's default and by {@code %verify(not ...)},
     * which clear only what they name. Not a word users write.
     */
    UNNAMED(~0x1FF, "unnamed");

    /** rpmbuild's default: every bit set, including those of checks rpm adds later. */
    public static final int ALL = 0xFFFFFFFF;
    /** What rpmbuild leaves unchecked for a %ghost (lib/rpmvf.h: digest, size, link target, mtime). */
    public static final int CONTENT_CHECKS = DIGEST.bit | SIZE.bit | LINKTO.bit | MTIME.bit;

    private final int bit;
    private final String settingName;

    VerifyFlag(int bit, String settingName) {
        this.bit = bit;
        this.settingName = settingName;
    }

    public int bit() {
        return bit;
    }

    /** The FILEVERIFYFLAGS value of these flags; a loop, as it runs for every file of a package. */
    public static int bits(Iterable<VerifyFlag> flags) {
        int bits = 0;
        for (VerifyFlag flag : flags) {
            bits |= flag.bit;
        }
        return bits;
    }

    @Override
    public String settingName() {
        return settingName;
    }
}

package io.rpmkit.format;

import io.rpmkit.Choice;

/** File attributes as rpm stores them in FILEFLAGS (rpm's rpmfileAttrs, include/rpm/rpmfiles.h). */
public enum FileFlag implements Choice {
    CONFIG(1, "config"),
    DOC(1 << 1, "doc"),
    MISSINGOK(1 << 3, "missingok"),
    NOREPLACE(1 << 4, "noreplace"),
    GHOST(1 << 6, "ghost"),
    LICENSE(1 << 7, "license"),
    README(1 << 8, "readme");

    private final int bit;
    private final String settingName;

    FileFlag(int bit, String settingName) {
        this.bit = bit;
        this.settingName = settingName;
    }

    public int bit() {
        return bit;
    }

    /** The FILEFLAGS value of these flags; a loop, as it runs for every file of a package. */
    public static int bits(Iterable<FileFlag> flags) {
        int bits = 0;
        for (FileFlag flag : flags) {
            bits |= flag.bit;
        }
        return bits;
    }

    @Override
    public String settingName() {
        return settingName;
    }
}

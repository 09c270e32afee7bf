package io.rpmkit.format;

import io.rpmkit.Choice;

/** When a Requires must already hold, Requires(pre) and friends, or Requires(meta), with their RPMSENSE_* bits. */
public enum InstallContext implements Choice {
    PRETRANS("pretrans", 0x80),
    PRE("pre", 0x200),
    POST("post", 0x400),
    PREUN("preun", 0x800),
    POSTUN("postun", 0x1000),
    POSTTRANS("posttrans", 0x20),
    /** Requires(meta) (RPMSENSE_META, rpm 4.16): a requirement that does not order the transaction. */
    META("meta", 1 << 29);

    private final String settingName;
    private final int senseBit;

    InstallContext(String settingName, int senseBit) {
        this.settingName = settingName;
        this.senseBit = senseBit;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    public int senseBit() {
        return senseBit;
    }
}

package io.rpmkit.sign;

import io.rpmkit.Choice;

/** What signing does to the signatures a package already has. */
public enum SignatureMode implements Choice {
    /** As {@code rpmsign --resign}: the earlier signatures go, the new one stays alone. */
    REPLACE("replace"),
    /**
     * As {@code rpmsign --addsign} of rpm 6: the earlier signatures stay, the new one joins them in
     * OPENPGP, which rpm 6 checks; the first v4 header signature stays in RSAHEADER or DSAHEADER,
     * which rpm 4 checks.
     */
    ADD("add");

    private final String settingName;

    SignatureMode(String settingName) {
        this.settingName = settingName;
    }

    @Override
    public String settingName() {
        return settingName;
    }
}

package io.rpmkit.read;

import io.rpmkit.format.RpmTag;

/** The scriptlets a package can run, each with its body tag and its interpreter ({@code *PROG}) tag. */
public enum ScriptPhase {
    PRETRANS("pretrans", RpmTag.PRETRANS, RpmTag.PRETRANSPROG),
    PREIN("preinstall", RpmTag.PREIN, RpmTag.PREINPROG),
    POSTIN("postinstall", RpmTag.POSTIN, RpmTag.POSTINPROG),
    PREUN("preuninstall", RpmTag.PREUN, RpmTag.PREUNPROG),
    POSTUN("postuninstall", RpmTag.POSTUN, RpmTag.POSTUNPROG),
    POSTTRANS("posttrans", RpmTag.POSTTRANS, RpmTag.POSTTRANSPROG);

    private final String label;
    private final RpmTag scriptTag;
    private final RpmTag programTag;

    ScriptPhase(String label, RpmTag scriptTag, RpmTag programTag) {
        this.label = label;
        this.scriptTag = scriptTag;
        this.programTag = programTag;
    }

    /** The word {@code rpm --scripts} uses, e.g. {@code postinstall}. */
    public String label() {
        return label;
    }

    public RpmTag scriptTag() {
        return scriptTag;
    }

    public RpmTag programTag() {
        return programTag;
    }
}

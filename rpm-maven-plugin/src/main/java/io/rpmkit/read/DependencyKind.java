package io.rpmkit.read;

import io.rpmkit.format.RpmTag;

/** The kinds of dependency a header holds, each as three parallel arrays: names, flags, versions. */
public enum DependencyKind {
    REQUIRES("Requires", RpmTag.REQUIRENAME, RpmTag.REQUIREFLAGS, RpmTag.REQUIREVERSION),
    PROVIDES("Provides", RpmTag.PROVIDENAME, RpmTag.PROVIDEFLAGS, RpmTag.PROVIDEVERSION),
    CONFLICTS("Conflicts", RpmTag.CONFLICTNAME, RpmTag.CONFLICTFLAGS, RpmTag.CONFLICTVERSION),
    OBSOLETES("Obsoletes", RpmTag.OBSOLETENAME, RpmTag.OBSOLETEFLAGS, RpmTag.OBSOLETEVERSION),
    RECOMMENDS("Recommends", RpmTag.RECOMMENDNAME, RpmTag.RECOMMENDFLAGS, RpmTag.RECOMMENDVERSION),
    SUGGESTS("Suggests", RpmTag.SUGGESTNAME, RpmTag.SUGGESTFLAGS, RpmTag.SUGGESTVERSION),
    SUPPLEMENTS("Supplements", RpmTag.SUPPLEMENTNAME, RpmTag.SUPPLEMENTFLAGS, RpmTag.SUPPLEMENTVERSION),
    ENHANCES("Enhances", RpmTag.ENHANCENAME, RpmTag.ENHANCEFLAGS, RpmTag.ENHANCEVERSION);

    private final String label;
    private final RpmTag nameTag;
    private final RpmTag flagsTag;
    private final RpmTag versionTag;

    DependencyKind(String label, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag) {
        this.label = label;
        this.nameTag = nameTag;
        this.flagsTag = flagsTag;
        this.versionTag = versionTag;
    }

    /** The spec-file keyword, e.g. {@code Requires}. */
    public String label() {
        return label;
    }

    public RpmTag nameTag() {
        return nameTag;
    }

    public RpmTag flagsTag() {
        return flagsTag;
    }

    public RpmTag versionTag() {
        return versionTag;
    }
}

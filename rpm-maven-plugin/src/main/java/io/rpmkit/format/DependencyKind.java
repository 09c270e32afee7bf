package io.rpmkit.format;

import io.rpmkit.Choice;

/** The dependency lists of a package, each stored as three parallel tags: names, flags, versions. */
public enum DependencyKind implements Choice {
    REQUIRES("requires", RpmTag.REQUIRENAME, RpmTag.REQUIREFLAGS, RpmTag.REQUIREVERSION),
    PROVIDES("provides", RpmTag.PROVIDENAME, RpmTag.PROVIDEFLAGS, RpmTag.PROVIDEVERSION),
    CONFLICTS("conflicts", RpmTag.CONFLICTNAME, RpmTag.CONFLICTFLAGS, RpmTag.CONFLICTVERSION),
    OBSOLETES("obsoletes", RpmTag.OBSOLETENAME, RpmTag.OBSOLETEFLAGS, RpmTag.OBSOLETEVERSION),
    RECOMMENDS("recommends", RpmTag.RECOMMENDNAME, RpmTag.RECOMMENDFLAGS, RpmTag.RECOMMENDVERSION),
    SUGGESTS("suggests", RpmTag.SUGGESTNAME, RpmTag.SUGGESTFLAGS, RpmTag.SUGGESTVERSION),
    SUPPLEMENTS("supplements", RpmTag.SUPPLEMENTNAME, RpmTag.SUPPLEMENTFLAGS, RpmTag.SUPPLEMENTVERSION),
    ENHANCES("enhances", RpmTag.ENHANCENAME, RpmTag.ENHANCEFLAGS, RpmTag.ENHANCEVERSION),
    /** OrderWithRequires: installs after the named package when both are in one transaction, requires nothing. */
    ORDER("orderWithRequires", RpmTag.ORDERNAME, RpmTag.ORDERFLAGS, RpmTag.ORDERVERSION);

    private final String settingName;
    private final RpmTag nameTag;
    private final RpmTag flagsTag;
    private final RpmTag versionTag;

    DependencyKind(String settingName, RpmTag nameTag, RpmTag flagsTag, RpmTag versionTag) {
        this.settingName = settingName;
        this.nameTag = nameTag;
        this.flagsTag = flagsTag;
        this.versionTag = versionTag;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    /** The spec-file keyword, e.g. {@code Requires}. */
    public String label() {
        return Character.toUpperCase(settingName.charAt(0)) + settingName.substring(1);
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

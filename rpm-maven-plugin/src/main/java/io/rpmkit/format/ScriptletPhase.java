package io.rpmkit.format;

import io.rpmkit.Choice;

/** The points of a transaction where a package's scriptlets run, with the tags that store them. */
public enum ScriptletPhase implements Choice {
    PRETRANS("pretrans", "pretrans", RpmTag.PRETRANS, RpmTag.PRETRANSPROG, InstallContext.PRETRANS),
    PRE("pre", "preinstall", RpmTag.PREIN, RpmTag.PREINPROG, InstallContext.PRE),
    POST("post", "postinstall", RpmTag.POSTIN, RpmTag.POSTINPROG, InstallContext.POST),
    PREUN("preun", "preuninstall", RpmTag.PREUN, RpmTag.PREUNPROG, InstallContext.PREUN),
    POSTUN("postun", "postuninstall", RpmTag.POSTUN, RpmTag.POSTUNPROG, InstallContext.POSTUN),
    POSTTRANS("posttrans", "posttrans", RpmTag.POSTTRANS, RpmTag.POSTTRANSPROG, InstallContext.POSTTRANS);

    private final String settingName;
    private final String queryLabel;
    private final RpmTag scriptTag;
    private final RpmTag interpreterTag;
    private final InstallContext context;

    ScriptletPhase(String settingName, String queryLabel, RpmTag scriptTag, RpmTag interpreterTag,
            InstallContext context) {
        this.settingName = settingName;
        this.queryLabel = queryLabel;
        this.scriptTag = scriptTag;
        this.interpreterTag = interpreterTag;
        this.context = context;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    /** The word {@code rpm --scripts} uses, e.g. {@code postinstall}. */
    public String queryLabel() {
        return queryLabel;
    }

    public RpmTag scriptTag() {
        return scriptTag;
    }

    public RpmTag interpreterTag() {
        return interpreterTag;
    }

    /** The context of the interpreter's own Requires, as rpmbuild adds it. */
    public InstallContext context() {
        return context;
    }
}

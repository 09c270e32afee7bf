package io.rpmkit.format;

/**
 * The parallel arrays one family of triggers is stored in: the scripts with their interpreters, and
 * the conditions (package names or path prefixes) with the index of the script each fires.
 *
 * @param priorities null for package triggers, which have none
 */
public record TriggerTags(RpmTag scripts, RpmTag programs, RpmTag names, RpmTag versions, RpmTag flags,
        RpmTag indexes, RpmTag priorities) {
    /** %triggerin and friends (RPMTAG_TRIGGER*). */
    public static final TriggerTags PACKAGE = new TriggerTags(RpmTag.TRIGGERSCRIPTS, RpmTag.TRIGGERSCRIPTPROG,
            RpmTag.TRIGGERNAME, RpmTag.TRIGGERVERSION, RpmTag.TRIGGERFLAGS, RpmTag.TRIGGERINDEX, null);
    /** %filetriggerin and friends (RPMTAG_FILETRIGGER*). */
    public static final TriggerTags FILE = new TriggerTags(RpmTag.FILETRIGGERSCRIPTS, RpmTag.FILETRIGGERSCRIPTPROG,
            RpmTag.FILETRIGGERNAME, RpmTag.FILETRIGGERVERSION, RpmTag.FILETRIGGERFLAGS, RpmTag.FILETRIGGERINDEX,
            RpmTag.FILETRIGGERPRIORITIES);
    /** %transfiletriggerin and friends (RPMTAG_TRANSFILETRIGGER*). */
    public static final TriggerTags TRANSACTION_FILE = new TriggerTags(RpmTag.TRANSFILETRIGGERSCRIPTS,
            RpmTag.TRANSFILETRIGGERSCRIPTPROG, RpmTag.TRANSFILETRIGGERNAME, RpmTag.TRANSFILETRIGGERVERSION,
            RpmTag.TRANSFILETRIGGERFLAGS, RpmTag.TRANSFILETRIGGERINDEX, RpmTag.TRANSFILETRIGGERPRIORITIES);
}

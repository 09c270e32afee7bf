package io.rpmkit.format;

import io.rpmkit.Choice;

/**
 * When a trigger fires, with its RPMSENSE_TRIGGER* bit and the tags it is stored in: package
 * triggers fire on another package, file triggers on files under path prefixes, once per package
 * ({@code filetrigger*}) or once per transaction ({@code transfiletrigger*}).
 */
public enum TriggerKind implements Choice {
    TRIGGERIN("triggerin", 0x10000, TriggerTags.PACKAGE),
    TRIGGERUN("triggerun", 0x20000, TriggerTags.PACKAGE),
    TRIGGERPOSTUN("triggerpostun", 0x40000, TriggerTags.PACKAGE),
    FILETRIGGERIN("filetriggerin", 0x10000, TriggerTags.FILE),
    FILETRIGGERUN("filetriggerun", 0x20000, TriggerTags.FILE),
    FILETRIGGERPOSTUN("filetriggerpostun", 0x40000, TriggerTags.FILE),
    TRANSFILETRIGGERIN("transfiletriggerin", 0x10000, TriggerTags.TRANSACTION_FILE),
    TRANSFILETRIGGERUN("transfiletriggerun", 0x20000, TriggerTags.TRANSACTION_FILE),
    TRANSFILETRIGGERPOSTUN("transfiletriggerpostun", 0x40000, TriggerTags.TRANSACTION_FILE);

    /** rpmbuild's priority for a file trigger without -P (RPMTRIGGER_DEFAULT_PRIORITY, lib/rpmtriggers.hh). */
    public static final int DEFAULT_PRIORITY = 1000000;

    private final String settingName;
    private final int senseBit;
    private final TriggerTags tags;

    TriggerKind(String settingName, int senseBit, TriggerTags tags) {
        this.settingName = settingName;
        this.senseBit = senseBit;
        this.tags = tags;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    public int senseBit() {
        return senseBit;
    }

    public TriggerTags tags() {
        return tags;
    }

    /** Whether it fires on path prefixes rather than on package names. */
    public boolean isFileTrigger() {
        return tags != TriggerTags.PACKAGE;
    }
}

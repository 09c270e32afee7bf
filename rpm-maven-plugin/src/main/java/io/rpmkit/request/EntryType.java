package io.rpmkit.request;

import java.util.Set;

import io.rpmkit.Choice;

/** The kinds of entry a user configures, each with the settings that apply to it. */
enum EntryType implements Choice {
    FILE("file", Set.of("source", "mode", "flags", "caps")),
    TREE("tree", Set.of("source", "mode", "directoryMode", "keepModes", "flags", "includes", "excludes", "ownDirectories",
            "followLinks", "useDefaultExcludes")),
    TEMPLATE("template", Set.of("source", "mode", "flags", "caps")),
    DIR("dir", Set.of("mode", "flags")),
    SYMLINK("symlink", Set.of("target", "flags")),
    GHOST("ghost", Set.of("mode", "flags"));

    private final String settingName;
    private final Set<String> settings;

    EntryType(String settingName, Set<String> settings) {
        this.settingName = settingName;
        this.settings = settings;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    /** The entry settings this type uses; any other one given is an error. */
    Set<String> settings() {
        return settings;
    }
}

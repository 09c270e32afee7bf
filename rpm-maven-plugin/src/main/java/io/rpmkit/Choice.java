package io.rpmkit;

/** A value of a setting that users write as a word, e.g. the {@code gzip} of compression. */
public interface Choice {
    /** The word users write. */
    String settingName();
}

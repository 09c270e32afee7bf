package io.rpmkit.request;

/**
 * A path rule as a user writes it: attributes for every entry whose install path matches a glob,
 * tree or not. Unset attributes leave an entry's own value alone; where several rules match, the
 * last one that sets an attribute wins.
 *
 * @param path an absolute install path or Maven-style glob over install paths: {@code **} any number
 *     of directories (none included), {@code *} part of one name, {@code ?} one character
 * @param mode octal permissions of the regular files (and ghosts) it matches
 * @param directoryMode octal permissions of the directories it matches
 * @param user owner of everything it matches
 * @param group owning group of everything it matches
 * @param flags comma-separated config, noreplace, missingok, doc, license, readme, for the files and symlinks
 *     it matches; they replace the entry's flags (a ghost stays a ghost); "none" clears them
 * @param verify comma-separated checks of rpm -V, or "none", for everything it matches
 */
public record AttributeRuleRequest(
        String path,
        String mode,
        String directoryMode,
        String user,
        String group,
        String flags,
        String verify) {
}

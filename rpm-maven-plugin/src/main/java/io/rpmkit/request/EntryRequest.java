package io.rpmkit.request;

import java.nio.file.Path;
import java.util.List;

import io.rpmkit.spec.Entry;

/**
 * One entry as a user configures it, before it is resolved into {@link Entry}s. Strings are as
 * written, so that errors can quote them.
 *
 * @param type file, tree, template, dir, symlink or ghost (default: file, or tree when the source is a directory)
 * @param path where it is installed; for a tree, the directory its contents go into
 * @param source the file, template or tree on the build machine
 * @param target a symlink's target
 * @param mode octal permissions, e.g. 0644; for a tree, of its files
 * @param directoryMode octal permissions of a tree's directories
 * @param keepModes how much of a tree's permission bits on disk to keep: none, executable or all (default:
 *     executable, or none when mode is given)
 * @param flags comma-separated: config, noreplace, missingok, doc, license, readme
 * @param verify comma-separated checks rpm -V makes (digest, size, link, user, group, mtime, mode, rdev,
 *     caps), or "none"; unset means all
 * @param includes Maven patterns, relative to a tree, of the files to take (default: all); {@code **}
 *     matches any number of directories, none included
 * @param excludes Maven patterns of files to leave out
 * @param ownDirectories whether a tree's directories (its own root included) belong to the package; a tree
 *     with includes or excludes owns only the directories on the way to what it ships
 * @param followLinks whether a tree's symlinks are followed (default false: packaged as symlinks)
 * @param useDefaultExcludes whether Maven's default excludes (SCM metadata, editor backups) apply to a tree
 *     (default true)
 * @param caps a file's capabilities as rpm's {@code %caps(...)} takes them, e.g. cap_net_bind_service=ep
 */
public record EntryRequest(
        String type,
        String path,
        Path source,
        String target,
        String mode,
        String directoryMode,
        String user,
        String group,
        String flags,
        String verify,
        List<String> includes,
        List<String> excludes,
        Boolean ownDirectories,
        String keepModes,
        Boolean followLinks,
        Boolean useDefaultExcludes,
        String caps) {

    /** An entry without capabilities. */
    public EntryRequest(String type, String path, Path source, String target, String mode, String directoryMode,
            String user, String group, String flags, String verify, List<String> includes, List<String> excludes,
            Boolean ownDirectories, String keepModes, Boolean followLinks, Boolean useDefaultExcludes) {
        this(type, path, source, target, mode, directoryMode, user, group, flags, verify, includes, excludes,
                ownDirectories, keepModes, followLinks, useDefaultExcludes, null);
    }

    public EntryRequest {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }
}

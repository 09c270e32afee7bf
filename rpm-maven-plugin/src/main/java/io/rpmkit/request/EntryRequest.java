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
 * @param flags comma-separated: config, noreplace, missingok, doc, license, readme
 * @param verify comma-separated checks rpm -V makes (digest, size, link, user, group, mtime, mode, rdev,
 *     caps), or "none"; unset means all
 * @param includes glob patterns, relative to a tree, of the files to take (default: all)
 * @param excludes glob patterns of files to leave out
 * @param ownDirectories whether a tree's directories (its own root included) belong to the package
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
        Boolean ownDirectories) {

    public EntryRequest {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }
}

package io.rpmkit.request;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.MatchPatterns;

import io.rpmkit.Quoting;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;

/**
 * Collects a tree as tar and rpmbuild see a staging root: Maven's include and exclude patterns
 * ({@code **} any number of directories, none included, {@code *} within one name, {@code ?} one
 * character), symlinks kept as written unless followed, modes kept as asked. A pattern that selects
 * nothing is an error, so a typo never ships an empty directory.
 */
final class TreeCollector {
    /** Maven's default excludes (SCM metadata, editor backups), as plexus-utils lists them. */
    private static final List<String> DEFAULT_EXCLUDES = List.of(AbstractScanner.DEFAULTEXCLUDES);

    /** A tree entry's settings, resolved. */
    record Options(KeptModes keptModes, int fileMode, int directoryMode, String user, String group,
            Set<FileFlag> flags, Set<VerifyFlag> verify, boolean ownDirectories, boolean followLinks,
            boolean useDefaultExcludes, List<String> includes, List<String> excludes) {
    }

    private enum Kind { DIRECTORY, FILE, LINK }

    /**
     * A path under the root; {@code relative} is '/'-separated.
     *
     * @param permissions a file's 0777 bits as the walk read them, or -1 where it did not (modes not kept
     *        by the execute bit, a followed link, a file system without POSIX permissions)
     * @param size a regular file's size as its own attributes gave it, or -1 where the walk did not read
     *        them (a followed link: its target is asked again)
     */
    private record Found(String relative, Path path, Kind kind, String linkTarget, int permissions, long size) {
        Found(String relative, Path path, Kind kind, String linkTarget) {
            this(relative, path, kind, linkTarget, -1, -1);
        }
    }

    private final String label;
    private final Path root;
    private final Options options;
    private final List<String> problems;
    private final List<Found> found = new ArrayList<>();
    private final List<String> includes;
    private final List<String> excludes;
    /*
     * Every pattern tokenized once per tree, and each path once for all of them: SelectorUtils.matchPath
     * tokenizes pattern and path again for each pair, 230 MB of garbage for 3,300 files against Maven's
     * default excludes. One MatchPatterns per include and exclude, since each is reported on its own.
     * (Per tree, not static: MatchPatterns holds an array.)
     */
    private final List<MatchPatterns> includePatterns;
    private final List<MatchPatterns> excludePatterns;
    /** The patterns ending in "/**", which take a directory and everything under it: its walk is skipped. */
    private final MatchPatterns excludedContents;
    private final MatchPatterns defaultExcludePatterns;
    private final MatchPatterns defaultExcludedContents;
    private Path realRoot;

    TreeCollector(String label, Path root, Options options, List<String> problems) {
        this.label = label;
        this.root = root;
        this.options = options;
        this.problems = problems;
        this.includes = options.includes().stream().map(TreeCollector::normalized).toList();
        this.excludes = options.excludes().stream().map(TreeCollector::normalized).toList();
        this.includePatterns = includes.stream().map(MatchPatterns::from).toList();
        this.excludePatterns = excludes.stream().map(MatchPatterns::from).toList();
        this.excludedContents = MatchPatterns.from(excludes.stream().filter(p -> p.endsWith("/**")).toList());
        List<String> defaults = options.useDefaultExcludes() ? DEFAULT_EXCLUDES : List.of();
        this.defaultExcludePatterns = MatchPatterns.from(defaults);
        this.defaultExcludedContents = MatchPatterns.from(defaults.stream().filter(p -> p.endsWith("/**")).toList());
    }

    /**
     * A path as MatchPatterns sees it: with the platform's separator, as it stores the patterns, split
     * once into the characters it compares (given as strings, it converts them again on every call).
     */
    private record MatchedPath(String path, char[][] tokens) {
        static MatchedPath of(String relative) {
            String path = File.separatorChar == '/' ? relative : relative.replace('/', File.separatorChar);
            return new MatchedPath(path, names(path, File.separatorChar));
        }

        boolean matches(MatchPatterns patterns) {
            return patterns.matches(path, tokens, true);
        }
    }

    /**
     * The path's names as plexus' {@code MatchPattern.tokenizePathToString} splits it (a StringTokenizer:
     * empty names skipped), as the characters MatchPatterns compares, in one pass over the path.
     */
    static char[][] names(String path, char separator) {
        int count = 0;
        for (int start = 0, end; start < path.length(); start = end + 1) {
            end = nameEnd(path, separator, start);
            count += end > start ? 1 : 0;
        }
        char[][] names = new char[count][];
        int n = 0;
        for (int start = 0, end; start < path.length(); start = end + 1) {
            end = nameEnd(path, separator, start);
            if (end > start) {
                names[n] = new char[end - start];
                path.getChars(start, end, names[n++], 0);
            }
        }
        return names;
    }

    private static int nameEnd(String path, char separator, int start) {
        int end = path.indexOf(separator, start);
        return end < 0 ? path.length() : end;
    }

    /** The tree's entries under {@code destination}; problems go to the list given. */
    List<Entry> collect(String destination) {
        try {
            realRoot = root.toRealPath();
            Deque<Path> ancestors = new ArrayDeque<>(List.of(realRoot));
            walk(realRoot, "", ancestors);
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(label + ": collecting " + Quoting.quote(root) + " failed: " + e.getMessage()
                    + " (an unreadable directory)");
            return List.of();
        }
        return select(destination);
    }

    /** A directory's child and its name. */
    private record Named(String name, Path path) {
    }

    private void walk(Path dir, String relative, Deque<Path> realAncestors) throws IOException {
        List<Named> children = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            // Each name made once, not in every comparison: a directory of thousands would make them by the 100,000.
            list.forEach(child -> children.add(new Named(child.getFileName().toString(), child)));
        }
        children.sort(Comparator.comparing(Named::name));
        for (Named named : children) {
            Path child = named.path();
            String name = named.name();
            String rel = relative.isEmpty() ? name : relative + "/" + name;
            BasicFileAttributes attributes = ownAttributes(child);
            boolean link = attributes == null ? Files.isSymbolicLink(child) : attributes.isSymbolicLink();
            if (link && !options.followLinks()) {
                found.add(new Found(rel, child, Kind.LINK, Files.readSymbolicLink(child).toString()));
                continue;
            }
            if (link && !followable(child, rel, realAncestors)) {
                continue;
            }
            if (link || attributes == null ? Files.isDirectory(child) : attributes.isDirectory()) {
                found.add(new Found(rel, child, Kind.DIRECTORY, null));
                if (MatchedPath.of(rel).matches(defaultExcludedContents)) {
                    continue; // SCM metadata is never walked
                }
                realAncestors.push(child.toRealPath());
                walk(child, rel, realAncestors);
                realAncestors.pop();
            } else {
                boolean regular = !link && attributes != null && attributes.isRegularFile();
                found.add(new Found(rel, child, Kind.FILE, null, link ? -1 : permissions(attributes),
                        regular ? attributes.size() : -1));
            }
        }
    }

    /**
     * The path's own attributes (a link's, not its target's), with the permissions when the execute bit
     * is kept: one lstat for what the walk and the file's mode need. Null when they cannot be read, and
     * the walk asks as it did before (a file that vanished is reported by the spec's validation).
     */
    private BasicFileAttributes ownAttributes(Path child) {
        try {
            if (options.keptModes() == KeptModes.EXECUTABLE) {
                try {
                    return Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (UnsupportedOperationException e) {
                    // No POSIX permissions here: fileMode reports it for the files that need them.
                }
            }
            return Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static int permissions(BasicFileAttributes attributes) {
        return attributes instanceof PosixFileAttributes posix ? permissionBits(posix.permissions()) : -1;
    }

    /** The 0777 bits of these permissions: PosixFilePermission lists them in that order, owner read first. */
    private static int permissionBits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    /** With followLinks: a link must resolve, stay inside the tree and not lead back to a directory above it. */
    private boolean followable(Path link, String rel, Deque<Path> realAncestors) {
        MatchedPath path = MatchedPath.of(rel);
        if (path.matches(excludedContents) || path.matches(defaultExcludedContents)) {
            // Never followed, so a loop or escape behind an excluded link is no error; listed for its exclude.
            found.add(new Found(rel, link, Kind.DIRECTORY, null));
            return false;
        }
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            problems.add(label + ": " + Quoting.quote(link) + " cannot be followed: " + e.getMessage() + " (a dangling"
                    + " link, or links pointing at each other): fix it, or set followLinks to false to package it"
                    + " as a symlink");
            return false;
        }
        if (realAncestors.contains(real)) {
            problems.add(label + ": collecting " + Quoting.quote(root) + " failed: " + Quoting.quote(link)
                    + " is a symlink loop back to " + Quoting.quote(real) + ": remove the link, or set followLinks to"
                    + " false to package it as a symlink");
            return false;
        }
        if (!real.startsWith(realRoot)) {
            problems.add(label + ": " + Quoting.quote(link) + " leads outside the tree " + Quoting.quote(root)
                    + " through a symlink: set followLinks to false to package it as a symlink, or collect its"
                    + " target separately");
            return false;
        }
        return true;
    }

    private List<Entry> select(String destination) {
        boolean filtered = !includes.isEmpty() || !excludes.isEmpty();
        Set<Integer> usedIncludes = new TreeSet<>();
        Set<Integer> directoryIncludes = new TreeSet<>();
        Set<Integer> defaultExcludedIncludes = new TreeSet<>();
        Set<Integer> usedExcludes = new TreeSet<>();
        Set<String> directories = new TreeSet<>();
        Set<String> excludedDirectories = new TreeSet<>();
        List<Found> shipped = new ArrayList<>();
        for (Found item : found) {
            MatchedPath path = MatchedPath.of(item.relative());
            boolean defaultExcluded = path.matches(defaultExcludePatterns);
            boolean included = includes.isEmpty();
            for (int i = 0; i < includes.size(); i++) {
                if (path.matches(includePatterns.get(i))) {
                    included = true;
                    (defaultExcluded ? defaultExcludedIncludes : item.kind() == Kind.DIRECTORY ? directoryIncludes
                            : usedIncludes).add(i);
                }
            }
            if (defaultExcluded) {
                continue;
            }
            boolean excluded = false;
            for (int i = 0; i < excludes.size(); i++) {
                if (path.matches(excludePatterns.get(i))) {
                    excluded = true;
                    usedExcludes.add(i);
                }
            }
            if (item.kind() == Kind.DIRECTORY) {
                if (excluded) {
                    excludedDirectories.add(item.relative());
                } else if (!filtered) {
                    directories.add(item.relative()); // an unfiltered tree owns every directory, as rpmbuild does
                }
            } else if (included && !excluded) {
                shipped.add(item);
                if (filtered) {
                    for (int slash = item.relative().indexOf('/'); slash > 0;
                            slash = item.relative().indexOf('/', slash + 1)) {
                        directories.add(item.relative().substring(0, slash));
                    }
                }
            }
        }
        reportUnused(usedIncludes, directoryIncludes, defaultExcludedIncludes, usedExcludes);
        List<Entry> entries = new ArrayList<>();
        if (options.ownDirectories()) {
            entries.add(directory(destination, realRoot));
            for (String relative : directories) {
                if (!excludedDirectories.contains(relative)) {
                    entries.add(directory(installed(destination, relative), realRoot.resolve(relative)));
                }
            }
        }
        for (Found item : shipped) {
            String path = installed(destination, item.relative());
            // Made whole at once: a tree of 50,000 files made 200,000 intermediate entries with the with-methods.
            entries.add(item.kind() == Kind.LINK
                    ? new Entry(path, EntryKind.SYMLINK, null, item.linkTarget(), Entry.SYMLINK_MODE, options.user(),
                            options.group(), options.flags(), options.verify())
                    : new Entry(path, EntryKind.FILE, item.size() >= 0 ? Content.ofFoundFile(item.path(), item.size())
                            : Content.ofFile(item.path()), null, fileMode(item), options.user(),
                            options.group(), options.flags(), options.verify()));
        }
        return entries;
    }

    private static String installed(String destination, String relative) {
        return destination.equals("/") ? "/" + relative : destination + "/" + relative;
    }

    private void reportUnused(Set<Integer> usedIncludes, Set<Integer> directoryIncludes,
            Set<Integer> defaultExcludedIncludes, Set<Integer> usedExcludes) {
        String in = " in " + Quoting.quote(root);
        for (int i = 0; i < includes.size(); i++) {
            if (usedIncludes.contains(i)) {
                continue;
            }
            String pattern = "include " + Quoting.quote(options.includes().get(i));
            if (directoryIncludes.contains(i)) {
                problems.add(label + ": " + pattern + " matches only directories" + in + ", and a tree ships the"
                        + " files under them: write " + Quoting.quote(includes.get(i) + "/**") + " for their contents");
            } else if (defaultExcludedIncludes.contains(i)) {
                problems.add(label + ": " + pattern + " matches only files that Maven's default excludes leave out"
                        + in + ": set useDefaultExcludes to false to ship them");
            } else {
                problems.add(label + ": " + pattern + " matches nothing" + in + ": correct it or remove it (** matches"
                        + " any number of directories, * part of one name, ? one character; e.g. **/*.jar)");
            }
        }
        for (int i = 0; i < excludes.size(); i++) {
            if (!usedExcludes.contains(i)) {
                problems.add(label + ": exclude " + Quoting.quote(options.excludes().get(i)) + " matches nothing" + in
                        + ": correct it or remove it (** matches any number of directories, * part of one name,"
                        + " ? one character)");
            }
        }
    }

    private Entry directory(String path, Path source) {
        int mode = options.keptModes() == KeptModes.ALL ? sourceMode(source) : options.directoryMode();
        return Entry.directory(path).withMode(mode).withOwner(options.user(), options.group())
                .withVerify(options.verify());
    }

    private int fileMode(Found item) {
        int mode = options.fileMode();
        return switch (options.keptModes()) {
            case NONE -> mode;
            case EXECUTABLE -> ((item.permissions() >= 0 ? item.permissions() : sourceMode(item.path())) & 0100) != 0
                    ? mode | (mode & 0444) >> 2 : mode;
            case ALL -> sourceMode(item.path());
        };
    }

    /** The permission bits, setuid, setgid and sticky included, of the file a path names. */
    private int sourceMode(Path source) {
        try {
            try {
                return (Integer) Files.getAttribute(source, "unix:mode") & 07777;
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return permissionBits(Files.getPosixFilePermissions(source));
            }
        } catch (UnsupportedOperationException e) {
            problems.add(label + ": keepModes " + Quoting.quote(options.keptModes().settingName()) + " needs the"
                    + " POSIX permissions of " + Quoting.quote(source) + ", which this file system does not keep:"
                    + " set keepModes to none");
        } catch (IOException e) {
            problems.add(label + ": the mode of " + Quoting.quote(source) + " cannot be read: " + e);
        }
        return options.fileMode();
    }

    /** As Maven's scanner reads a pattern: '\' is '/', and a trailing '/' means everything below. */
    private static String normalized(String pattern) {
        String normal = pattern.strip().replace('\\', '/');
        return normal.endsWith("/") ? normal + "**" : normal;
    }
}

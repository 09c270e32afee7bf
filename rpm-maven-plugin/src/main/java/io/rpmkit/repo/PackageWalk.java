package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The .rpm files below a directory as a repository sees them, one walk for the repository writer and
 * for the directories a build gives it. Left out: {@code repodata/} and directories whose name starts
 * with a dot ({@link RepositoryWriter#skipsDirectory}). Links are followed, to packages and to
 * directories, as createrepo_c follows them (a repository's {@code Packages} is often a link into a
 * pool), but a link back to a directory being walked is not, and a file reached by several paths
 * (links, hard links) is listed once, where the walk met it without a link if it did, else at the
 * first of its places in the metadata's order: createrepo_c lists it once per path, and stops at no
 * loop. What cannot be a package is reported, never passed over: an .rpm entry that is a link to
 * nothing or to what cannot be read, or not a file at all (a fifo, a device), and a directory that
 * cannot be read.
 */
final class PackageWalk {
    private PackageWalk() {
    }

    /**
     * @param found the packages, each file at the place {@link #walk} chose for it, in the order the
     *     walk first met the file
     * @param fileKeys the files they are ({@link BasicFileAttributes#fileKey()}), where the file system has keys
     * @param problems each names the entry by its location below the walked directory
     */
    record Walked(List<PackageScan.Found> found, Set<Object> fileKeys, List<String> problems) {
    }

    /** A package as the walk met it: by which file, and whether a link to a directory led there. */
    private record Met(PackageScan.Found found, Object fileKey, boolean throughLink) {
        /** Whether no link led to it, neither a directory's nor its own. */
        boolean direct() {
            return !throughLink && !Files.isSymbolicLink(found.file());
        }
    }

    /**
     * Walks {@code directory} (a link to one is walked as its target).
     *
     * @param firstOnly stop at the first package: whether there is one at all
     */
    static Walked walk(Path directory, boolean firstOnly) throws IOException {
        Path root = directory.toRealPath();
        // Each path starts with the root's: its location is the rest (relativize costs more per file).
        String separator = root.getFileSystem().getSeparator();
        String rootText = root.toString();
        int prefix = rootText.length() + (rootText.endsWith(separator) ? 0 : separator.length());
        boolean slashes = separator.equals("/");
        List<Met> met = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            /** For each directory being walked, whether a link led to it or to one above it. */
            private final Deque<Boolean> throughLink = new ArrayDeque<>();

            private String location(Path path) {
                String text = path.toString();
                String location = text.substring(Math.min(prefix, text.length())); // the root itself: ""
                return slashes ? location : location.replace(separator, "/");
            }

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (RepositoryWriter.skipsDirectory(root, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                boolean linked = !throughLink.isEmpty() && (throughLink.peek() || Files.isSymbolicLink(dir));
                throughLink.push(linked);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (!name.endsWith(".rpm")) {
                    return FileVisitResult.CONTINUE;
                }
                // Following links, the walk gives a link's own attributes only when its target cannot be read.
                if (attributes.isRegularFile()) {
                    met.add(new Met(new PackageScan.Found(file, name, location(file), attributes.size(),
                            attributes.lastModifiedTime().toInstant().getEpochSecond()), attributes.fileKey(),
                            throughLink.peek()));
                } else if (attributes.isSymbolicLink()) {
                    problems.add(brokenLink(location(file), file));
                } else {
                    problems.add(location(file) + " is not a file (a fifo, socket or device): a repository's .rpm"
                            + " entries are packages; remove it");
                }
                return firstOnly && !met.isEmpty() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A link back to a directory being walked lists nothing new; a directory the repository
                // leaves out is not its to read (the walk opens a directory before asking about it); a
                // file of another name that went away is none of its business.
                boolean leftOut = RepositoryWriter.skipsDirectory(root, file);
                boolean goneOther = e instanceof NoSuchFileException && !file.getFileName().toString().endsWith(".rpm");
                if (!(e instanceof FileSystemLoopException) && !leftOut && !goneOther) {
                    problems.add(unreadable(location(file), e));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                throughLink.pop();
                if (e != null) {
                    problems.add(unreadable(location(dir), e));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Map<Object, Integer> placeByFile = new HashMap<>();
        List<PackageScan.Found> found = once(met, placeByFile);
        return new Walked(found, placeByFile.keySet(), problems);
    }

    /**
     * Each file once: where no link led to it, else at its first place by file name, then path.
     *
     * @param placeByFile filled with each file's key and its place in the result
     */
    private static List<PackageScan.Found> once(List<Met> met, Map<Object, Integer> placeByFile) {
        List<Met> kept = new ArrayList<>();
        for (Met pkg : met) {
            Integer place = pkg.fileKey() == null ? null : placeByFile.putIfAbsent(pkg.fileKey(), kept.size());
            if (place == null) {
                kept.add(pkg);
            } else if (better(pkg, kept.get(place))) {
                kept.set(place, pkg);
            }
        }
        List<PackageScan.Found> found = new ArrayList<>(kept.size());
        for (Met pkg : kept) {
            found.add(pkg.found());
        }
        return found;
    }

    private static boolean better(Met candidate, Met current) {
        boolean direct = candidate.direct();
        if (direct != current.direct()) {
            return direct;
        }
        return candidate.found().compareTo(current.found()) < 0;
    }

    /**
     * A link the walk could not follow: where its first step leads, from where the link really is, and
     * why it goes no further (the target is missing, a loop of links, a directory closed to this user).
     */
    private static String brokenLink(String location, Path link) {
        Path step;
        try {
            step = firstStep(link);
        } catch (IOException e) {
            return changed(location);
        }
        try {
            Files.readAttributes(link, BasicFileAttributes.class);
            return changed(location);
        } catch (NoSuchFileException e) {
            return location + " is a link to " + step + (Files.isSymbolicLink(step) ? ", itself a link to nothing"
                    : ", which does not exist") + ": remove the link, or put the package it names there";
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "a directory on its way is closed to this user"
                    : e instanceof FileSystemException failure && failure.getReason() != null ? failure.getReason()
                    : e.toString();
            return location + " is a link to " + step + ", which cannot be followed (" + why + "): make it lead to a"
                    + " package, or remove it";
        }
    }

    /**
     * Where a link's target leads as the system resolves it, its last name not followed: each
     * directory on the way is taken as it really is, so that {@code dir/../x} behind a link {@code dir}
     * names the parent of where {@code dir} leads, not the link's own directory ({@code normalize()}
     * would drop {@code dir/..} by its text). The walk stops resolving at the first name that is not
     * there or cannot be entered; what follows is kept as written.
     */
    static Path firstStep(Path link) throws IOException {
        Path target = Files.readSymbolicLink(link);
        Path step = target.isAbsolute() ? target.getRoot() : link.getParent().toRealPath();
        int names = target.getNameCount();
        for (int i = 0; i < names - 1; i++) {
            Path next = step.resolve(target.getName(i));
            try {
                step = next.toRealPath();
            } catch (IOException e) { // not there, or closed to this user: the system goes no further either
                return next.resolve(target.subpath(i + 1, names));
            }
        }
        return names == 0 ? step : step.resolve(target.getFileName());
    }

    private static String changed(String location) {
        return location + " changed while the directory was walked: write the repository when its files no longer"
                + " change";
    }

    private static String unreadable(String location, IOException e) {
        return (location.isEmpty() ? "the directory" : location) + " cannot be read (" + e
                + "): make it readable, or move it out of the directory";
    }
}

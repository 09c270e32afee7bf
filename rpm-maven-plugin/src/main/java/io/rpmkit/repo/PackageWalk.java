package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The .rpm files below a directory as a repository sees them, one walk for the repository writer and
 * for the directories a build gives it. Left out: {@code repodata/} and directories whose name starts
 * with a dot ({@link RepositoryWriter#skipsDirectory}). A link to a package counts as the package. A
 * link to a directory outside the walked one is followed, as createrepo_c follows it (a repository's
 * {@code Packages} is often a link into a pool), and its packages are listed below the link; a link to
 * a directory inside it is not, since its packages are listed where they are, nor is a link back to a
 * directory being walked. What cannot be a package is reported, never passed over: an .rpm entry that
 * is a link to nothing, or not a file at all (a fifo, a device), and a directory that cannot be read.
 */
final class PackageWalk {
    private PackageWalk() {
    }

    /**
     * @param found the packages in the order the walk met them
     * @param problems each names the entry by its location below the walked directory
     */
    record Walked(List<PackageScan.Found> found, List<String> problems) {
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
        List<PackageScan.Found> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            private String location(Path path) {
                String text = path.toString();
                String location = text.substring(Math.min(prefix, text.length())); // the root itself: ""
                return slashes ? location : location.replace(separator, "/");
            }

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (RepositoryWriter.skipsDirectory(root, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                // A link to a directory of this tree: its packages are listed at their own place.
                return !dir.equals(root) && Files.isSymbolicLink(dir) && dir.toRealPath().startsWith(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (!name.endsWith(".rpm")) {
                    return FileVisitResult.CONTINUE;
                }
                // Following links, the walk gives a link's own attributes only when its target is missing.
                if (attributes.isRegularFile()) {
                    found.add(new PackageScan.Found(file, name, location(file), attributes.size(),
                            attributes.lastModifiedTime().toInstant().getEpochSecond()));
                } else if (attributes.isSymbolicLink()) {
                    problems.add(location(file) + " is a link to " + Files.readSymbolicLink(file) + ", which does not"
                            + " exist: remove the link, or put the package it names there");
                } else {
                    problems.add(location(file) + " is not a file (a fifo, socket or device): a repository's .rpm"
                            + " entries are packages; remove it");
                }
                return firstOnly && !found.isEmpty() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE; // a link back to a directory being walked: listed there
                }
                problems.add(unreadable(location(file), e));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    problems.add(unreadable(location(dir), e));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Walked(found, problems);
    }

    private static String unreadable(String location, IOException e) {
        return (location.isEmpty() ? "the directory" : location) + " cannot be read (" + e
                + "): make it readable, or move it out of the directory";
    }
}

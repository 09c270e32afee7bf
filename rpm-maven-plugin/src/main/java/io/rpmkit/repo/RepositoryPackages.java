package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/**
 * Gathering packages for a repository: collecting them from the caller's files and sources, each
 * read once, and copying them in.
 */
public final class RepositoryPackages {
    /** The repository's directory that packages are copied into. */
    public static final String PACKAGES = "packages";
    private static final String STEP = "collecting the packages of the repository";

    private RepositoryPackages() {
    }

    /**
     * A package file for the repository and the name rpmbuild gives it, {@code name-version-release.arch.rpm}
     * ({@code .src.rpm} for sources), which it gets in the repository whatever the file is called (e.g.
     * Maven's {@code artifactId-version.rpm}).
     */
    public record PackageFile(Path path, String fileName) {
    }

    /**
     * What {@link #collect} found: the packages to copy into the repository's {@value #PACKAGES}, and the
     * files and source directories given that the repository's walk reaches already (in it, or outside
     * through its links), which are not copied: the repository writer indexes, and checks, them anyway.
     */
    public record Collected(List<PackageFile> toCopy, List<Path> inPlace) {
        public Collected {
            toCopy = List.copyOf(toCopy);
            inPlace = List.copyOf(inPlace);
        }
    }

    /**
     * The packages for a repository: {@code files} (e.g. a build's artifacts), then the .rpm files that
     * {@code sources} name (a file stands for itself, a directory for every .rpm file below it, in path
     * order, found as the repository finds its own: {@link PackageWalk}), each file once and each package
     * once. Each file outside {@code repository} has its headers read once, and is copied in unless a
     * link in the repository leads to it (then the writer indexes it there). All problems are reported
     * together: a file that is missing or not a package (also an .rpm entry of a source directory that is
     * a link to nothing, or a fifo); a source that does not exist, is not an .rpm file or is a directory
     * without one; a package whose name cannot be a file name; a file in the repository where the writer
     * does not look (under repodata/ or a dot directory, unless its links reach all of it); and two different
     * files of one package (a renamed copy, the same bytes, counts once), also one to copy and one in the
     * repository's {@value #PACKAGES} already, given as a source.
     *
     * @param setting how the caller's configuration calls {@code sources}, for the messages
     */
    public static Collected collect(List<Path> files, List<Path> sources, String setting, Path repository)
            throws PackagingException {
        Map<Path, String> unnamed = new LinkedHashMap<>();
        files.forEach(file -> unnamed.putIfAbsent(file, ""));
        return collect(unnamed, sources, setting, repository);
    }

    /**
     * As {@link #collect(List, List, String, Path)}, each file named in messages as the caller knows it
     * (e.g. a build artifact by its coordinates), or not at all when the name is empty.
     *
     * @param files in order, each with its name
     */
    public static Collected collect(Map<Path, String> files, List<Path> sources, String setting, Path repository)
            throws PackagingException {
        Path root = real(repository);
        Gathering gathering = new Gathering(root);
        for (Map.Entry<Path, String> given : files.entrySet()) {
            Path file = given.getKey();
            String where = given.getValue().isEmpty() ? "" : given.getValue() + ": ";
            if (!Files.isRegularFile(file)) {
                gathering.problems.add(where + file + " does not exist or is not a file: " + (where.isEmpty()
                        ? "give the path of an .rpm file" : "build it in this run, before this goal (e.g. mvn package),"
                        + " or leave it out"));
            } else {
                gathering.file(file, where);
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            Path source = sources.get(i);
            String where = setting + "[" + i + "] ";
            if (Files.isDirectory(source)) {
                gathering.directory(source, where);
            } else if (!Files.exists(source)) {
                gathering.problems.add(where + source + " does not exist: give a directory of .rpm files or an .rpm"
                        + " file");
            } else if (!source.getFileName().toString().endsWith(".rpm")) {
                gathering.problems.add(where + source + " is not an .rpm file: give a directory of .rpm files or an"
                        + " .rpm file");
            } else {
                gathering.file(source, where);
            }
        }
        List<PackageFile> toCopy = gathering.readOutside();
        if (!gathering.problems.isEmpty()) {
            throw new PackagingException(STEP, gathering.problems);
        }
        return new Collected(toCopy, gathering.inPlace);
    }

    /**
     * Copies packages into {@code directory} under their {@link PackageFile#fileName()}, keeping
     * modification times, and returns the copies; a package already there as the same file is left as it
     * is.
     */
    public static List<Path> copy(List<PackageFile> packages, Path directory) throws PackagingException {
        List<Path> copies = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (PackageFile pkg : packages) {
                Path target = directory.resolve(pkg.fileName());
                if (!Files.exists(target) || !Files.isSameFile(pkg.path(), target)) {
                    Files.copy(pkg.path(), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                copies.add(target);
            }
        } catch (IOException e) {
            throw new PackagingException("copying packages into " + directory + ": " + e, e);
        }
        return copies;
    }

    /** A file to read, and how the messages name where it came from ("" for the caller's files). */
    private record Candidate(Path path, String where) {
    }

    /** What {@link #collect} has found so far, by the files' real paths: links and relative paths count once. */
    private static final class Gathering {
        private final Path root;
        private final List<String> problems = new ArrayList<>();
        private final List<Candidate> outside = new ArrayList<>();
        private final List<Path> inPlace = new ArrayList<>();
        /** The real paths of the files and directories in place, for finding a package given twice. */
        private final List<Path> inPlaceReal = new ArrayList<>();
        private final Set<Path> seen = new HashSet<>();
        /** The package files the repository's walk reaches; null until asked. */
        private Set<Object> reached;

        Gathering(Path root) {
            this.root = root;
        }

        void file(Path file, String where) throws PackagingException {
            Path real = real(file);
            if (!seen.add(real)) {
                return;
            }
            if (!real.startsWith(root)) {
                outside.add(new Candidate(file, where));
            } else if (!real.getFileName().toString().endsWith(".rpm")) {
                problems.add(where + file + " is in the repository's directory " + root + " but not named .rpm, so the"
                        + " repository would leave it out: name it NAME.rpm or give it from outside the repository");
            } else if (indexedInPlace(real.getParent(), where + file, real)) {
                inPlace.add(file);
                inPlaceReal.add(real);
            }
        }

        void directory(Path source, String where) throws PackagingException {
            Path real = real(source);
            if (!real.startsWith(root)) {
                int before = problems.size();
                List<Path> below = rpmFilesBelow(real, where + source, false, problems);
                if (below.isEmpty() && problems.size() == before) { // else the walk said what is wrong
                    problems.add(holdsNoPackage(where, source));
                }
                for (Path file : below) {
                    file(file, where);
                }
            } else if (indexedInPlace(real, where + source, real)) {
                // All of it is the writer's to walk, read and report on: here only whether it holds a
                // package at all (the writer reports what else the walk meets).
                List<String> walkProblems = new ArrayList<>();
                if (rpmFilesBelow(real, where + source, true, walkProblems).isEmpty()) {
                    // Nothing found: what the walk met instead says why, as for a source outside.
                    problems.addAll(walkProblems.isEmpty() ? List.of(holdsNoPackage(where, source)) : walkProblems);
                } else if (seen.add(real)) {
                    inPlace.add(source);
                    inPlaceReal.add(real);
                }
            }
        }

        private static String holdsNoPackage(String where, Path source) {
            return where + source + " holds no .rpm file: give a directory of .rpm files or an .rpm file";
        }

        /**
         * Whether the writer indexes {@code real} (a file, or a directory's every package), which is in
         * {@code dir}, a directory in the repository: not under its repodata/ or a directory whose name
         * starts with a dot, unless links in the repository reach all of it (else a problem, naming
         * {@code given}).
         */
        private boolean indexedInPlace(Path dir, String given, Path real) throws PackagingException {
            for (Path at = dir; at != null && at.startsWith(root); at = at.getParent()) {
                if (RepositoryWriter.skipsDirectory(root, at)) {
                    // One left-out directory above is enough: whether links reach it all decides, once.
                    if (reachedWhole(real)) {
                        return true;
                    }
                    problems.add(given + " is in the repository's directory " + root + ", but under " + at
                            + ", which the repository leaves out (repodata/ and directories whose name starts with"
                            + " a dot): move it elsewhere in the repository, or give it from outside");
                    return false;
                }
            }
            return true;
        }

        /** Each file outside the repository, read for its name, then each package once. */
        List<PackageFile> readOutside() throws PackagingException {
            List<PackageFile> packages = new ArrayList<>();
            Map<String, Candidate> byName = new HashMap<>();
            Map<String, String> digestByName = new HashMap<>();
            for (Candidate candidate : outside) {
                String name;
                try {
                    name = fileName(RpmReader.read(candidate.path()));
                } catch (PackagingException e) {
                    problems.add(candidate.where() + candidate.path() + " is not an rpm package: " + e.getMessage());
                    continue;
                }
                if (name.contains("/") || name.contains("\\") || name.startsWith(".")
                        || XmlText.forbiddenCharacter(name).isPresent()) {
                    problems.add(candidate.where() + candidate.path() + " names a package " + Quoting.quote(name)
                            + " that cannot be a file name: its name, version, release and arch must not contain"
                            + " '/', '\\' or control characters");
                    continue;
                }
                Candidate earlier = byName.putIfAbsent(name, candidate);
                if (earlier == null) {
                    if (reached().contains(fileKey(candidate.path()))) {
                        inPlace.add(candidate.path()); // a link in the repository leads to it: indexed there
                    } else {
                        packages.add(new PackageFile(candidate.path(), name));
                        differentInPlace(candidate, name);
                    }
                    continue;
                }
                // Digests only for names that two files give: thousands of packages need not be hashed for a rare case.
                if (!digestByName.containsKey(name)) {
                    digestByName.put(name, digest(earlier.path()));
                }
                if (!digest(candidate.path()).equals(digestByName.get(name))) {
                    problems.add(twoFiles(earlier, candidate.where() + candidate.path(), name));
                } else if (reached().contains(fileKey(candidate.path()))
                        && packages.removeIf(pkg -> pkg.path().equals(earlier.path()))) {
                    // The same bytes, which a link in the repository reaches: indexed there, not copied too.
                    inPlace.add(candidate.path());
                    byName.put(name, candidate);
                }
            }
            return packages;
        }

        /**
         * The package files the repository's walk reaches, also through its links; walked once, and only
         * when asked (a package from outside, or one given where the repository does not look).
         */
        private Set<Object> reached() throws PackagingException {
            if (reached == null) {
                reached = Files.isDirectory(root) ? walk(root, String.valueOf(root), false).fileKeys() : Set.of();
            }
            return reached;
        }

        /** Whether the repository's walk reaches this file, or every package below this directory (and one at least). */
        private boolean reachedWhole(Path real) throws PackagingException {
            if (!Files.isDirectory(real)) {
                return reached().contains(fileKey(real));
            }
            Set<Object> below = walk(real, String.valueOf(real), false).fileKeys();
            return !below.isEmpty() && reached().containsAll(below);
        }

        private static Object fileKey(Path file) throws PackagingException {
            try {
                return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                throw new PackagingException(STEP + ": reading " + file + ": " + e, e);
            }
        }

        /** A problem if the repository's own file of this package, given in place, is another file. */
        private void differentInPlace(Candidate candidate, String name) throws PackagingException {
            Path target = root.resolve(PACKAGES).resolve(name);
            if (!Files.isRegularFile(target)) {
                return;
            }
            Path real = real(target);
            boolean given = false;
            for (Path place : inPlaceReal) {
                given |= real.startsWith(place);
            }
            if (given && !digest(candidate.path()).equals(digest(target))) {
                problems.add(twoFiles(candidate, target.toString(), name));
            }
        }

        private static String twoFiles(Candidate first, String second, String name) {
            return first.where() + first.path() + " and " + second + " are different files of the same package "
                    + name + ": a repository holds a package once; leave one of them out";
        }
    }

    /**
     * The .rpm files below a directory (a real path), and links to them, in path order, as the repository
     * would find them below it ({@link PackageWalk}); only the first one found if {@code first}. What
     * cannot be a package there goes to {@code problems}, named below {@code given}.
     *
     * @param given the directory as the caller gave it, for the messages
     */
    private static List<Path> rpmFilesBelow(Path directory, String given, boolean first, List<String> problems)
            throws PackagingException {
        PackageWalk.Walked walked = walk(directory, given, first);
        for (String problem : walked.problems()) {
            problems.add(given + ": " + problem);
        }
        List<Path> found = new ArrayList<>();
        for (PackageScan.Found file : walked.found()) {
            found.add(file.file());
        }
        Collections.sort(found);
        return found;
    }

    private static PackageWalk.Walked walk(Path directory, String given, boolean first) throws PackagingException {
        try {
            return PackageWalk.walk(directory, first);
        } catch (IOException e) {
            throw new PackagingException(STEP + ": looking for packages in " + given + ": " + e, e);
        }
    }

    /** The file's real path (links resolved), or where it would be when it does not exist yet. */
    private static Path real(Path path) throws PackagingException {
        if (!Files.exists(path)) {
            return path.toAbsolutePath().normalize();
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new PackagingException(STEP + ": resolving " + path + ": " + e, e);
        }
    }

    private static String digest(Path file) throws PackagingException {
        try {
            return FileDigest.of(file).hex();
        } catch (IOException e) {
            throw new PackagingException(STEP + ": reading " + file + ": " + e, e);
        }
    }

    /** rpmbuild's name for a package file: {@code name-version-release.arch.rpm}, {@code .src.rpm} for sources. */
    static String fileName(RpmPackage rpm) {
        boolean source = rpm.header().entry(RpmTag.SOURCEPACKAGE.code()).isPresent();
        return rpm.name() + "-" + rpm.version() + "-" + rpm.release() + "."
                + (source ? "src" : rpm.arch().orElse("noarch")) + ".rpm";
    }
}

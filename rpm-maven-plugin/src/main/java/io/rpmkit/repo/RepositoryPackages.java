package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
     * What {@link #collect} found: the packages to copy into the repository, and the files and source
     * directories given that are in it already, which are neither read nor copied: the repository writer
     * indexes, and checks, every package below the repository's directory anyway.
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
     * order), each file once and each package once. Every file outside {@code repository} has its
     * headers read once, on as many threads as there are cores. All problems are reported together: a
     * file that is missing or not a package, a source that does not exist, is not an .rpm file or is a
     * directory without one, a package whose name cannot be a file name, and two different files of one
     * package (a renamed copy, the same bytes, counts once).
     *
     * @param setting how the caller's configuration calls {@code sources}, for the messages
     */
    public static Collected collect(List<Path> files, List<Path> sources, String setting, Path repository)
            throws PackagingException {
        List<String> problems = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                problems.add(file + " does not exist or is not a file: give the path of an .rpm file");
            } else if (seen.add(file.toAbsolutePath().normalize())) {
                candidates.add(new Candidate(file, ""));
            }
        }
        Path root = repository.toAbsolutePath().normalize();
        List<Path> inPlace = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path source = sources.get(i);
            String where = setting + "[" + i + "] ";
            if (Files.isDirectory(source) && source.toAbsolutePath().normalize().startsWith(root)) {
                // All of it is the writer's to walk and read: here only whether it holds a package at all.
                if (rpmFilesBelow(source, true).isEmpty()) {
                    problems.add(where + source + " holds no .rpm file: give a directory of .rpm files or an .rpm"
                            + " file");
                } else {
                    inPlace.add(source);
                }
            } else if (Files.isDirectory(source)) {
                List<Path> below = rpmFilesBelow(source, false);
                if (below.isEmpty()) {
                    problems.add(where + source + " holds no .rpm file: give a directory of .rpm files or an .rpm"
                            + " file");
                }
                for (Path file : below) {
                    if (seen.add(file.toAbsolutePath().normalize())) {
                        candidates.add(new Candidate(file, where));
                    }
                }
            } else if (!Files.exists(source)) {
                problems.add(where + source + " does not exist: give a directory of .rpm files or an .rpm file");
            } else if (!source.getFileName().toString().endsWith(".rpm")) {
                problems.add(where + source + " is not an .rpm file: give a directory of .rpm files or an .rpm file");
            } else if (seen.add(source.toAbsolutePath().normalize())) {
                candidates.add(new Candidate(source, where));
            }
        }
        List<Candidate> outside = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.path().toAbsolutePath().normalize().startsWith(root)) {
                inPlace.add(candidate.path());
            } else {
                outside.add(candidate);
            }
        }
        List<PackageFile> toCopy = distinct(read(outside, problems), problems);
        if (!problems.isEmpty()) {
            throw new PackagingException(STEP, problems);
        }
        return new Collected(toCopy, inPlace);
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

    /** The .rpm files below a directory, and links to them, in path order; only the first one found if {@code first}. */
    private static List<Path> rpmFilesBelow(Path directory, boolean first) throws PackagingException {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".rpm") && (attributes.isRegularFile()
                            || attributes.isSymbolicLink() && Files.isRegularFile(file))) {
                        found.add(file);
                    }
                    return first && !found.isEmpty() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PackagingException("looking for packages in " + directory + ": " + e, e);
        }
        Collections.sort(found);
        return found;
    }

    /** Each candidate's rpmbuild file name, in their order; null for those that are not packages (a problem). */
    private static List<PackageFile> read(List<Candidate> candidates, List<String> problems)
            throws PackagingException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), candidates.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, new DaemonThreads("rpmkit-repository-packages"));
        try {
            List<Future<String>> names = new ArrayList<>(candidates.size());
            for (Candidate candidate : candidates) {
                names.add(pool.submit(new Naming(candidate.path())));
            }
            List<PackageFile> packages = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                Candidate candidate = candidates.get(i);
                try {
                    packages.add(new PackageFile(candidate.path(), join(names.get(i))));
                } catch (PackagingException e) {
                    problems.add(candidate.where() + candidate.path() + " is not an rpm package: " + e.getMessage());
                    packages.add(null);
                }
            }
            return packages;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads one file's headers for its name; a class rather than a lambda, as on the writer's per-package path. */
    private static final class Naming implements Callable<String> {
        private final Path file;

        Naming(Path file) {
            this.file = file;
        }

        @Override
        public String call() throws PackagingException {
            return fileName(RpmReader.read(file));
        }
    }

    private static String join(Future<String> name) throws PackagingException {
        try {
            return name.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("interrupted while reading the packages", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PackagingException packaging) {
                throw packaging;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reading a package failed", e.getCause());
        }
    }

    /**
     * The packages once each, by file name: a second file of a package that is not the same bytes is a
     * problem, as is a name that cannot be a file's. Digests only for names that two files give: thousands
     * of packages need not be hashed for a rare case.
     */
    private static List<PackageFile> distinct(List<PackageFile> read, List<String> problems)
            throws PackagingException {
        List<PackageFile> packages = new ArrayList<>();
        Map<String, PackageFile> byName = new HashMap<>();
        Map<String, String> digestByName = new HashMap<>();
        for (PackageFile pkg : read) {
            if (pkg == null) {
                continue;
            }
            String name = pkg.fileName();
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")
                    || XmlText.forbiddenCharacter(name).isPresent()) {
                problems.add(pkg.path() + " names a package " + Quoting.quote(name) + " that cannot be a file name:"
                        + " its name, version, release and arch must not contain '/', '\\' or control characters");
                continue;
            }
            PackageFile earlier = byName.putIfAbsent(name, pkg);
            if (earlier == null) {
                packages.add(pkg);
                continue;
            }
            if (!digestByName.containsKey(name)) {
                digestByName.put(name, digest(earlier.path()));
            }
            if (!digest(pkg.path()).equals(digestByName.get(name))) {
                problems.add(earlier.path() + " and " + pkg.path() + " are different files of the same package "
                        + name + ": a repository holds a package once; leave one of them out");
            }
        }
        return packages;
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

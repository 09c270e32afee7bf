package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/** Gathering packages for a repository: finding them in the caller's sources and copying them in. */
public final class RepositoryPackages {
    private RepositoryPackages() {
    }

    /**
     * The .rpm files a list of sources names: a file stands for itself, a directory for every .rpm
     * file below it (in path order). A source that does not exist, a file not named .rpm, or one
     * that is not a package is an error; all are reported together.
     *
     * @param setting how the caller's configuration calls the list, for the messages
     */
    public static List<Path> find(List<Path> sources, String setting) throws PackagingException {
        List<Path> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path source = sources.get(i);
            String where = setting + "[" + i + "] ";
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    walk.filter(f -> f.getFileName().toString().endsWith(".rpm") && Files.isRegularFile(f)).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new PackagingException("looking for packages in " + source + ": " + e, e);
                }
            } else if (!Files.exists(source)) {
                problems.add(where + source + " does not exist: give a directory of .rpm files or an .rpm file");
            } else if (!source.getFileName().toString().endsWith(".rpm")) {
                problems.add(where + source + " is not an .rpm file: give a directory of .rpm files or an .rpm file");
            } else {
                files.add(source);
            }
            for (Path file : files) {
                try {
                    RpmReader.read(file);
                    found.add(file);
                } catch (PackagingException e) {
                    problems.add(where + file + " is not an rpm package: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PackagingException("collecting the packages of the repository", problems);
        }
        return found;
    }

    /**
     * Copies packages into {@code directory}, each named {@code name-version-release.arch.rpm} as
     * rpmbuild names it (whatever the source file is called, e.g. Maven's {@code artifactId-version.rpm}),
     * keeping modification times, and returns the copies. The same package given twice, from one
     * file or from two with the same bytes, is copied once; a missing file, a file that is not a
     * package, or two different files of one package are errors, reported together before anything
     * is copied.
     */
    public static List<Path> copy(List<Path> packages, Path directory) throws PackagingException {
        String step = "copying packages into " + directory;
        List<String> problems = new ArrayList<>();
        Map<String, Path> sourceByName = new LinkedHashMap<>();
        // Digests only for names given by two files: thousands of packages need not be hashed here for a rare case.
        Map<String, String> digestByName = new LinkedHashMap<>();
        for (Path source : packages) {
            if (!Files.isRegularFile(source)) {
                problems.add(source + " does not exist or is not a file: give the path of an .rpm file");
                continue;
            }
            RpmPackage rpm;
            try {
                rpm = RpmReader.read(source);
            } catch (PackagingException e) {
                problems.add(source + " is not an rpm package: " + e.getMessage());
                continue;
            }
            String name = fileName(rpm);
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")
                    || XmlText.forbiddenCharacter(name).isPresent()) {
                problems.add(source + " names a package " + Quoting.quote(name) + " that cannot be a file name: its name, version,"
                        + " release and arch must not contain '/', '\\' or control characters");
                continue;
            }
            Path earlier = sourceByName.putIfAbsent(name, source);
            if (earlier != null && !earlier.equals(source)) {
                if (!digestByName.containsKey(name)) {
                    digestByName.put(name, digest(earlier, step));
                }
                if (!digest(source, step).equals(digestByName.get(name))) {
                    problems.add(earlier + " and " + source + " are different files of the same package " + name
                            + ": a repository holds a package once; leave one of them out");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PackagingException(step, problems);
        }
        List<Path> copies = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, Path> entry : sourceByName.entrySet()) {
                Path target = directory.resolve(entry.getKey());
                if (!Files.exists(target) || !Files.isSameFile(entry.getValue(), target)) {
                    Files.copy(entry.getValue(), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                copies.add(target);
            }
        } catch (IOException e) {
            throw new PackagingException(step + ": " + e, e);
        }
        return copies;
    }

    private static String digest(Path file, String step) throws PackagingException {
        try {
            return FileDigest.of(file).hex();
        } catch (IOException e) {
            throw new PackagingException(step + ": reading " + file + ": " + e, e);
        }
    }

    /** rpmbuild's name for a package file: {@code name-version-release.arch.rpm}, {@code .src.rpm} for sources. */
    static String fileName(RpmPackage rpm) {
        boolean source = rpm.header().entry(RpmTag.SOURCEPACKAGE.code()).isPresent();
        return rpm.name() + "-" + rpm.version() + "-" + rpm.release() + "."
                + (source ? "src" : rpm.arch().orElse("noarch")) + ".rpm";
    }
}

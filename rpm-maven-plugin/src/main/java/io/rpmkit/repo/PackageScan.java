package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/**
 * Indexes a repository's package files on a pool of as many threads as there are cores, each file
 * read for its SHA-256 and then for its headers; the results, their problems and the indexer's
 * warnings come out in the order of the files, whatever thread finished first. Only the package
 * being read on each thread is held whole; what stays is its metadata.
 *
 * <p>With the previous metadata, a package whose location, size and {@code <time file>} are unchanged
 * keeps its previous metadata without being read, as {@code createrepo_c --update} does (it compares
 * the file's size and modification time and the checksum type, never the checksum:
 * src/dumper_thread.c).
 */
final class PackageScan {
    private final Console console;
    private final long revision;
    private final int changelogLimit;
    private final Map<String, PackageMetadata> previousByLocation;

    /** What the packages' metadata came to: in file order, every problem, how many were kept from before. */
    record Result(List<PackageMetadata> packages, List<String> problems, int reused) {
    }

    /** One file's outcome: its metadata (null when it is not a package), its problems and what it logged. */
    private record Indexed(PackageMetadata metadata, List<String> problems, List<Logged> logged, boolean reused) {
    }

    /** A message the indexer logged on a worker thread, to be passed on in file order. */
    private record Logged(boolean warning, String message) {
        void to(Console target) {
            if (warning) {
                target.warn(message);
            } else {
                target.info(message);
            }
        }
    }

    /**
     * @param previousByLocation the previous repodata's packages by location; empty for a full run
     */
    PackageScan(Console console, long revision, int changelogLimit, Map<String, PackageMetadata> previousByLocation) {
        this.console = console;
        this.revision = revision;
        this.changelogLimit = changelogLimit;
        this.previousByLocation = previousByLocation;
    }

    /** @param files the package files with their locations, in the order the metadata lists them */
    Result index(Map<Path, String> files) throws PackagingException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        List<Indexed> done = new ArrayList<>(files.size());
        if (threads == 1) {
            // One core or one package: no pool, and what indexing allocates is the caller's to measure.
            for (Map.Entry<Path, String> file : files.entrySet()) {
                done.add(indexOne(file.getKey(), file.getValue()));
            }
            return collect(done);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "rpmkit-repository-index");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Indexed>> pending = new ArrayList<>(files.size());
            files.forEach((file, location) -> pending.add(pool.submit(() -> indexOne(file, location))));
            for (Future<Indexed> future : pending) {
                done.add(join(future));
            }
            return collect(done);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The results in file order: what was logged passed on, problems gathered, duplicates found. */
    private Result collect(List<Indexed> done) {
        List<PackageMetadata> packages = new ArrayList<>(done.size());
        List<String> problems = new ArrayList<>();
        Map<String, String> locationByNevra = new LinkedHashMap<>();
        int reused = 0;
        for (Indexed indexed : done) {
            indexed.logged().forEach(logged -> logged.to(console));
            problems.addAll(indexed.problems());
            PackageMetadata pkg = indexed.metadata();
            if (pkg == null) {
                continue;
            }
            String earlier = locationByNevra.putIfAbsent(pkg.nevra(), pkg.location());
            if (earlier != null) {
                problems.add(earlier + " and " + pkg.location() + " are both " + pkg.nevra() + ": a repository"
                        + " holds a package once; remove one of the files");
            }
            packages.add(pkg);
            reused += indexed.reused() ? 1 : 0;
        }
        return new Result(packages, problems, reused);
    }

    private static Indexed join(Future<Indexed> future) throws PackagingException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("interrupted while indexing the packages", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PackagingException packaging) {
                throw packaging;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("indexing a package failed", e.getCause());
        }
    }

    private Indexed indexOne(Path file, String location) throws PackagingException {
        try {
            long fileTime = Math.min(Files.getLastModifiedTime(file).toInstant().getEpochSecond(), revision);
            PackageMetadata previous = previousByLocation.get(location);
            if (previous != null && previous.packageSize() == Files.size(file) && previous.fileTime() == fileTime) {
                return new Indexed(previous, List.of(), List.of(), true);
            }
            FileDigest digest = FileDigest.of(file);
            RpmPackage rpm;
            try {
                rpm = RpmReader.read(file);
            } catch (PackagingException e) {
                return new Indexed(null, List.of(location + " is not an rpm package: " + e.getMessage()
                        + "; remove it from the repository directory or replace it with a package"), List.of(), false);
            }
            if (rpm.fileSize() != digest.size()) {
                return new Indexed(null, List.of(location + " changed while it was read (" + digest.size() + " then "
                        + rpm.fileSize() + " bytes): write the repository when the packages are complete"), List.of(),
                        false);
            }
            List<Logged> logged = new ArrayList<>();
            PackageMetadata pkg = new PackageIndexer(collecting(logged)).index(rpm, location, digest.hex(), fileTime,
                    changelogLimit);
            List<String> problems = new ArrayList<>();
            MetadataXml.unwritable(pkg).forEach(p -> problems.add(location + ": " + p
                    + ", which XML cannot hold: rebuild the package without it"));
            return new Indexed(pkg, problems, logged, false);
        } catch (IOException e) {
            throw new PackagingException("reading " + file + ": " + e, e);
        }
    }

    private static Console collecting(List<Logged> logged) {
        return new Console() {
            @Override
            public void info(String message) {
                logged.add(new Logged(false, message));
            }

            @Override
            public void warn(String message) {
                logged.add(new Logged(true, message));
            }
        };
    }
}

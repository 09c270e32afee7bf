package io.rpmkit.repo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/**
 * Indexes a repository's package files on a pool of as many threads as there are cores: each file
 * is opened once, digested and its headers read, and its metadata rendered into the text of all
 * three metadata files there, on the indexing thread. The results, their problems and the indexer's
 * warnings come out in the order of the files, whatever thread finished first, and go to a
 * {@link Sink} as they come, so that writing the metadata overlaps indexing. At most a few dozen
 * packages per thread are indexed ahead of the one being written.
 *
 * <p>With the previous metadata, a package whose location, size and {@code <time file>} are unchanged
 * keeps its previous metadata without being read, as {@code createrepo_c --update} does (it compares
 * the file's size and modification time and the checksum type, never the checksum:
 * src/dumper_thread.c).
 */
final class PackageScan {
    /** Packages indexed ahead of the one being written, per thread: enough that no thread waits. */
    private static final int AHEAD_PER_THREAD = 32;
    /** Packages up to this size are read into memory once, for their digest and their headers. */
    private static final long WHOLE_FILE = 1 << 20;

    private final Console console;
    private final long revision;
    private final int changelogLimit;
    private final Map<String, PackageMetadata> previousByLocation;
    private final Map<String, KeptRepodata.KeptPackage> keptByLocation;

    /**
     * A package file as the directory walk saw it: its size and modification time in seconds.
     *
     * @param fileName the last part of its path, by which packages are ordered
     */
    record Found(Path file, String fileName, String location, long size, long modified) implements Comparable<Found> {
        /** By file name, then location, as createrepo_c orders packages. */
        @Override
        public int compareTo(Found other) {
            int byName = fileName.compareTo(other.fileName);
            return byName != 0 ? byName : location.compareTo(other.location);
        }
    }

    /** Takes each package for the metadata files, in file order, as long as no problem was found. */
    interface Sink {
        /**
         * @param rendered the package's text in each file, in the order of {@link MetadataXml#values()};
         *     null when it is too long to be held ({@link MetadataXml#fitsInMemory})
         */
        void accept(PackageMetadata pkg, byte[][] rendered) throws IOException;

        /** A package whose text is kept as it is in the previous metadata. */
        void keep(KeptRepodata.KeptPackage pkg) throws IOException;
    }

    /**
     * What the packages' metadata came to: every problem, how many packages there are and how many
     * were kept from before.
     *
     * @param packages in file order, each package read from its file now (not those kept from before)
     */
    record Result(List<PackageMetadata> packages, List<String> problems, int count, int reused) {
    }

    /** One file's outcome: its metadata and text (null when it is not a package or too long), its problems and logs. */
    private record Indexed(PackageMetadata metadata, byte[][] rendered, List<String> problems, List<Logged> logged,
            boolean reused, KeptRepodata.KeptPackage kept) {
        static Indexed problem(String problem) {
            return new Indexed(null, null, List.of(problem), List.of(), false, null);
        }
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
     * @param previousByLocation the previous repodata's packages by location, read back; empty for a
     *     full run, or when the previous text is kept as it is
     * @param keptByLocation the previous repodata's packages whose text can be kept as it is; empty when none
     */
    PackageScan(Console console, long revision, int changelogLimit, Map<String, PackageMetadata> previousByLocation,
            Map<String, KeptRepodata.KeptPackage> keptByLocation) {
        this.console = console;
        this.revision = revision;
        this.changelogLimit = changelogLimit;
        this.previousByLocation = previousByLocation;
        this.keptByLocation = keptByLocation;
    }

    /** @param files the package files, in the order the metadata lists them */
    Result index(List<Found> files, Sink sink) throws PackagingException, IOException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        Collector collector = new Collector(sink);
        if (threads == 1) {
            // One core or one package: no pool, and what indexing allocates is the caller's to measure.
            for (Found file : files) {
                Indexed kept = kept(file);
                collector.accept(kept != null ? kept : indexOne(file));
            }
            return collector.result();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, new DaemonThreads("rpmkit-repository-index"));
        try {
            Iterator<Found> next = files.iterator();
            Deque<Future<Indexed>> pending = new ArrayDeque<>();
            while (next.hasNext() && pending.size() < threads * AHEAD_PER_THREAD) {
                pending.add(submit(pool, next.next()));
            }
            while (!pending.isEmpty()) {
                Indexed indexed = join(pending.poll());
                if (next.hasNext()) {
                    pending.add(submit(pool, next.next()));
                }
                collector.accept(indexed);
            }
            return collector.result();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A package whose text is kept needs no thread: it is taken as it is, here. */
    private Future<Indexed> submit(ExecutorService pool, Found file) {
        Indexed kept = kept(file);
        return kept != null ? CompletableFuture.completedFuture(kept) : pool.submit(new Indexing(file));
    }

    /** A class rather than a lambda, as everything a cold JVM runs per package (see {@link DaemonThreads}). */
    private final class Indexing implements Callable<Indexed> {
        private final Found file;

        Indexing(Found file) {
            this.file = file;
        }

        @Override
        public Indexed call() throws PackagingException {
            return indexOne(file);
        }
    }

    /** The package as the previous metadata has it, if its text is kept; else null. */
    private Indexed kept(Found found) {
        KeptRepodata.KeptPackage kept = keptByLocation.get(found.location());
        if (kept != null && kept.packageSize() == found.size() && kept.fileTime() == fileTime(found)) {
            return new Indexed(null, null, List.of(), List.of(), true, kept);
        }
        return null;
    }

    private long fileTime(Found found) {
        return Math.min(found.modified(), revision);
    }

    /** Takes the results in file order: passes on what was logged, gathers problems, finds duplicates. */
    private final class Collector {
        private final Sink sink;
        private final List<PackageMetadata> packages = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> locationByNevra = new LinkedHashMap<>();
        private int count;
        private int reused;

        Collector(Sink sink) {
            this.sink = sink;
        }

        void accept(Indexed indexed) throws IOException {
            for (Logged logged : indexed.logged()) {
                logged.to(console);
            }
            problems.addAll(indexed.problems());
            PackageMetadata pkg = indexed.metadata();
            KeptRepodata.KeptPackage kept = indexed.kept();
            if (pkg == null && kept == null) {
                return;
            }
            String nevra = kept != null ? kept.nevra() : pkg.nevra();
            String location = kept != null ? kept.location() : pkg.location();
            String earlier = locationByNevra.putIfAbsent(nevra, location);
            if (earlier != null) {
                problems.add(earlier + " and " + location + " are both " + nevra + ": a repository holds a package"
                        + " once; remove one of the files");
            }
            count++;
            reused += indexed.reused() ? 1 : 0;
            if (pkg != null && !indexed.reused()) {
                packages.add(pkg);
            }
            if (problems.isEmpty()) {
                if (kept != null) {
                    sink.keep(kept);
                } else {
                    sink.accept(pkg, indexed.rendered());
                }
            }
        }

        Result result() {
            return new Result(packages, problems, count, reused);
        }
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

    /** Reads a package whose text is not kept: from its file, or from the previous metadata read back. */
    private Indexed indexOne(Found found) throws PackagingException {
        String location = found.location();
        long fileTime = fileTime(found);
        PackageMetadata previous = previousByLocation.get(location);
        if (previous != null && previous.packageSize() == found.size() && previous.fileTime() == fileTime) {
            return new Indexed(previous, rendered(previous), List.of(), List.of(), true, null);
        }
        try (FileChannel channel = FileChannel.open(found.file(), StandardOpenOption.READ)) {
            FileDigest digest;
            RpmPackage rpm;
            try {
                if (found.size() <= WHOLE_FILE) {
                    // One read serves both: a small package costs a handful of system calls, not a dozen.
                    byte[] content = FileDigest.readAll(channel, found.size());
                    digest = FileDigest.of(content);
                    rpm = RpmReader.read(found.file(), content);
                } else {
                    digest = FileDigest.of(channel);
                    rpm = RpmReader.read(found.file(), channel);
                }
            } catch (PackagingException e) {
                return Indexed.problem(location + " is not an rpm package: " + e.getMessage()
                        + "; remove it from the repository directory or replace it with a package");
            }
            if (rpm.fileSize() != digest.size()) {
                return Indexed.problem(location + " changed while it was read (" + digest.size() + " then "
                        + rpm.fileSize() + " bytes): write the repository when the packages are complete");
            }
            List<Logged> logged = new ArrayList<>();
            PackageMetadata pkg = new PackageIndexer(collecting(logged)).index(rpm, location, digest.hex(), fileTime,
                    changelogLimit);
            List<String> problems = new ArrayList<>();
            for (String unwritable : MetadataXml.unwritable(pkg)) {
                problems.add(location + ": " + unwritable + ", which XML cannot hold: rebuild the package without it");
            }
            return new Indexed(pkg, problems.isEmpty() ? rendered(pkg) : null, problems, logged, false, null);
        } catch (IOException e) {
            // Reported with the others, as a file of other bytes is: a file closed to this user, or gone.
            return Indexed.problem(location + " cannot be read (" + e + "): make it readable, or move it out of the"
                    + " directory");
        }
    }

    /** The package's text, rendered here on the indexing thread, unless it is too long to hold. */
    private static byte[][] rendered(PackageMetadata pkg) {
        return MetadataXml.fitsInMemory(pkg) ? MetadataXml.render(pkg) : null;
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

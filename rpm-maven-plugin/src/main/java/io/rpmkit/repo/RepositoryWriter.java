package io.rpmkit.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;

/**
 * Writes the yum/dnf metadata of a directory of packages, as {@code createrepo_c} does by default
 * but without its sqlite databases (dnf and yum read the XML; yum builds its databases itself):
 * {@code repodata/repomd.xml} and, named after the SHA-256 of their compressed bytes,
 * {@code <sha256>-primary.xml.gz}, {@code -filelists.xml.gz} and {@code -other.xml.gz} (or
 * {@code .zst} with zstd, createrepo_c 1.x's default); with a signer also {@code repomd.xml.asc}.
 *
 * <p>Every {@code .rpm} file under the directory is indexed, except under {@code repodata/} and
 * directories whose name starts with a dot; links are followed, and a file several paths reach is
 * listed once ({@link PackageWalk}); packages are listed by file name, then path, as createrepo_c
 * orders them.
 * An .rpm entry that is not a package (a file of other bytes, a link to nothing, a fifo), two files holding the same
 * name-epoch:version-release.arch, or text that XML cannot hold are errors, all reported together;
 * then the old {@code repodata/} stays as it was.
 *
 * <p>Reproducible: no clock is read; the revision stands in for every timestamp, a package's
 * {@code <time file>} is its modification time but never later than the revision, gzip headers
 * carry no time (MTIME 0; zstd frames have none), and the written files get the revision as
 * modification time. The metadata is written next to the old {@code repodata/} and replaces it only
 * when complete. Each package file is opened once for its SHA-256 and its headers, on as many threads
 * as there are cores ({@link PackageScan}), and its text is written while the next ones are indexed
 * ({@link MetadataStreams}); with {@link RepositoryOptions#update()} an unchanged package keeps its
 * previous metadata unread.
 */
public final class RepositoryWriter {
    /** The repository's metadata directory, relative to its root. */
    public static final String REPODATA = "repodata";
    private static final String STAGING = ".repodata.tmp";
    private static final String RETIRED = ".repodata.old";

    private final Console console;

    public RepositoryWriter(Console console) {
        this.console = console;
    }

    public WrittenRepository write(Path directory, RepositoryOptions options) throws PackagingException {
        String step = "writing the yum repository metadata of " + directory;
        if (!Files.isDirectory(directory)) {
            throw new PackagingException(step + ": the directory does not exist: create it and put the .rpm files"
                    + " in it");
        }
        List<String> problems = new ArrayList<>();
        long revision = options.revision().getEpochSecond();
        if (revision < 0) {
            problems.add("revision " + options.revision() + " is before 1970: use a timestamp from 1970 on");
        }
        if (options.changelogLimit() < 0) {
            problems.add("changelogLimit " + options.changelogLimit() + " is negative: use 0 or more (createrepo_c's"
                    + " default is " + RepositoryOptions.DEFAULT_CHANGELOG_LIMIT + ")");
        }
        if (!problems.isEmpty()) {
            throw new PackagingException(step, problems);
        }
        // The previous metadata is read while the directory is walked: each is one thread's work.
        // The reading has a thread of its own: the common pool has a single thread on 2 cores.
        CompletableFuture<Previous> reading = options.update()
                ? CompletableFuture.supplyAsync(() -> Previous.of(directory),
                        new DaemonThreads("rpmkit-previous-metadata"))
                : CompletableFuture.completedFuture(Previous.NONE);
        PackageWalk.Walked walked = findPackages(directory);
        List<PackageScan.Found> found = walked.found();
        Previous previous = previous(reading);
        PackageScan scan = new PackageScan(console, revision, options.changelogLimit(), previous.byLocation(),
                previous.kept() == null ? Map.of() : previous.kept().byLocation());
        Path staging = directory.resolve(STAGING);
        boolean written = false;
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            PackageScan.Result result;
            List<RepomdRecord> records;
            // Every package file must become a package, or nothing is kept: the count is known now.
            try (MetadataStreams streams = MetadataStreams.open(staging, found.size(), options.compression())) {
                result = scan.index(found, new PackageScan.Sink() {
                    @Override
                    public void accept(PackageMetadata pkg, byte[][] rendered) throws IOException {
                        streams.append(pkg, rendered);
                    }

                    @Override
                    public void keep(KeptRepodata.KeptPackage pkg) throws IOException {
                        streams.keep(previous.kept(), pkg);
                    }
                });
                // What the walk found that is not a package, with what indexing found: all at once.
                List<String> everything = new ArrayList<>(walked.problems());
                everything.addAll(result.problems());
                if (!everything.isEmpty()) {
                    throw new PackagingException(step, everything);
                }
                records = streams.finish(revision, FileTime.from(options.revision()));
            }
            WrittenRepository repository = replaceRepodata(directory, staging, records, result, revision, options);
            written = true;
            console.info("Wrote the metadata of " + result.count() + (result.count() == 1 ? " package" : " packages")
                    + (options.update() ? " (" + result.reused() + " unchanged, kept from the previous metadata)" : "")
                    + " to " + repository.repomd().getParent() + " (revision " + revision + ")");
            return repository;
        } catch (IOException e) {
            throw new PackagingException(step + ": " + e, e);
        } finally {
            if (!written) {
                deleteQuietly(staging);
            }
        }
    }

    /**
     * The previous repodata, for an update; nothing for a full run or when there is none. When we
     * wrote it (gzip in the {@link IndexedGzip} layout, or zstd ending with {@link ZstdMark}), its
     * packages' text is kept as it is ({@link KeptRepodata}); otherwise it is read back and rendered
     * again. Previous metadata that cannot be read (damaged, another checksum type) only costs time:
     * every package is indexed again, with a warning that says why.
     *
     * @param byLocation the packages read back, by location; empty when kept
     * @param kept the packages whose text is kept; null when read back, or none
     * @param unusable why the previous metadata cannot be used; null when it can, or when there is none
     */
    private record Previous(Map<String, PackageMetadata> byLocation, KeptRepodata kept, String unusable) {
        static final Previous NONE = new Previous(Map.of(), null, null);

        static Previous of(Path directory) {
            if (!Files.exists(directory.resolve(REPODATA).resolve("repomd.xml"))) {
                return NONE;
            }
            try {
                Optional<KeptRepodata> kept = KeptRepodata.read(directory);
                if (kept.isPresent()) {
                    return new Previous(Map.of(), kept.get(), null);
                }
                Map<String, PackageMetadata> byLocation = new HashMap<>();
                for (PackageMetadata pkg : RepodataReader.read(directory).packages()) {
                    byLocation.putIfAbsent(pkg.location(), pkg);
                }
                return new Previous(byLocation, null, null);
            } catch (PackagingException e) {
                return new Previous(Map.of(), null, e.getMessage());
            }
        }
    }

    private Previous previous(CompletableFuture<Previous> reading) {
        Previous previous = reading.join(); // only PackagingException is caught inside: anything else is a bug
        if (previous.unusable() != null) {
            console.warn("update: the previous metadata cannot be used (" + previous.unusable() + "); indexing every"
                    + " package again");
        }
        return previous;
    }

    /** The .rpm files, ordered by file name, then path, with the size and time the walk saw; and what is not a package. */
    private static PackageWalk.Walked findPackages(Path directory) throws PackagingException {
        PackageWalk.Walked walked;
        try {
            walked = PackageWalk.walk(directory, false);
        } catch (IOException e) {
            throw new PackagingException("looking for packages in " + directory + ": " + e, e);
        }
        List<PackageScan.Found> found = new ArrayList<>(walked.found());
        Collections.sort(found);
        return new PackageWalk.Walked(found, walked.fileKeys(), walked.problems());
    }

    /**
     * Whether the packages below {@code dir}, a directory below {@code root}, are left out of the
     * repository: those under its {@code repodata/} and under directories whose name starts with a dot
     * (ours while writing, {@code .repodata.tmp}, and createrepo_c's), as createrepo_c leaves them out.
     */
    static boolean skipsDirectory(Path root, Path dir) {
        return !dir.equals(root)
                && (dir.getFileName().toString().startsWith(".") || dir.equals(root.resolve(REPODATA)));
    }

    /** Writes repomd.xml (and its signature) beside the metadata files, then puts the staging directory in place. */
    private WrittenRepository replaceRepodata(Path directory, Path staging, List<RepomdRecord> records,
            PackageScan.Result result, long revision, RepositoryOptions options)
            throws IOException, PackagingException {
        FileTime time = FileTime.from(options.revision());
        byte[] repomd = RepomdXml.render(Long.toString(revision), records).getBytes(StandardCharsets.UTF_8);
        Files.write(staging.resolve("repomd.xml"), repomd);
        Files.setLastModifiedTime(staging.resolve("repomd.xml"), time);
        boolean signed = false;
        if (options.signer() != null) {
            String signature = options.signer().detachedArmored(repomd);
            Path asc = staging.resolve("repomd.xml.asc");
            Files.writeString(asc, signature, StandardCharsets.US_ASCII);
            Files.setLastModifiedTime(asc, time);
            signed = true;
        }
        Path repodata = directory.resolve(REPODATA);
        Path retired = directory.resolve(RETIRED);
        deleteTree(retired);
        if (Files.exists(repodata)) {
            Files.move(repodata, retired);
        }
        Files.move(staging, repodata);
        deleteTree(retired);
        return new WrittenRepository(directory, repodata.resolve("repomd.xml"),
                signed ? Optional.of(repodata.resolve("repomd.xml.asc")) : Optional.empty(),
                Long.toString(revision), records, result.packages(), result.count());
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            // Left behind only when it cannot be removed; the next run deletes it before writing.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

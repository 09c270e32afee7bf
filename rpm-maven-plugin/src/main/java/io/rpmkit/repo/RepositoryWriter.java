package io.rpmkit.repo;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.Digests;
import io.rpmkit.payload.DigestingOutputStream;

/**
 * Writes the yum/dnf metadata of a directory of packages, as {@code createrepo_c} does by default
 * but without its sqlite databases (dnf and yum read the XML; yum builds its databases itself):
 * {@code repodata/repomd.xml} and, named after the SHA-256 of their compressed bytes,
 * {@code <sha256>-primary.xml.gz}, {@code -filelists.xml.gz} and {@code -other.xml.gz} (or
 * {@code .zst} with zstd, createrepo_c 1.x's default); with a signer also {@code repomd.xml.asc}.
 *
 * <p>Every {@code .rpm} file under the directory is indexed, except under {@code repodata/} and
 * directories whose name starts with a dot; packages are listed by file name, then path, as
 * createrepo_c orders them. A file that is not a package, two files holding the same
 * name-epoch:version-release.arch, or text that XML cannot hold are errors, all reported together
 * before anything is written.
 *
 * <p>Reproducible: no clock is read; the revision stands in for every timestamp, a package's
 * {@code <time file>} is its modification time but never later than the revision, gzip headers
 * carry no time (Java writes MTIME 0; zstd frames have none), and the written files get the revision as modification
 * time. The metadata is written next to the old {@code repodata/} and replaces it only when complete.
 * Each package file is read once for its SHA-256 and once more for its headers, on as many threads
 * as there are cores ({@link PackageScan}); with {@link RepositoryOptions#update()} an unchanged
 * package keeps its previous metadata unread. Metadata is streamed through the compressor and both
 * digests in one pass.
 */
public final class RepositoryWriter {
    /** The repository's metadata directory, relative to its root. */
    public static final String REPODATA = "repodata";
    private static final String STAGING = ".repodata.tmp";
    private static final String RETIRED = ".repodata.old";
    private static final int BUFFER = 64 * 1024;

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
        PackageScan.Result scan = index(directory, options, revision);
        if (!scan.problems().isEmpty()) {
            throw new PackagingException(step, scan.problems());
        }
        List<PackageMetadata> packages = scan.packages();
        try {
            WrittenRepository written = writeMetadata(directory, packages, revision, options);
            console.info("Wrote the metadata of " + packages.size() + (packages.size() == 1 ? " package" : " packages")
                    + (options.update() ? " (" + scan.reused() + " unchanged, kept from the previous metadata)" : "")
                    + " to " + written.repomd().getParent() + " (revision " + revision + ")");
            return written;
        } catch (IOException e) {
            throw new PackagingException(step + ": " + e, e);
        }
    }

    private PackageScan.Result index(Path directory, RepositoryOptions options, long revision)
            throws PackagingException {
        Map<Path, String> files = new LinkedHashMap<>();
        for (Path file : findPackages(directory)) {
            files.put(file, location(directory, file));
        }
        return new PackageScan(console, revision, options.changelogLimit(), previousPackages(directory, options))
                .index(files);
    }

    /**
     * The previous repodata's packages by location, for an update; none for a full run or when there
     * is no previous repodata. Previous metadata that cannot be read (damaged, another checksum type)
     * only costs time: every package is indexed again, with a warning that says why.
     */
    private Map<String, PackageMetadata> previousPackages(Path directory, RepositoryOptions options) {
        if (!options.update() || !Files.exists(directory.resolve(REPODATA).resolve("repomd.xml"))) {
            return Map.of();
        }
        try {
            Map<String, PackageMetadata> byLocation = new HashMap<>();
            for (PackageMetadata pkg : RepodataReader.read(directory).packages()) {
                byLocation.putIfAbsent(pkg.location(), pkg);
            }
            return byLocation;
        } catch (PackagingException e) {
            console.warn("update: the previous metadata cannot be used (" + e.getMessage() + "); indexing every"
                    + " package again");
            return Map.of();
        }
    }

    /** The .rpm files, ordered by file name, then path. */
    private static List<Path> findPackages(Path directory) throws PackagingException {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(directory)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    boolean skip = name.startsWith(".") || dir.equals(directory.resolve(REPODATA));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".rpm") && Files.isRegularFile(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PackagingException("looking for packages in " + directory + ": " + e, e);
        }
        found.sort(Comparator.comparing((Path p) -> p.getFileName().toString())
                .thenComparing(p -> location(directory, p)));
        return found;
    }

    private static String location(Path directory, Path file) {
        return directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private WrittenRepository writeMetadata(Path directory, List<PackageMetadata> packages, long revision,
            RepositoryOptions options) throws IOException, PackagingException {
        Path staging = directory.resolve(STAGING);
        deleteTree(staging);
        Files.createDirectories(staging);
        FileTime time = FileTime.from(options.revision());
        List<RepomdRecord> records = new ArrayList<>();
        for (MetadataXml kind : MetadataXml.values()) {
            records.add(writeCompressed(staging, kind, packages, revision, time, options.compression()));
        }
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
                Long.toString(revision), records, packages);
    }

    /** One metadata file, streamed package by package through both digests and compression, then named after its checksum. */
    private static RepomdRecord writeCompressed(Path staging, MetadataXml kind, List<PackageMetadata> packages,
            long revision, FileTime time, MetadataCompression compression) throws IOException {
        Path partial = staging.resolve(kind.type() + ".xml.part");
        DigestingOutputStream compressed;
        DigestingOutputStream open;
        try (OutputStream file = Files.newOutputStream(partial)) {
            compressed = new DigestingOutputStream(new BufferedOutputStream(file, BUFFER), Digests.sha256());
            open = new DigestingOutputStream(compression.compress(compressed), Digests.sha256());
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(open, StandardCharsets.UTF_8), BUFFER)) {
                writer.write(kind.opening(packages.size()));
                for (PackageMetadata pkg : packages) {
                    kind.appendPackage(writer, pkg);
                }
                writer.write(kind.closing());
            }
        }
        String checksum = Digests.hex(compressed.digest());
        Path target = staging.resolve(kind.fileName(checksum, compression));
        Files.move(partial, target);
        Files.setLastModifiedTime(target, time);
        return new RepomdRecord(kind.type(), checksum, Digests.hex(open.digest()),
                REPODATA + "/" + target.getFileName(), revision, compressed.count(), open.count());
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

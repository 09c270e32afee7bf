package io.rpmkit.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.stream.XMLInputFactory;

import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.format.Digests;

/**
 * Reads a repository's metadata back, ours or createrepo_c's, with the JDK's streaming XML parser:
 * repomd.xml, then primary, filelists and other side by side, one package at a time, joined by pkgid
 * into {@link PackageMetadata}. createrepo_c and our writer list the packages in the same order in
 * the three files; a package out of order is found by reading on and keeping what was passed over,
 * so memory holds the packages read, not the documents. Each file's compressed bytes are checked
 * against the size and SHA-256 checksum repomd.xml states before they are parsed, its uncompressed
 * bytes against the open-size and open-checksum as they stream, and nothing is returned before all
 * of them passed. Treats the files as untrusted: no DTDs or external entities, no more bytes
 * decompressed than repomd.xml announces. Only gzip- or zstd-compressed metadata with SHA-256
 * checksums is read, createrepo_c's defaults.
 */
public final class RepodataReader {
    /** The most a metadata file may decompress to when repomd.xml states no size. */
    static final long MAX_OPEN_SIZE = 1L << 30;

    private final Path repository;
    private final XMLInputFactory factory = XmlCursor.factory();

    private RepodataReader(Path repository) {
        this.repository = repository;
    }

    public static Repodata read(Path repository) throws PackagingException {
        return new RepodataReader(repository).read();
    }

    /** repomd.xml's revision and its {@code <data>} entries. */
    record Repomd(String revision, List<RepomdRecord> records) {
        RepomdRecord record(MetadataXml kind, String where) throws PackagingException {
            return records.stream().filter(r -> r.type().equals(kind.type())).findFirst().orElseThrow(
                    () -> new PackagingException(where + ": no <data type=\"" + kind.type() + "\">; a repository has"
                            + " primary, filelists and other"));
        }
    }

    private Repomd repomd() throws PackagingException {
        Path repomdPath = repomdPath();
        String where = "reading " + repomdPath;
        MetadataInput repomdBytes = new MetadataInput(new ByteArrayInputStream(readFile(repomdPath)), where,
                "unreadable", -1, "", Long.MAX_VALUE);
        XmlCursor repomd = XmlCursor.open(factory, repomdBytes, repomdPath.toString(), "repomd");
        String revision = null;
        List<RepomdRecord> records = new ArrayList<>();
        for (String child; (child = repomd.nextChild(1)) != null;) {
            switch (child) {
                case "revision" -> revision = firstText(revision, repomd);
                case "data" -> records.add(record(repomd, where));
                default -> {
                    // other elements (tags, sqlite databases' extras) say nothing this reader needs
                }
            }
        }
        repomd.finish();
        return new Repomd(revision == null ? "" : revision, records);
    }

    private Path repomdPath() {
        return repository.resolve(RepositoryWriter.REPODATA).resolve("repomd.xml");
    }

    private Repodata read() throws PackagingException {
        String where = "reading " + repomdPath();
        Repomd repomd = repomd();
        List<MetadataInput> inputs = new ArrayList<>();
        List<Companion<?>> companions = new ArrayList<>();
        try {
            List<XmlCursor> cursors = new ArrayList<>();
            for (MetadataXml kind : MetadataXml.values()) {
                RepomdRecord record = repomd.record(kind, where);
                MetadataInput input = input(record);
                inputs.add(input);
                cursors.add(XmlCursor.open(factory, input, record.location(), kind.root()));
            }
            // filelists and other are parsed on threads of their own; each finishes its own file.
            Companion<List<MetadataFile>> filelists = new Companion<>(cursors.get(1), "filelists",
                    RepodataReader::fileList);
            companions.add(filelists);
            Companion<List<MetadataChangelog>> other = new Companion<>(cursors.get(2), "other",
                    RepodataReader::changelog);
            companions.add(other);
            List<PackageMetadata> packages = join(where, cursors.get(0), filelists, other);
            cursors.get(0).finish();
            return new Repodata(repomd.revision(), repomd.records(), packages);
        } catch (PackagingException e) {
            companions.forEach(Companion::stop); // the files are the caller's again before they are checked
            throw firstDamage(inputs, e);
        } finally {
            companions.forEach(Companion::stop);
            for (MetadataInput input : inputs) {
                closeDecompressor(input);
            }
        }
    }

    private RepomdRecord record(XmlCursor data, String where) throws PackagingException {
        String type = data.attribute("type");
        String checksum = null;
        String checksumType = null;
        String openChecksum = null;
        String openChecksumType = null;
        String location = null;
        String timestamp = null;
        String size = null;
        String openSize = null;
        int level = data.depth();
        for (String child; (child = data.nextChild(level)) != null;) {
            switch (child) {
                case "checksum" -> {
                    if (checksum == null) {
                        checksumType = data.attribute("type");
                        checksum = data.text();
                    }
                }
                case "open-checksum" -> {
                    if (openChecksum == null) {
                        openChecksumType = data.attribute("type");
                        openChecksum = data.text();
                    }
                }
                case "location" -> location = location != null ? location : data.attribute("href");
                case "timestamp" -> timestamp = firstText(timestamp, data);
                case "size" -> size = firstText(size, data);
                case "open-size" -> openSize = firstText(openSize, data);
                default -> {
                    // e.g. database_version of createrepo_c's sqlite files
                }
            }
        }
        require(checksum, "checksum", where + " <data type=\"" + type + "\">");
        for (String sumType : openChecksum != null ? List.of(checksumType, openChecksumType) : List.of(checksumType)) {
            if (!"sha256".equals(sumType)) {
                throw new PackagingException(where + ": <data type=\"" + type + "\"> has a " + sumType
                        + " checksum; this reader accepts sha256, createrepo_c's default");
            }
        }
        require(location, "location", where);
        return new RepomdRecord(type, checksum.strip(), openChecksum == null ? "" : openChecksum.strip(), location,
                number(timestamp == null ? "0" : timestamp, where), number(require(size, "size", where), where),
                number(openSize == null ? "-1" : openSize, where));
    }

    /** A metadata file's uncompressed bytes as a stream, after checking its compressed size and checksum. */
    private MetadataInput input(RepomdRecord record) throws PackagingException {
        String where = "reading " + record.location();
        MetadataCompression compression = compression(record, where);
        byte[] compressed = compressed(repository, record);
        String damage = "not " + compression.settingName() + " data";
        InputStream open;
        try {
            open = compression.decompress(new ByteArrayInputStream(compressed));
        } catch (IOException | RuntimeException e) {
            throw new PackagingException(where + ": " + damage + ": " + e, e);
        }
        return new MetadataInput(open, where, damage, record.openSize(), record.openChecksum(), MAX_OPEN_SIZE);
    }

    private static MetadataCompression compression(RepomdRecord record, String where) throws PackagingException {
        return MetadataCompression.ofLocation(record.location()).orElseThrow(
                () -> new PackagingException(where + ": only gzip- and zstd-compressed metadata is read (.xml.gz,"
                        + " .xml.zst: createrepo_c's defaults)"));
    }

    /**
     * A metadata file's compressed bytes, after checking their size and checksum against repomd.xml.
     * Held compressed (a small part of the open size), so the bytes checked are the bytes parsed.
     */
    static byte[] compressed(Path repository, RepomdRecord record) throws PackagingException {
        String where = "reading " + record.location();
        Path file = repository.resolve(record.location()).normalize();
        if (!file.startsWith(repository.normalize())) {
            throw new PackagingException(where + ": the location leaves the repository");
        }
        byte[] compressed = readFile(file);
        check(where, "size", Long.toString(record.size()), Long.toString(compressed.length));
        check(where, "checksum", record.checksum(), Digests.hex(Digests.sha256().digest(compressed)));
        return compressed;
    }

    /** primary.xml's packages in its order, each joined with its file list and changelog. */
    private static List<PackageMetadata> join(String where, XmlCursor primary, Companion<List<MetadataFile>> filelists,
            Companion<List<MetadataChangelog>> other) throws PackagingException {
        List<PackageMetadata> packages = new ArrayList<>();
        for (String child; (child = primary.nextChild(1)) != null;) {
            if (child.equals("package")) {
                packages.add(packageOf(PrimaryElement.read(primary), filelists, other));
            }
        }
        int filelistsCount = filelists.finish();
        int otherCount = other.finish();
        if (filelistsCount != packages.size() || otherCount != packages.size()) {
            throw new PackagingException(where + ": primary lists " + packages.size() + " packages, filelists "
                    + filelistsCount + " and other " + otherCount + "; they must list the same packages");
        }
        return packages;
    }

    private static PackageMetadata packageOf(PrimaryElement pkg, Companion<List<MetadataFile>> filelists,
            Companion<List<MetadataChangelog>> other) throws PackagingException {
        String pkgid = pkg.pkgid();
        List<MetadataFile> files = filelists.take(pkgid);
        List<MetadataChangelog> changes = other.take(pkgid);
        if (files == null || changes == null) {
            throw new PackagingException(pkg.where() + ": pkgid " + pkgid + " is missing from "
                    + (files == null ? "filelists.xml" : "other.xml"));
        }
        return pkg.metadata(files, changes);
    }

    /**
     * One filelists.xml {@code <package>}'s files. Consecutive files in the same directory share its
     * string, as the writer's do: a package may list thousands of files under one long directory.
     */
    private static List<MetadataFile> fileList(XmlCursor pkg) throws PackagingException {
        String where = "filelists.xml package " + pkg.attribute("name");
        List<MetadataFile> files = new ArrayList<>();
        String directory = "";
        int level = pkg.depth();
        for (String child; (child = pkg.nextChild(level)) != null;) {
            if (child.equals("file")) {
                String type = pkg.attribute("type");
                String path = pkg.text();
                MetadataFile.Type kind = fileType(path, type, where);
                int basename = path.lastIndexOf('/') + 1;
                if (basename != directory.length() || !path.startsWith(directory)) {
                    directory = path.substring(0, basename);
                }
                files.add(new MetadataFile(directory, path.substring(basename), kind));
            }
        }
        return files;
    }

    private static List<MetadataChangelog> changelog(XmlCursor pkg) throws PackagingException {
        String where = "other.xml package " + pkg.attribute("name");
        List<MetadataChangelog> entries = new ArrayList<>();
        int level = pkg.depth();
        for (String child; (child = pkg.nextChild(level)) != null;) {
            if (child.equals("changelog")) {
                String author = pkg.attribute("author");
                long date = number(pkg.attribute("date"), where);
                entries.add(new MetadataChangelog(author, date, pkg.text()));
            }
        }
        return entries;
    }

    static MetadataFile.Type fileType(String path, String type, String where) throws PackagingException {
        return MetadataFile.Type.ofAttribute(type).orElseThrow(() -> new PackagingException(
                where + ": file " + path + " has type " + Quoting.quote(type) + "; known are dir and ghost"));
    }

    /**
     * A file that does not match repomd.xml explains whatever else went wrong reading it (malformed
     * XML, a package missing): that is the problem to report, checked in primary, filelists, other order.
     */
    private static PackagingException firstDamage(List<MetadataInput> inputs, PackagingException problem) {
        for (MetadataInput input : inputs) {
            try {
                input.finish();
            } catch (PackagingException damage) {
                if (damage != problem) {
                    damage.addSuppressed(problem);
                }
                return damage;
            }
        }
        return problem;
    }

    /** Frees the inflater or zstd's native buffers now; the bytes were read from memory, nothing can fail. */
    private static void closeDecompressor(MetadataInput input) {
        try {
            input.release();
        } catch (IOException e) {
            // reading is over: closing an in-memory decompressor changes nothing that was read
        }
    }

    private static byte[] readFile(Path file) throws PackagingException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PackagingException("reading " + file + ": the file does not exist; is this a yum repository?", e);
        } catch (IOException e) {
            throw new PackagingException("reading " + file + ": " + e, e);
        }
    }

    private static void check(String where, String what, String stated, String actual) throws PackagingException {
        if (!stated.equals(actual)) {
            throw new PackagingException(where + ": repomd.xml states " + what + " " + stated + ", the file has "
                    + actual);
        }
    }

    static long number(String value, String where) throws PackagingException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new PackagingException(where + ": " + Quoting.quote(value) + " is not a number");
        }
    }

    /** The value of an element that must be there; {@code null} when the element was not. */
    static String require(String value, String element, String where) throws PackagingException {
        if (value == null) {
            throw new PackagingException(where + ": no <" + element + ">");
        }
        return value;
    }

    /** The current element's text, unless an element of that name came before: the first one counts. */
    static String firstText(String earlier, XmlCursor cursor) throws PackagingException {
        return earlier != null ? earlier : cursor.text();
    }

    /** Reads the {@code <package>} a cursor is at, which the caller has taken the pkgid of. */
    @FunctionalInterface
    private interface PackageReader<T> {
        T read(XmlCursor pkg) throws PackagingException;
    }

    /**
     * filelists.xml or other.xml, read alongside primary.xml: each package is taken by pkgid, which
     * is the next one when the files are in the same order; packages passed over on the way to
     * another are kept until primary.xml asks for them.
     */
    /**
     * filelists.xml or other.xml, parsed on a thread of its own while primary.xml is parsed here, and
     * handed over package by package; packages are kept until primary.xml asks for them, so the files
     * may list them in any order. The thread ends with the file, or when it is {@link #stop stopped}.
     */
    private static final class Companion<T> {
        /** Parsed packages not yet taken over: enough that neither thread waits for the other. */
        private static final int QUEUED = 256;

        private final String file;
        private final BlockingQueue<Parsed<T>> parsed = new ArrayBlockingQueue<>(QUEUED);
        private final Thread parser;
        private final Map<String, T> ahead = new HashMap<>();
        private final Set<String> taken = new HashSet<>();
        private int count;
        private boolean ended;

        /** One package of the file; or, as the last, its end ({@code pkgid} null) or why it could not be read. */
        private record Parsed<T>(String pkgid, T value, Exception failure) {
        }

        Companion(XmlCursor cursor, String file, PackageReader<T> reader) {
            this.file = file;
            this.parser = new Thread(() -> parse(cursor, reader), "rpmkit-repodata-" + file);
            parser.setDaemon(true);
            parser.start();
        }

        private void parse(XmlCursor cursor, PackageReader<T> reader) {
            try {
                Parsed<T> last = new Parsed<>(null, null, null);
                try {
                    for (String child; (child = cursor.nextChild(1)) != null;) {
                        if (child.equals("package")) {
                            String pkgid = cursor.attribute("pkgid");
                            parsed.put(new Parsed<>(pkgid, reader.read(cursor), null));
                        }
                    }
                    cursor.finish();
                } catch (PackagingException | RuntimeException e) {
                    last = new Parsed<>(null, null, e);
                }
                parsed.put(last);
            } catch (InterruptedException e) {
                // Stopped: the reader failed elsewhere and wants the file to itself.
            }
        }

        /** The package's entry, or {@code null} when the file does not list it (again). */
        T take(String pkgid) throws PackagingException {
            while (!ahead.containsKey(pkgid) && readNext()) {
                // kept in ahead until asked for
            }
            T entry = ahead.remove(pkgid);
            if (entry != null) {
                taken.add(pkgid);
            }
            return entry;
        }

        /** Takes the packages nobody asked for and waits for the file's end; how many packages it lists. */
        int finish() throws PackagingException {
            while (readNext()) {
                // counted
            }
            stop();
            return count;
        }

        /** Ends the parsing thread and waits for it, so that the file can be read by the caller again. */
        void stop() {
            parser.interrupt();
            boolean interrupted = false;
            while (parser.isAlive()) {
                try {
                    parser.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean readNext() throws PackagingException {
            if (ended) {
                return false;
            }
            Parsed<T> next;
            try {
                next = parsed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PackagingException("reading " + file + ".xml: interrupted", e);
            }
            if (next.pkgid() == null) {
                ended = true;
                if (next.failure() instanceof PackagingException failure) {
                    throw failure;
                }
                if (next.failure() instanceof RuntimeException failure) {
                    throw failure;
                }
                return false;
            }
            if (taken.contains(next.pkgid()) || ahead.containsKey(next.pkgid())) {
                throw new PackagingException("reading " + file + ".xml: pkgid " + next.pkgid() + " is listed twice");
            }
            ahead.put(next.pkgid(), next.value());
            count++;
            return true;
        }
    }
}

package io.rpmkit.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Digests;

/**
 * The previous repodata as an update keeps it when we wrote it, gzip in the {@link IndexedGzip}
 * layout or zstd ending with {@link ZstdMark}: each package's text in the three files, by location,
 * with what decides whether it is kept (its size and {@code <time file>}) and its
 * name-epoch:version-release.arch, without parsing the XML. The files are checked as
 * {@link RepodataReader} checks them (size and checksum against repomd.xml, gzip's CRC-32, open-size
 * and open-checksum), and must be laid out exactly as our writer lays them out: the same packages, in
 * the same order, in all three. Only gzip chunks can be copied as they are; a zstd file's kept texts
 * are compressed again, which costs little beside parsing them. Anything else (createrepo_c's
 * metadata, whose text differs from ours in places, such as 1.2.1's attribute encoding in other.xml;
 * damage) gives {@link Optional#empty()}, and the caller reads the previous metadata the ordinary way,
 * which reports what is wrong: an update writes the bytes of a full run.
 */
final class KeptRepodata {
    /** primary.xml's and the companions' markers, as bytes: made once per read, searched for in every package. */
    private static final class Markers {
        final byte[] primaryStart = bytes("<package type=\"rpm\">\n  <name>");
        final byte[] arch = bytes("</name>\n  <arch>");
        final byte[] epoch = bytes("</arch>\n  <version epoch=\"");
        final byte[] ver = bytes("\" ver=\"");
        final byte[] rel = bytes("\" rel=\"");
        final byte[] checksum = bytes("\"/>\n  <checksum type=\"sha256\" pkgid=\"YES\">");
        final byte[] checksumEnd = bytes("</checksum>\n");
        final byte[] time = bytes("\n  <time file=\"");
        final byte[] size = bytes("\n  <size package=\"");
        final byte[] location = bytes("\n  <location href=\"");
        final byte[] quote = bytes("\"");
        final byte[] locationEnd = bytes("\"/>\n");
    }

    private static final int PKGID_LENGTH = 64;
    /** More than any repomd.xml we write (about 1.5 KB): such a file is read the ordinary way. */
    private static final long MAX_REPOMD = 1 << 20;
    private static final Pattern REVISION = Pattern.compile("\\A<\\?xml [^\\n]*\\n<repomd [^\\n]*>\\n  <revision>([^<]*)"
            + "</revision>\\n");
    private static final Pattern DATA = Pattern.compile("  <data type=\"(\\w+)\">\\n"
            + "    <checksum type=\"sha256\">([0-9a-f]{64})</checksum>\\n"
            + "    <open-checksum type=\"sha256\">([0-9a-f]{64})</open-checksum>\\n"
            + "    <location href=\"([^\"]*)\"/>\\n"
            + "    <timestamp>(\\d{1,18})</timestamp>\\n"
            + "    <size>(\\d{1,18})</size>\\n"
            + "    <open-size>(\\d{1,18})</open-size>\\n"
            + "  </data>\\n");

    /** A package of the previous metadata; {@code index} is its place in each of the three files. */
    record KeptPackage(String location, String nevra, String pkgid, long packageSize, long fileTime, int index) {
    }

    private final Map<String, KeptPackage> byLocation;
    private final List<PreviousFile> files;

    private KeptRepodata(Map<String, KeptPackage> byLocation, List<PreviousFile> files) {
        this.byLocation = byLocation;
        this.files = files;
    }

    Map<String, KeptPackage> byLocation() {
        return byLocation;
    }

    /** The previous file of this kind. */
    PreviousFile file(MetadataXml kind) {
        return files.get(kind.ordinal());
    }

    /**
     * @throws PackagingException when repomd.xml or a file it names cannot be read or does not match
     *     it: the ordinary reader would find the same
     */
    static Optional<KeptRepodata> read(Path repository) throws PackagingException {
        Optional<List<RepomdRecord>> ours = ourRepomd(repository);
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        List<RepomdRecord> records = ours.get();
        Optional<MetadataCompression> compression = MetadataCompression.ofLocation(records.get(0).location());
        for (RepomdRecord record : records) {
            if (compression.isEmpty() || !MetadataCompression.ofLocation(record.location()).equals(compression)) {
                return Optional.empty(); // not all three compressed alike, as we write them
            }
        }
        // Each file is inflated and split alone: filelists and other on threads of their own, primary here.
        Map<MetadataXml, CompletableFuture<Optional<PreviousFile>>> companions = new EnumMap<>(MetadataXml.class);
        for (MetadataXml kind : List.of(MetadataXml.FILELISTS, MetadataXml.OTHER)) {
            companions.put(kind, onItsOwnThread(repository, records.get(kind.ordinal()), kind, compression.get()));
        }
        // primary's packages are read here while the companions are still being inflated.
        Optional<PreviousFile> primary = previousFile(repository, records.get(MetadataXml.PRIMARY.ordinal()),
                MetadataXml.PRIMARY, compression.get());
        Optional<Map<String, KeptPackage>> byLocation = primary.isPresent() ? primaryPackages(primary.get())
                : Optional.empty();
        List<PreviousFile> files = new ArrayList<>();
        for (MetadataXml kind : MetadataXml.values()) {
            Optional<PreviousFile> previous = kind == MetadataXml.PRIMARY ? primary : join(companions.get(kind));
            if (previous.isEmpty() || byLocation.isEmpty()) {
                return Optional.empty();
            }
            files.add(previous.get());
        }
        if (!companionsAgree(files, byLocation.get().values())) {
            return Optional.empty();
        }
        return Optional.of(new KeptRepodata(byLocation.get(), List.copyOf(files)));
    }

    /**
     * repomd.xml's primary, filelists and other, in that order, when the file is exactly what
     * {@link RepomdXml} renders for them (so no XML parser need start); else empty.
     */
    private static Optional<List<RepomdRecord>> ourRepomd(Path repository) {
        Path path = repository.resolve(RepositoryWriter.REPODATA).resolve("repomd.xml");
        String text;
        try {
            if (Files.size(path) > MAX_REPOMD) {
                return Optional.empty();
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // unreadable, or not UTF-8: the ordinary reader says what is wrong
        }
        Matcher revision = REVISION.matcher(text);
        if (!revision.find()) {
            return Optional.empty();
        }
        List<RepomdRecord> records = new ArrayList<>();
        Matcher data = DATA.matcher(text);
        for (MetadataXml kind : MetadataXml.values()) {
            if (!data.find() || !data.group(1).equals(kind.type())) {
                return Optional.empty();
            }
            try {
                records.add(new RepomdRecord(kind.type(), data.group(2), data.group(3),
                        XmlText.unescape(data.group(4)), Long.parseLong(data.group(5)), Long.parseLong(data.group(6)),
                        Long.parseLong(data.group(7))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        try {
            String rendered = RepomdXml.render(XmlText.unescape(revision.group(1)), records);
            return rendered.equals(text) ? Optional.of(records) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CompletableFuture<Optional<PreviousFile>> onItsOwnThread(Path repository, RepomdRecord record,
            MetadataXml kind, MetadataCompression compression) {
        CompletableFuture<Optional<PreviousFile>> file = new CompletableFuture<>();
        new DaemonThreads("rpmkit-previous-" + kind.type()).execute(() -> {
            try {
                file.complete(previousFile(repository, record, kind, compression));
            } catch (PackagingException | RuntimeException | Error e) {
                file.completeExceptionally(e); // an Error too: else the update would wait for it for ever
            }
        });
        return file;
    }

    private static Optional<PreviousFile> join(CompletableFuture<Optional<PreviousFile>> file)
            throws PackagingException {
        try {
            return file.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PackagingException packaging) {
                throw packaging;
            }
            throw e;
        }
    }

    private static Optional<PreviousFile> previousFile(Path repository, RepomdRecord record, MetadataXml kind,
            MetadataCompression compression) throws PackagingException {
        byte[] compressed = RepodataReader.compressed(repository, record);
        long maxText = Math.min(record.openSize(), RepodataReader.MAX_OPEN_SIZE);
        Optional<IndexedGzip.Inflated> inflated = compression == MetadataCompression.GZIP
                ? IndexedGzip.inflate(compressed, maxText) : decompressedZstd(compressed, maxText, kind);
        if (inflated.isEmpty()) {
            return Optional.empty();
        }
        byte[] text = inflated.get().text();
        if (record.openSize() != text.length
                || !record.openChecksum().equals(Digests.hex(Digests.sha256().digest(text)))) {
            return Optional.empty(); // repomd.xml says otherwise: the ordinary reader reports it
        }
        return PreviousFile.of(inflated.get(), kind);
    }

    /**
     * A zstd file of ours (it ends with {@link ZstdMark}), which has no chunks to copy: its text with the
     * parts our writer writes, the opening (its two lines), the packages and the closing, as three chunks
     * without compressed bytes, so that nothing of it is ever copied as deflate bytes
     * ({@link PreviousFile#hasCompressedChunks}); {@link PreviousFile#of} checks the opening and closing.
     * Empty when it is not ours or does not decompress to at most {@code maxText} bytes.
     */
    private static Optional<IndexedGzip.Inflated> decompressedZstd(byte[] compressed, long maxText, MetadataXml kind) {
        if (!ZstdMark.ends(compressed)) {
            return Optional.empty();
        }
        byte[] text;
        try (InputStream in = MetadataCompression.ZSTD.decompress(new ByteArrayInputStream(compressed))) {
            text = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxText + 1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damage: the ordinary reader reports it
        }
        byte[] newline = {'\n'};
        int firstLine = PreviousFile.indexOf(text, newline, 0, text.length);
        int openingEnd = firstLine < 0 ? -1 : PreviousFile.indexOf(text, newline, firstLine + 1, text.length) + 1;
        int closingStart = text.length - kind.closing().getBytes(StandardCharsets.UTF_8).length;
        if (text.length > maxText || openingEnd <= 0 || closingStart < openingEnd) {
            return Optional.empty();
        }
        return Optional.of(new IndexedGzip.Inflated(compressed, -1, text, new int[] {openingEnd, closingStart,
            text.length}, null));
    }

    /** primary's packages by location; empty if one is not laid out as we write it, or a location is there twice. */
    private static Optional<Map<String, KeptPackage>> primaryPackages(PreviousFile primary) {
        Markers markers = new Markers();
        int count = primary.packages();
        Map<String, KeptPackage> byLocation = new HashMap<>(count * 2);
        for (int p = 0; p < count; p++) {
            KeptPackage pkg = primaryPackage(markers, primary.text(), primary.start(p), primary.end(p), p);
            if (pkg == null || byLocation.putIfAbsent(pkg.location(), pkg) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(byLocation);
    }

    /** Whether filelists and other list primary's packages, by pkgid, in primary's order. */
    private static boolean companionsAgree(List<PreviousFile> files, Iterable<KeptPackage> packages) {
        int count = files.get(MetadataXml.PRIMARY.ordinal()).packages();
        byte[] start = bytes("<package pkgid=\"");
        for (MetadataXml companion : List.of(MetadataXml.FILELISTS, MetadataXml.OTHER)) {
            PreviousFile file = files.get(companion.ordinal());
            if (file.packages() != count) {
                return false;
            }
            for (KeptPackage pkg : packages) {
                int at = file.start(pkg.index());
                if (!PreviousFile.startsWith(file.text(), at, start)
                        || !PreviousFile.startsWith(file.text(), at + start.length, bytes(pkg.pkgid() + "\""))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Reads primary.xml's fields that an update needs, in the order and layout our writer puts them; null if not so. */
    private static KeptPackage primaryPackage(Markers markers, byte[] text, int start, int end, int index) {
        Cursor at = new Cursor(text, start, end);
        if (!at.skip(markers.primaryStart)) {
            return null;
        }
        String name = at.until(markers.arch);
        String arch = at.until(markers.epoch);
        String epoch = at.until(markers.ver);
        String ver = at.until(markers.rel);
        String rel = at.until(markers.checksum);
        String pkgid = at.until(markers.checksumEnd);
        String fileTime = at.find(markers.time) ? at.until(markers.quote) : null;
        String size = at.find(markers.size) ? at.until(markers.quote) : null;
        String location = at.find(markers.location) ? at.until(markers.locationEnd) : null;
        if (location == null || pkgid.length() != PKGID_LENGTH || !isHex(pkgid)) {
            return null;
        }
        try {
            return new KeptPackage(XmlText.unescape(location), XmlText.unescape(name) + "-" + Long.parseLong(epoch)
                    + ":" + XmlText.unescape(ver) + "-" + XmlText.unescape(rel) + "." + XmlText.unescape(arch), pkgid,
                    Long.parseLong(size), Long.parseLong(fileTime), index);
        } catch (IllegalArgumentException e) {
            return null; // not a number, or an entity that is not ours: read the ordinary way
        }
    }

    /** A loop, not a stream: this runs for every package, from the first, in a cold JVM. */
    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A position in one package's text; once a step fails, every later one does too. */
    private static final class Cursor {
        private final byte[] text;
        private final int end;
        private int at;
        private boolean failed;

        Cursor(byte[] text, int start, int end) {
            this.text = text;
            this.at = start;
            this.end = end;
        }

        boolean skip(byte[] expected) {
            failed |= !PreviousFile.startsWith(text, at, expected) || at + expected.length > end;
            at += failed ? 0 : expected.length;
            return !failed;
        }

        /** Moves past the next {@code marker}. */
        boolean find(byte[] marker) {
            int found = failed ? -1 : PreviousFile.indexOf(text, marker, at, end);
            failed |= found < 0;
            at = failed ? at : found + marker.length;
            return !failed;
        }

        /** The text up to the next {@code marker}, moving past it; "" once failed. */
        String until(byte[] marker) {
            int found = failed ? -1 : PreviousFile.indexOf(text, marker, at, end);
            failed |= found < 0;
            if (failed) {
                return "";
            }
            String value = new String(text, at, found - at, StandardCharsets.UTF_8);
            at = found + marker.length;
            return value;
        }
    }
}

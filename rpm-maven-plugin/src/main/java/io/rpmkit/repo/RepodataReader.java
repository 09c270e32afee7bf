package io.rpmkit.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.Digests;

/**
 * Reads a repository's metadata back, ours or createrepo_c's, with the JDK's XML parser: repomd.xml,
 * then primary, filelists and other, each checked against the sizes and SHA-256 checksums repomd.xml
 * states before it is parsed, and joined by pkgid into {@link PackageMetadata}. Treats the files as
 * untrusted: no DTDs or external entities, no more bytes decompressed than repomd.xml announces.
 * Only gzip- or zstd-compressed metadata with SHA-256 checksums is read, createrepo_c's defaults.
 */
public final class RepodataReader {
    /** The most a metadata file may decompress to when repomd.xml states no size. */
    private static final long MAX_OPEN_SIZE = 1L << 30;

    private final Path repository;

    private RepodataReader(Path repository) {
        this.repository = repository;
    }

    public static Repodata read(Path repository) throws PackagingException {
        return new RepodataReader(repository).read();
    }

    private Repodata read() throws PackagingException {
        Path repomdPath = repository.resolve(RepositoryWriter.REPODATA).resolve("repomd.xml");
        Element repomd = parse(readFile(repomdPath), repomdPath.toString()).getDocumentElement();
        String where = "reading " + repomdPath;
        requireElement(repomd, "repomd", where);
        String revision = child(repomd, "revision").map(Node::getTextContent).orElse("");
        List<RepomdRecord> records = new ArrayList<>();
        for (Element data : children(repomd, "data")) {
            records.add(record(data, where));
        }
        Map<String, Element> roots = new HashMap<>();
        for (MetadataXml kind : MetadataXml.values()) {
            RepomdRecord record = records.stream().filter(r -> r.type().equals(kind.type())).findFirst()
                    .orElseThrow(() -> new PackagingException(where + ": no <data type=\"" + kind.type()
                            + "\">; a repository has primary, filelists and other"));
            Element root = parse(open(record), record.location()).getDocumentElement();
            requireElement(root, kind.root(), "reading " + record.location());
            roots.put(kind.type(), root);
        }
        Map<String, Element> filelists = byPkgid(roots.get(MetadataXml.FILELISTS.type()), "filelists");
        Map<String, Element> other = byPkgid(roots.get(MetadataXml.OTHER.type()), "other");
        List<Element> primary = children(roots.get(MetadataXml.PRIMARY.type()), "package");
        List<PackageMetadata> packages = new ArrayList<>();
        for (Element pkg : primary) {
            packages.add(packageOf(pkg, filelists, other));
        }
        if (filelists.size() != primary.size() || other.size() != primary.size()) {
            throw new PackagingException(where + ": primary lists " + primary.size() + " packages, filelists "
                    + filelists.size() + " and other " + other.size() + "; they must list the same packages");
        }
        return new Repodata(revision, records, packages);
    }

    private RepomdRecord record(Element data, String where) throws PackagingException {
        String type = data.getAttribute("type");
        Element checksum = required(data, "checksum", where + " <data type=\"" + type + "\">");
        Optional<Element> openChecksum = child(data, "open-checksum");
        for (Element sum : openChecksum.isPresent() ? List.of(checksum, openChecksum.get()) : List.of(checksum)) {
            if (!"sha256".equals(sum.getAttribute("type"))) {
                throw new PackagingException(where + ": <data type=\"" + type + "\"> has a " + sum.getAttribute("type")
                        + " checksum; this reader accepts sha256, createrepo_c's default");
            }
        }
        String location = required(data, "location", where).getAttribute("href");
        return new RepomdRecord(type, checksum.getTextContent().strip(),
                openChecksum.map(e -> e.getTextContent().strip()).orElse(""), location,
                number(child(data, "timestamp").map(Node::getTextContent).orElse("0"), where),
                number(required(data, "size", where).getTextContent(), where),
                number(child(data, "open-size").map(Node::getTextContent).orElse("-1"), where));
    }

    /** The uncompressed bytes of a metadata file, after checking both sizes and checksums. */
    private byte[] open(RepomdRecord record) throws PackagingException {
        String where = "reading " + record.location();
        MetadataCompression compression = MetadataCompression.ofLocation(record.location()).orElseThrow(
                () -> new PackagingException(where + ": only gzip- and zstd-compressed metadata is read (.xml.gz,"
                        + " .xml.zst: createrepo_c's defaults)"));
        Path file = repository.resolve(record.location()).normalize();
        if (!file.startsWith(repository.normalize())) {
            throw new PackagingException(where + ": the location leaves the repository");
        }
        byte[] compressed = readFile(file);
        check(where, "size", Long.toString(record.size()), Long.toString(compressed.length));
        check(where, "checksum", record.checksum(), Digests.hex(Digests.sha256().digest(compressed)));
        long limit = record.openSize() >= 0 ? record.openSize() : MAX_OPEN_SIZE;
        byte[] open;
        try (InputStream in = compression.decompress(new ByteArrayInputStream(compressed))) {
            open = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        } catch (IOException | RuntimeException e) {
            throw new PackagingException(where + ": not " + compression.settingName() + " data: " + e, e);
        }
        if (record.openSize() >= 0) {
            check(where, "open-size", Long.toString(record.openSize()), Long.toString(open.length));
        }
        if (!record.openChecksum().isEmpty()) {
            check(where, "open-checksum", record.openChecksum(), Digests.hex(Digests.sha256().digest(open)));
        }
        return open;
    }

    private PackageMetadata packageOf(Element pkg, Map<String, Element> filelists, Map<String, Element> other)
            throws PackagingException {
        String name = text(pkg, "name", "primary.xml");
        String where = "primary.xml package " + name;
        Element checksum = required(pkg, "checksum", where);
        String pkgid = checksum.getTextContent();
        if (!"sha256".equals(checksum.getAttribute("type"))) {
            throw new PackagingException(where + ": checksum type " + checksum.getAttribute("type")
                    + "; this reader accepts sha256");
        }
        Element version = required(pkg, "version", where);
        Element time = required(pkg, "time", where);
        Element size = required(pkg, "size", where);
        Element format = required(pkg, "format", where);
        Element range = required(format, "header-range", where);
        Map<DependencyKind, List<MetadataDependency>> dependencies = new EnumMap<>(DependencyKind.class);
        for (DependencyKind kind : MetadataXml.primaryOrder()) {
            dependencies.put(kind, dependencies(format, kind));
        }
        Element files = filelists.get(pkgid);
        Element changes = other.get(pkgid);
        if (files == null || changes == null) {
            throw new PackagingException(where + ": pkgid " + pkgid + " is missing from "
                    + (files == null ? "filelists.xml" : "other.xml"));
        }
        PackageMetadata metadata = new PackageMetadata(pkgid, name, text(pkg, "arch", where),
                number(version.getAttribute("epoch"), where), version.getAttribute("ver"), version.getAttribute("rel"),
                text(pkg, "summary", where), text(pkg, "description", where), text(pkg, "packager", where),
                text(pkg, "url", where), number(time.getAttribute("file"), where),
                number(time.getAttribute("build"), where), number(size.getAttribute("package"), where),
                number(size.getAttribute("installed"), where), number(size.getAttribute("archive"), where),
                required(pkg, "location", where).getAttribute("href"), text(format, "license", where),
                text(format, "vendor", where), text(format, "group", where), text(format, "buildhost", where),
                text(format, "sourcerpm", where), number(range.getAttribute("start"), where),
                number(range.getAttribute("end"), where), dependencies, files(files, where),
                changelog(changes, where));
        List<MetadataFile> primaryFiles = files(format, where);
        if (!primaryFiles.equals(metadata.primaryFiles())) {
            throw new PackagingException(where + ": primary.xml lists the files " + primaryFiles
                    + ", but of filelists.xml's those under /etc/, with bin/ or /usr/lib/sendmail are "
                    + metadata.primaryFiles());
        }
        return metadata;
    }

    private static List<MetadataDependency> dependencies(Element format, DependencyKind kind) {
        String local = MetadataXml.elementName(kind).substring("rpm:".length());
        List<MetadataDependency> list = new ArrayList<>();
        for (Element group : children(format, local)) {
            for (Element entry : children(group, "entry")) {
                list.add(new MetadataDependency(entry.getAttribute("name"), entry.getAttribute("flags"),
                        entry.getAttribute("epoch"), entry.getAttribute("ver"), entry.getAttribute("rel"),
                        "1".equals(entry.getAttribute("pre"))));
            }
        }
        return list;
    }

    private static List<MetadataFile> files(Element parent, String where) throws PackagingException {
        List<MetadataFile> files = new ArrayList<>();
        for (Element file : children(parent, "file")) {
            String type = file.getAttribute("type");
            MetadataFile.Type kind = MetadataFile.Type.ofAttribute(type).orElseThrow(() -> new PackagingException(
                    where + ": file " + file.getTextContent() + " has type " + Quoting.quote(type) + "; known are dir and ghost"));
            files.add(new MetadataFile(file.getTextContent(), kind));
        }
        return files;
    }

    private static List<MetadataChangelog> changelog(Element pkg, String where) throws PackagingException {
        List<MetadataChangelog> entries = new ArrayList<>();
        for (Element entry : children(pkg, "changelog")) {
            entries.add(new MetadataChangelog(entry.getAttribute("author"), number(entry.getAttribute("date"), where),
                    entry.getTextContent()));
        }
        return entries;
    }

    private static Map<String, Element> byPkgid(Element root, String file) throws PackagingException {
        Map<String, Element> map = new HashMap<>();
        for (Element pkg : children(root, "package")) {
            if (map.put(pkg.getAttribute("pkgid"), pkg) != null) {
                throw new PackagingException("reading " + file + ".xml: pkgid " + pkg.getAttribute("pkgid")
                        + " is listed twice");
            }
        }
        return map;
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

    private static Document parse(byte[] bytes, String name) throws PackagingException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(bytes), name);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser supports secure processing", e);
        } catch (SAXException | IOException e) {
            throw new PackagingException("reading " + name + ": not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void requireElement(Element element, String name, String where) throws PackagingException {
        if (!name.equals(element.getLocalName())) {
            throw new PackagingException(where + ": the root element is <" + element.getLocalName() + ">, expected <"
                    + name + ">");
        }
    }

    private static void check(String where, String what, String stated, String actual) throws PackagingException {
        if (!stated.equals(actual)) {
            throw new PackagingException(where + ": repomd.xml states " + what + " " + stated + ", the file has "
                    + actual);
        }
    }

    private static long number(String value, String where) throws PackagingException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new PackagingException(where + ": " + Quoting.quote(value) + " is not a number");
        }
    }

    private static String text(Element parent, String local, String where) throws PackagingException {
        return required(parent, local, where).getTextContent();
    }

    private static Element required(Element parent, String local, String where) throws PackagingException {
        return child(parent, local).orElseThrow(() -> new PackagingException(where + ": no <" + local + ">"));
    }

    /** The first child of that name; looked up for every field of every package, so without a list. */
    private static Optional<Element> child(Element parent, String local) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && local.equals(element.getLocalName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> list = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && local.equals(element.getLocalName())) {
                list.add(element);
            }
        }
        return list;
    }
}

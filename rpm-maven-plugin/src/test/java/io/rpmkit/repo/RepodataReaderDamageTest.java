package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.Digests;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;

/**
 * {@link RepodataReader} on damaged and unusual metadata: each damage is written with checksums and
 * sizes that match it in repomd.xml (unless the damage is to those), so that it reaches the parser,
 * and must end in a {@link PackagingException} that says which file and what; metadata in another
 * package order must read as the original; and text must come out as the JDK's DOM gives it.
 */
class RepodataReaderDamageTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** The three documents our writer made for alpha, beta (with /etc/beta.conf, in primary.xml) and gamma. */
    private static Map<MetadataXml, String> original;
    private static Map<String, String> pkgids;
    private static Repodata originalRead;

    @BeforeAll
    static void writeRepository() throws Exception {
        Path repo = shared.resolve("repo");
        for (String name : List.of("alpha", "gamma")) {
            RepoFixtures.write(RepoFixtures.small(name, "1.0").build(), repo.resolve("packages"));
        }
        RepoFixtures.write(RepoFixtures.small("beta", "1.0").entry(Entry.file("/etc/beta.conf",
                Content.ofBytes("key=value\n".getBytes(StandardCharsets.UTF_8), "inline"))).build(),
                repo.resolve("packages"));
        WrittenRepository written = new RepositoryWriter(Console.SILENT).write(repo,
                RepositoryOptions.of(RepoFixtures.REVISION));
        original = new EnumMap<>(MetadataXml.class);
        for (MetadataXml kind : MetadataXml.values()) {
            RepomdRecord record = written.records().stream().filter(r -> r.type().equals(kind.type())).findFirst()
                    .orElseThrow();
            try (InputStream in = MetadataCompression.GZIP.decompress(Files.newInputStream(
                    repo.resolve(record.location())))) {
                original.put(kind, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        pkgids = new TreeMap<>();
        for (PackageMetadata pkg : written.packages()) {
            pkgids.put(pkg.name(), pkg.pkgid());
        }
        originalRead = RepodataReader.read(repo);
        assertEquals(List.of("alpha", "beta", "gamma"), originalRead.packages().stream().map(PackageMetadata::name)
                .toList());
        assertTrue(original.get(MetadataXml.PRIMARY).contains("<file>/etc/beta.conf</file>"));
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                row("primary.xml cut in half", c -> c.edit(MetadataXml.PRIMARY, s -> s.substring(0, s.length() / 2)),
                        "reading repodata/\\w+-primary\\.xml\\.gz: not well-formed XML: line \\d+, column \\d+: XML"
                                + " document structures must start and end within the same entity"),
                row("filelists.xml with a mismatched end tag",
                        c -> c.inPackage(MetadataXml.FILELISTS, "beta", "</file>", "</fil>"),
                        "-filelists\\.xml\\.gz: not well-formed XML: line \\d+, column \\d+: The element type \"file\""
                                + " must be terminated by the matching end-tag"),
                row("other.xml with an undeclared entity",
                        c -> c.inPackage(MetadataXml.OTHER, "gamma", "<version", "&bogus;<version"),
                        "-other\\.xml\\.gz: not well-formed XML: .*\"bogus\" was referenced, but not declared"),
                row("primary.xml with an element after the root",
                        c -> c.edit(MetadataXml.PRIMARY, s -> s + "\n<metadata/>"),
                        "-primary\\.xml\\.gz: not well-formed XML: .*following the root element"),
                row("primary.xml with a DOCTYPE", c -> c.edit(MetadataXml.PRIMARY,
                        s -> s.replaceFirst("\n", "\n<!DOCTYPE metadata [<!ENTITY x \"y\">]>\n")),
                        "-primary\\.xml\\.gz: not well-formed XML for repository metadata: a DOCTYPE is disallowed"),
                row("primary.xml with a byte that is not UTF-8", c -> c.openBytes(MetadataXml.PRIMARY,
                        b -> replaceAt(b, "Stand-in for beta", 0xFF)),
                        "-primary\\.xml\\.gz: not well-formed XML: byte 0xFF at offset \\d+ is not UTF-8$"),
                row("primary.xml with an overlong UTF-8 form", c -> c.openBytes(MetadataXml.PRIMARY,
                        b -> replaceAt(b, "Stand-in for beta", 0xC0, 0xAF)),
                        "-primary\\.xml\\.gz: not well-formed XML: byte 0xC0 at offset \\d+ is not UTF-8$"),
                row("filelists.xml with a UTF-8 surrogate", c -> c.openBytes(MetadataXml.FILELISTS,
                        b -> replaceAt(b, "/usr/share/gamma/", 0xED, 0xA0, 0x80)),
                        "-filelists\\.xml\\.gz: not well-formed XML: byte 0xA0 at offset \\d+ is not UTF-8$"),
                row("other.xml ending inside a UTF-8 character", c -> c.edit(MetadataXml.OTHER, s -> s + "<!-- \u00e9")
                        .openBytes(MetadataXml.OTHER, b -> Arrays.copyOf(b, b.length - 1)),
                        "-other\\.xml\\.gz: not well-formed XML: the file ends inside a UTF-8 character$"),
                row("filelists.xml with another root element", c -> c.edit(MetadataXml.FILELISTS,
                        s -> s.replace("<filelists ", "<filelist ").replace("</filelists>", "</filelist>")),
                        "-filelists\\.xml\\.gz: the root element is <filelist>, expected <filelists>$"),
                row("other.xml without beta's pkgid attribute",
                        c -> c.edit(MetadataXml.OTHER, s -> s.replace(" pkgid=\"" + pkgids.get("beta") + "\"", "")),
                        "^primary\\.xml package beta: pkgid " + pkgids.get("beta") + " is missing from other\\.xml$"),
                row("filelists.xml without beta", c -> c.removePackage(MetadataXml.FILELISTS, "beta"),
                        "^primary\\.xml package beta: pkgid " + pkgids.get("beta")
                                + " is missing from filelists\\.xml$"),
                row("other.xml listing gamma twice", c -> c.reorder(MetadataXml.OTHER, packages -> {
                    packages.add(packages.get(2));
                    return packages;
                }), "^reading other\\.xml: pkgid " + pkgids.get("gamma") + " is listed twice$"),
                row("other.xml with a package primary.xml does not list",
                        c -> c.reorder(MetadataXml.OTHER, packages -> {
                            packages.add(packages.get(2).replace(pkgids.get("gamma"), "0".repeat(64)));
                            return packages;
                        }), "repomd\\.xml: primary lists 3 packages, filelists 3 and other 4; they must list the same"
                                + " packages$"),
                row("a file time that is not a number",
                        c -> c.inPackage(MetadataXml.PRIMARY, "alpha", "<time file=\"", "<time file=\"x"),
                        "^primary\\.xml package alpha: 'x\\d+' is not a number$"),
                row("a version without its epoch attribute",
                        c -> c.inPackage(MetadataXml.PRIMARY, "gamma", " epoch=\"0\"", ""),
                        "^primary\\.xml package gamma: '' is not a number$"),
                row("a package without its checksum", c -> c.inPackage(MetadataXml.PRIMARY, "beta",
                        "<checksum type=\"sha256\" pkgid=\"YES\">" + pkgids.get("beta") + "</checksum>", ""),
                        "^primary\\.xml package beta: no <checksum>$"),
                row("a package without its location", c -> c.inPackage(MetadataXml.PRIMARY, "gamma", "<location ",
                        "<elsewhere "), "^primary\\.xml package gamma: no <location>$"),
                row("an md5 pkgid", c -> c.inPackage(MetadataXml.PRIMARY, "alpha", "<checksum type=\"sha256\"",
                        "<checksum type=\"md5\""), "^primary\\.xml package alpha: checksum type md5; this reader"
                                + " accepts sha256$"),
                row("a changelog date that is not a number", c -> c.inPackage(MetadataXml.OTHER, "alpha", "</package>",
                        "<changelog author=\"A\" date=\"soon\">x</changelog>\n</package>"),
                        "^other\\.xml package alpha: 'soon' is not a number$"),
                row("a file type filelists.xml does not know",
                        c -> c.inPackage(MetadataXml.FILELISTS, "alpha", "<file>", "<file type=\"socket\">"),
                        "^filelists\\.xml package alpha: file /usr/share/alpha/alpha\\.txt has type 'socket'; known are"
                                + " dir and ghost$"),
                row("primary.xml's files not those of filelists.xml", c -> c.inPackage(MetadataXml.PRIMARY, "beta",
                        "<file>/etc/beta.conf</file>", "<file>/etc/other.conf</file>"),
                        "^primary\\.xml package beta: primary\\.xml lists the files \\[MetadataFile\\[directory=/etc/,"
                                + " basename=other\\.conf, type=FILE\\]\\], but .* are \\[MetadataFile\\[directory=/etc/,"
                                + " basename=beta\\.conf, type=FILE\\]\\]$"),
                row("a truncated gzip stream", c -> c.compressedBytes(MetadataXml.PRIMARY,
                        b -> Arrays.copyOf(b, b.length - 40)),
                        "^reading repodata/\\w+-primary\\.xml\\.gz: not gzip data: java\\.io\\.EOFException"),
                row("a truncated zstd stream", c -> c.zstd().compressedBytes(MetadataXml.FILELISTS,
                        b -> Arrays.copyOf(b, b.length / 2)),
                        "^reading repodata/\\w+-filelists\\.xml\\.zst: not zstd data: "),
                row("other.xml.gz that is not gzip", c -> c.compressedBytes(MetadataXml.OTHER,
                        b -> "<otherdata/>".getBytes(StandardCharsets.US_ASCII)),
                        "^reading repodata/\\w+-other\\.xml\\.gz: not gzip data: java\\.util\\.zip\\.ZipException"),
                row("an open-checksum that is not the file's", c -> c.restate(MetadataXml.FILELISTS,
                        r -> withOpen(r, r.openSize(), "0".repeat(64))),
                        "^reading repodata/\\w+-filelists\\.xml\\.gz: repomd\\.xml states open-checksum 0{64}, the file"
                                + " has [0-9a-f]{64}$"),
                row("an open-size smaller than the file", c -> c.restate(MetadataXml.OTHER,
                        r -> withOpen(r, r.openSize() - 1, r.openChecksum())),
                        "^reading repodata/\\w+-other\\.xml\\.gz: repomd\\.xml states open-size (\\d+), the file has"
                                + " more than \\1$"),
                row("an open-size larger than the file", c -> c.restate(MetadataXml.PRIMARY,
                        r -> withOpen(r, r.openSize() + 1, r.openChecksum())),
                        "^reading repodata/\\w+-primary\\.xml\\.gz: repomd\\.xml states open-size \\d+, the file has"
                                + " \\d+$"),
                row("malformed primary.xml that is not what repomd.xml states", c -> c
                        .edit(MetadataXml.PRIMARY, s -> s.substring(0, s.length() / 2))
                        .restate(MetadataXml.PRIMARY, r -> withOpen(r, r.openSize(),
                                c.stated(MetadataXml.PRIMARY).openChecksum())),
                        "^reading repodata/\\w+-primary\\.xml\\.gz: repomd\\.xml states open-checksum [0-9a-f]{64}, the"
                                + " file has [0-9a-f]{64}$"),
                row("repomd.xml cut short", c -> c.repomd(s -> s.substring(0, s.indexOf("<data type=\"other\""))),
                        "repodata/repomd\\.xml: not well-formed XML: "),
                row("a repomd.xml size that is not a number", c -> c.repomd(s -> s.replaceFirst("<size>", "<size>x")),
                        "repodata/repomd\\.xml: 'x\\d+' is not a number$"),
                row("an md5 open-checksum in repomd.xml", c -> c.repomd(s -> s.replaceFirst(
                        "<open-checksum type=\"sha256\">", "<open-checksum type=\"md5\">")),
                        "repodata/repomd\\.xml: <data type=\"primary\"> has a md5 checksum; this reader accepts sha256,"
                                + " createrepo_c's default$"),
                row("repomd.xml without filelists", c -> c.repomd(s -> s.replace("<data type=\"filelists\">",
                        "<data type=\"filelists-old\">")),
                        "repodata/repomd\\.xml: no <data type=\"filelists\">; a repository has primary, filelists and"
                                + " other$"),
                row("a location outside the repository", c -> c.repomd(s -> s.replaceFirst("href=\"repodata/",
                        "href=\"../repodata/")), "^reading \\.\\./repodata/\\w+-primary\\.xml\\.gz: the location leaves"
                                + " the repository$"));
    }

    @ParameterizedTest
    @MethodSource("damages")
    void refusesDamagedMetadataSayingWhereAndWhat(Consumer<Crafted> damage, String expected) throws Exception {
        Crafted crafted = new Crafted();
        damage.accept(crafted);
        Path repo = crafted.write(dir);

        PackagingException e = assertThrows(PackagingException.class, () -> RepodataReader.read(repo));
        assertTrue(Pattern.compile(expected).matcher(e.getMessage()).find(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    static Stream<Arguments> reorderings() {
        return Stream.of(
                ordered("filelists.xml in reverse order",
                        c -> c.reorder(MetadataXml.FILELISTS, RepodataReaderDamageTest::reversed)),
                ordered("other.xml rotated by one", c -> c.reorder(MetadataXml.OTHER, packages -> {
                    Collections.rotate(packages, 1);
                    return packages;
                })),
                ordered("primary.xml in reverse order, the others not",
                        c -> c.reorder(MetadataXml.PRIMARY, RepodataReaderDamageTest::reversed), "gamma", "beta",
                        "alpha"),
                ordered("filelists.xml and other.xml each in another order", c -> c
                        .reorder(MetadataXml.FILELISTS, RepodataReaderDamageTest::reversed)
                        .reorder(MetadataXml.OTHER, packages -> {
                            Collections.swap(packages, 0, 1);
                            return packages;
                        })),
                ordered("comments, processing instructions and unknown elements between and in packages", c -> c
                        .edit(MetadataXml.FILELISTS, s -> s.replace("</package>\n", "</package>\n<!-- c --><?pi x?>"
                                + "<extra><package pkgid=\"" + "1".repeat(64) + "\"/></extra>\n"))
                        .inPackage(MetadataXml.PRIMARY, "beta", "<format>", "<unknown><name>not beta</name></unknown>"
                                + "<format>")),
                ordered("no open-size or open-checksum in repomd.xml", c -> {
                    for (MetadataXml kind : MetadataXml.values()) {
                        c.restate(kind, r -> withOpen(r, -1, ""));
                    }
                    c.repomd(s -> s.replaceAll("\\s*<open-size>-1</open-size>", "")
                            .replaceAll("\\s*<open-checksum type=\"sha256\"></open-checksum>", ""));
                }),
                ordered("primary.xml with a UTF-8 byte order mark", c -> c.openBytes(MetadataXml.PRIMARY, b -> {
                    byte[] marked = new byte[b.length + 3];
                    marked[0] = (byte) 0xEF;
                    marked[1] = (byte) 0xBB;
                    marked[2] = (byte) 0xBF;
                    System.arraycopy(b, 0, marked, 3, b.length);
                    return marked;
                })),
                ordered("zstd", Crafted::zstd));
    }

    @ParameterizedTest
    @MethodSource("reorderings")
    void readsTheSamePackagesWhateverTheOrderOfTheFiles(Consumer<Crafted> change, List<String> primaryOrder)
            throws Exception {
        Crafted crafted = new Crafted();
        change.accept(crafted);
        Repodata read = RepodataReader.read(crafted.write(dir));

        List<PackageMetadata> expected = new ArrayList<>();
        for (String name : primaryOrder) {
            expected.add(originalRead.find(name).orElseThrow());
        }
        assertEquals(expected, read.packages());
    }

    /** Text the parser delivers in pieces or transforms: references, CDATA, line ends, comments, child elements. */
    static Stream<String> texts() {
        return Stream.of("plain", "", "  leading and trailing white space\n\t",
                "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", "caf&#xFC; &#252; &#x1F600;", "carriage&#13;return",
                "literal\r\nCRLF and a lone\rCR", "<![CDATA[<not> & markup]]> and after", "before<!-- a comment -->after",
                "before<?pi target?>after", "text with <b>a child</b> element", "]]&gt;",
                "x".repeat(100_000) + "&amp;" + "y".repeat(50_000) + "<![CDATA[z]]>");
    }

    /** The referee is the JDK's DOM, which this reader replaced: its getTextContent() of the same element. */
    @ParameterizedTest
    @MethodSource("texts")
    void readsTextAsTheDomGivesIt(String text) throws Exception {
        Crafted crafted = new Crafted()
                .inPackage(MetadataXml.PRIMARY, "alpha", "<description>Stand-in for alpha</description>",
                        "<description>" + text + "</description>")
                .inPackage(MetadataXml.FILELISTS, "alpha", "<file>/usr/share/alpha/alpha.txt</file>",
                        "<file>/usr/share/alpha/" + text + "</file>")
                .inPackage(MetadataXml.OTHER, "alpha", "</package>", "<changelog author=\"A\" date=\"1\">" + text
                        + "</changelog>\n</package>");
        PackageMetadata alpha = RepodataReader.read(crafted.write(dir)).find("alpha").orElseThrow();

        assertEquals(domText(crafted, MetadataXml.PRIMARY, "description"), alpha.description());
        assertEquals(domText(crafted, MetadataXml.FILELISTS, "file"), alpha.files().get(0).path());
        assertEquals(domText(crafted, MetadataXml.OTHER, "changelog"), alpha.changelog().get(0).text());
    }

    /** Another encoding than UTF-8 is the parser's to decode, as the declaration says. */
    @Test
    void readsTheEncodingTheDeclarationNames() throws Exception {
        Crafted crafted = new Crafted()
                .edit(MetadataXml.OTHER, s -> s.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""))
                .inPackage(MetadataXml.OTHER, "alpha", "</package>", "<changelog author=\"J\u00e9r\u00f4me\" date=\"1\">"
                        + "caf\u00e9</changelog>\n</package>");
        crafted.openBytes(MetadataXml.OTHER, b -> crafted.xml.get(MetadataXml.OTHER)
                .getBytes(StandardCharsets.ISO_8859_1));
        MetadataChangelog entry = RepodataReader.read(crafted.write(dir)).find("alpha").orElseThrow().changelog()
                .get(0);

        assertEquals("J\u00e9r\u00f4me", entry.author());
        assertEquals("caf\u00e9", entry.text());
    }

    static Stream<String> attributes() {
        return Stream.of("plain", "", "tab&#9;and literal\ttab", "cr&#13;and literal\r\nCRLF", "&amp;&lt;&gt;&quot;",
                "caf&#xFC; &#x1F600;", "  spaced  ");
    }

    @ParameterizedTest
    @MethodSource("attributes")
    void readsAttributesAsTheDomGivesThem(String value) throws Exception {
        Crafted crafted = new Crafted().inPackage(MetadataXml.OTHER, "alpha", "</package>",
                "<changelog author=\"" + value + "\" date=\"1\">x</changelog>\n</package>");
        PackageMetadata alpha = RepodataReader.read(crafted.write(dir)).find("alpha").orElseThrow();

        Element changelog = (Element) dom(crafted, MetadataXml.OTHER).getElementsByTagName("changelog").item(0);
        assertEquals(changelog.getAttribute("author"), alpha.changelog().get(0).author());
    }

    /** Memory holds one copy of a long directory, not one per file. */
    @Test
    void filesInOneDirectoryShareItsString() throws Exception {
        String directory = "/opt/" + "d".repeat(10_000) + "/";
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            files.append("  <file>").append(directory).append("f").append(i).append("</file>\n");
        }
        Crafted crafted = new Crafted().inPackage(MetadataXml.FILELISTS, "alpha", "  <file>", files + "  <file>");
        PackageMetadata alpha = RepodataReader.read(crafted.write(dir)).find("alpha").orElseThrow();

        assertEquals(501, alpha.files().size());
        List<MetadataFile> inDirectory = alpha.files().subList(0, 500);
        assertTrue(inDirectory.stream().allMatch(f -> f.directory() == inDirectory.get(0).directory()),
                "one string for the directory");
        assertEquals(directory + "f499", inDirectory.get(499).path());
        assertNotEquals(inDirectory.get(0).directory(), alpha.files().get(500).directory());
    }

    private static Arguments row(String name, Consumer<Crafted> damage, String expected) {
        return Arguments.of(Named.of(name, damage), expected);
    }

    /** A change after which the packages read are the original ones, in primary.xml's order: by default alpha, beta, gamma. */
    private static Arguments ordered(String name, Consumer<Crafted> change, String... primaryOrder) {
        return Arguments.of(Named.of(name, change), primaryOrder.length == 0 ? List.of("alpha", "beta", "gamma")
                : List.of(primaryOrder));
    }

    private static List<String> reversed(List<String> packages) {
        Collections.reverse(packages);
        return packages;
    }

    private static RepomdRecord withOpen(RepomdRecord r, long openSize, String openChecksum) {
        return new RepomdRecord(r.type(), r.checksum(), openChecksum, r.location(), r.timestamp(), r.size(), openSize);
    }

    /** The bytes with those at the start of {@code text} overwritten. */
    private static byte[] replaceAt(byte[] bytes, String text, int... replacement) {
        int at = indexOf(bytes, text);
        for (int i = 0; i < replacement.length; i++) {
            bytes[at + i] = (byte) replacement[i];
        }
        return bytes;
    }

    private static int indexOf(byte[] bytes, String text) {
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text);
        assertTrue(at >= 0, text);
        return at;
    }

    private static String domText(Crafted crafted, MetadataXml kind, String element) throws Exception {
        return dom(crafted, kind).getElementsByTagName(element).item(0).getTextContent();
    }

    private static Document dom(Crafted crafted, MetadataXml kind) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(crafted.xml.get(kind)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The original documents, changed by a row, then written as a repository whose repomd.xml states
     * the sizes and checksums of the changed files, unless a row restates them.
     */
    static final class Crafted {
        final Map<MetadataXml, String> xml = new EnumMap<>(original);
        private final Map<MetadataXml, UnaryOperator<byte[]>> openBytes = new EnumMap<>(MetadataXml.class);
        private final Map<MetadataXml, UnaryOperator<byte[]>> compressedBytes = new EnumMap<>(MetadataXml.class);
        private final Map<MetadataXml, UnaryOperator<RepomdRecord>> restated = new EnumMap<>(MetadataXml.class);
        private UnaryOperator<String> repomd = UnaryOperator.identity();
        private MetadataCompression compression = MetadataCompression.GZIP;

        Crafted edit(MetadataXml kind, UnaryOperator<String> change) {
            String changed = change.apply(xml.get(kind));
            assertNotEquals(xml.get(kind), changed, "the change changes " + kind);
            xml.put(kind, changed);
            return this;
        }

        /** Replaces the first {@code from} after the package's name. */
        Crafted inPackage(MetadataXml kind, String name, String from, String to) {
            return edit(kind, s -> {
                int start = s.indexOf(kind == MetadataXml.PRIMARY ? "<name>" + name + "</name>" : "name=\"" + name + "\"");
                int at = s.indexOf(from, start);
                assertTrue(start >= 0 && at >= 0, from + " in " + name + "'s package of " + kind);
                return s.substring(0, at) + to + s.substring(at + from.length());
            });
        }

        /** The document's {@code <package>} elements, each with its newline, in another order or changed. */
        Crafted reorder(MetadataXml kind, UnaryOperator<List<String>> change) {
            return edit(kind, s -> {
                Matcher matcher = Pattern.compile("<package[ >].*?</package>\n", Pattern.DOTALL).matcher(s);
                List<String> packages = new ArrayList<>();
                int first = -1;
                int last = 0;
                while (matcher.find()) {
                    first = first < 0 ? matcher.start() : first;
                    last = matcher.end();
                    packages.add(matcher.group());
                }
                assertEquals(3, packages.size(), kind.type());
                return s.substring(0, first) + String.join("", change.apply(packages)) + s.substring(last);
            });
        }

        Crafted removePackage(MetadataXml kind, String name) {
            return reorder(kind, packages -> {
                assertTrue(packages.removeIf(p -> p.contains("name=\"" + name + "\"")), name);
                return packages;
            });
        }

        Crafted openBytes(MetadataXml kind, UnaryOperator<byte[]> change) {
            openBytes.put(kind, change);
            return this;
        }

        Crafted compressedBytes(MetadataXml kind, UnaryOperator<byte[]> change) {
            compressedBytes.put(kind, change);
            return this;
        }

        Crafted restate(MetadataXml kind, UnaryOperator<RepomdRecord> change) {
            restated.put(kind, change);
            return this;
        }

        Crafted repomd(UnaryOperator<String> change) {
            repomd = change;
            return this;
        }

        Crafted zstd() {
            compression = MetadataCompression.ZSTD;
            return this;
        }

        /** What repomd.xml states for the original, undamaged document. */
        RepomdRecord stated(MetadataXml kind) {
            return record(kind, original.get(kind).getBytes(StandardCharsets.UTF_8));
        }

        Path write(Path dir) throws Exception {
            Path repo = dir.resolve("crafted");
            Files.createDirectories(repo.resolve(RepositoryWriter.REPODATA));
            List<RepomdRecord> records = new ArrayList<>();
            for (MetadataXml kind : MetadataXml.values()) {
                byte[] open = openBytes.getOrDefault(kind, UnaryOperator.identity()).apply(xml.get(kind)
                        .getBytes(StandardCharsets.UTF_8));
                byte[] compressed = compressedBytes.getOrDefault(kind, UnaryOperator.identity()).apply(
                        compress(open));
                RepomdRecord record = new RepomdRecord(kind.type(), sha256(compressed), sha256(open),
                        RepositoryWriter.REPODATA + "/" + kind.fileName(sha256(compressed), compression),
                        RepoFixtures.REVISION.getEpochSecond(), compressed.length, open.length);
                Files.write(repo.resolve(record.location()), compressed);
                records.add(restated.getOrDefault(kind, UnaryOperator.identity()).apply(record));
            }
            Files.writeString(repo.resolve(RepositoryWriter.REPODATA).resolve("repomd.xml"),
                    repomd.apply(RepomdXml.render(originalRead.revision(), records)), StandardCharsets.UTF_8);
            return repo;
        }

        private RepomdRecord record(MetadataXml kind, byte[] open) {
            try {
                byte[] compressed = compress(open);
                return new RepomdRecord(kind.type(), sha256(compressed), sha256(open), "", 0, compressed.length,
                        open.length);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] compress(byte[] open) throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = compression == MetadataCompression.GZIP ? new GZIPOutputStream(bytes)
                    : MetadataCompression.zstdCompressor(bytes)) {
                out.write(open);
            }
            return bytes.toByteArray();
        }

        private static String sha256(byte[] bytes) {
            return Digests.hex(Digests.sha256().digest(bytes));
        }
    }
}

package io.rpmkit.repo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.rpmkit.format.DependencyKind;

/**
 * Renders the three metadata files, one package at a time, in the layout createrepo_c writes
 * (src/xml_dump_primary.c, xml_dump_filelists.c, xml_dump_other.c, measured with 0.17.3): the XML
 * declaration, the root element with the package count, each package indented by two spaces per
 * level and followed by a newline, the closing root element without one. Pure: text in, text out,
 * written to a {@link Writer} piece by piece, so that a file list of gigabytes goes straight to the
 * compressor and a path is never joined.
 */
public enum MetadataXml {
    PRIMARY("primary", "metadata",
            "xmlns=\"http://linux.duke.edu/metadata/common\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\"") {
        @Override
        public void appendPackage(Writer out, PackageMetadata pkg) throws IOException {
            appendPrimary(out, pkg);
        }
    },
    FILELISTS("filelists", "filelists", "xmlns=\"http://linux.duke.edu/metadata/filelists\"") {
        @Override
        public void appendPackage(Writer out, PackageMetadata pkg) throws IOException {
            openPackage(out, pkg);
            appendFiles(out, pkg.files(), "  ");
            out.append("</package>\n");
        }
    },
    OTHER("other", "otherdata", "xmlns=\"http://linux.duke.edu/metadata/other\"") {
        @Override
        public void appendPackage(Writer out, PackageMetadata pkg) throws IOException {
            openPackage(out, pkg);
            for (MetadataChangelog entry : pkg.changelog()) {
                out.append("  <changelog");
                attribute(out, "author", entry.author());
                attribute(out, "date", Long.toString(entry.date()));
                out.append('>');
                XmlText.appendText(out, entry.text());
                out.append("</changelog>\n");
            }
            out.append("</package>\n");
        }
    };

    /** primary.xml's dependency lists, in the order it has them, with their element names. */
    private static final List<DependencyKind> PRIMARY_ORDER = List.of(DependencyKind.PROVIDES,
            DependencyKind.REQUIRES, DependencyKind.CONFLICTS, DependencyKind.OBSOLETES, DependencyKind.SUGGESTS,
            DependencyKind.ENHANCES, DependencyKind.RECOMMENDS, DependencyKind.SUPPLEMENTS);

    /** Made once: primary.xml asks for them eight times per package. */
    private static final Map<DependencyKind, String> ELEMENT_NAMES = elementNames();

    private final String type;
    private final String root;
    private final String namespaces;

    MetadataXml(String type, String root, String namespaces) {
        this.type = type;
        this.root = root;
        this.namespaces = namespaces;
    }

    /** The {@code <data type>} in repomd.xml, and the end of the file's name. */
    public String type() {
        return type;
    }

    /** The root element's name. */
    public String root() {
        return root;
    }

    public String fileName(String checksum, MetadataCompression compression) {
        return checksum + "-" + type + ".xml" + compression.suffix();
    }

    public String opening(int packages) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " " + namespaces + " packages=\"" + packages
                + "\">\n";
    }

    public String closing() {
        return "</" + root + ">";
    }

    public abstract void appendPackage(Writer out, PackageMetadata pkg) throws IOException;

    /** The most text a package may come to and still be rendered whole, in memory. */
    static final long MAX_RENDERED_TEXT = 1 << 20;

    /**
     * Whether the package's text is small enough to be rendered whole ({@link #render}); a file list
     * that comes to megabytes (one long directory shared by thousands of files) is streamed instead.
     * Counts what grows with the package: paths, twice when primary.xml lists them, and changelogs.
     */
    static boolean fitsInMemory(PackageMetadata pkg) {
        long text = pkg.description().length();
        for (MetadataFile file : pkg.files()) {
            text += file.pathLength() * (file.inPrimary() ? 2 : 1);
            if (text > MAX_RENDERED_TEXT) {
                return false;
            }
        }
        for (MetadataChangelog entry : pkg.changelog()) {
            text += entry.text().length() + entry.author().length();
        }
        return text <= MAX_RENDERED_TEXT;
    }

    /**
     * One package's text in each file, as UTF-8, in the order of {@link #values()}: what the writer
     * puts between the opening and the closing of each file. For a package that {@link #fitsInMemory}.
     */
    static byte[][] render(PackageMetadata pkg) {
        TextBuffer text = new TextBuffer();
        MetadataXml[] kinds = values();
        byte[][] rendered = new byte[kinds.length][];
        try {
            for (MetadataXml kind : kinds) {
                kind.appendPackage(text, pkg);
                rendered[kind.ordinal()] = text.takeUtf8();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a TextBuffer does not fail", e);
        }
        return rendered;
    }

    /** The whole file for these packages, e.g. for tests; the writer streams the same parts instead. */
    public String render(List<PackageMetadata> packages) {
        StringWriter out = new StringWriter();
        out.write(opening(packages.size()));
        try {
            for (PackageMetadata pkg : packages) {
                appendPackage(out, pkg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        out.write(closing());
        return out.toString();
    }

    private static void appendPrimary(Writer out, PackageMetadata pkg) throws IOException {
        out.append("<package type=\"rpm\">\n");
        textElement(out, "  ", "name", pkg.name());
        textElement(out, "  ", "arch", pkg.arch());
        version(out, pkg);
        out.append("  <checksum type=\"sha256\" pkgid=\"YES\">").append(pkg.pkgid()).append("</checksum>\n");
        textElement(out, "  ", "summary", pkg.summary());
        textElement(out, "  ", "description", pkg.description());
        textElement(out, "  ", "packager", pkg.packager());
        textElement(out, "  ", "url", pkg.url());
        out.append("  <time file=\"").append(Long.toString(pkg.fileTime())).append("\" build=\"")
                .append(Long.toString(pkg.buildTime())).append("\"/>\n");
        out.append("  <size package=\"").append(Long.toString(pkg.packageSize())).append("\" installed=\"")
                .append(Long.toString(pkg.installedSize())).append("\" archive=\"")
                .append(Long.toString(pkg.archiveSize())).append("\"/>\n");
        out.append("  <location");
        attribute(out, "href", pkg.location());
        out.append("/>\n");
        out.append("  <format>\n");
        textElement(out, "    ", "rpm:license", pkg.license());
        textElement(out, "    ", "rpm:vendor", pkg.vendor());
        textElement(out, "    ", "rpm:group", pkg.group());
        textElement(out, "    ", "rpm:buildhost", pkg.buildHost());
        textElement(out, "    ", "rpm:sourcerpm", pkg.sourceRpm());
        out.append("    <rpm:header-range start=\"").append(Long.toString(pkg.headerStart())).append("\" end=\"")
                .append(Long.toString(pkg.headerEnd())).append("\"/>\n");
        for (DependencyKind kind : PRIMARY_ORDER) {
            dependencies(out, elementName(kind), pkg.dependencies(kind));
        }
        appendFiles(out, pkg.primaryFiles(), "    ");
        out.append("  </format>\n");
        out.append("</package>\n");
    }

    /** {@code rpm:provides}, {@code rpm:requires}, ... */
    public static String elementName(DependencyKind kind) {
        return ELEMENT_NAMES.get(kind);
    }

    private static Map<DependencyKind, String> elementNames() {
        Map<DependencyKind, String> names = new EnumMap<>(DependencyKind.class);
        for (DependencyKind kind : DependencyKind.values()) {
            names.put(kind, "rpm:" + kind.label().toLowerCase(Locale.ROOT));
        }
        return Map.copyOf(names);
    }

    /** primary.xml's dependency kinds in the order it lists them. */
    public static List<DependencyKind> primaryOrder() {
        return PRIMARY_ORDER;
    }

    private static void dependencies(Writer out, String element, List<MetadataDependency> list) throws IOException {
        if (list.isEmpty()) {
            return;
        }
        out.append("    <").append(element).append(">\n");
        for (MetadataDependency dependency : list) {
            out.append("      <rpm:entry");
            attribute(out, "name", dependency.name());
            if (!dependency.flags().isEmpty()) {
                attribute(out, "flags", dependency.flags());
                optionalAttribute(out, "epoch", dependency.epoch());
                optionalAttribute(out, "ver", dependency.version());
                optionalAttribute(out, "rel", dependency.release());
            }
            if (dependency.pre()) {
                attribute(out, "pre", "1");
            }
            out.append("/>\n");
        }
        out.append("    </").append(element).append(">\n");
    }

    private static void appendFiles(Writer out, List<MetadataFile> files, String indent) throws IOException {
        for (MetadataFile file : files) {
            out.append(indent).append("<file");
            optionalAttribute(out, "type", file.type().attribute());
            out.append('>');
            XmlText.appendText(out, file.directory());
            XmlText.appendText(out, file.basename());
            out.append("</file>\n");
        }
    }

    private static void openPackage(Writer out, PackageMetadata pkg) throws IOException {
        out.append("<package");
        attribute(out, "pkgid", pkg.pkgid());
        attribute(out, "name", pkg.name());
        attribute(out, "arch", pkg.arch());
        out.append(">\n");
        version(out, pkg);
    }

    private static void version(Writer out, PackageMetadata pkg) throws IOException {
        out.append("  <version");
        attribute(out, "epoch", Long.toString(pkg.epoch()));
        attribute(out, "ver", pkg.version());
        attribute(out, "rel", pkg.release());
        out.append("/>\n");
    }

    private static void textElement(Writer out, String indent, String name, String text) throws IOException {
        out.append(indent).append('<').append(name).append('>');
        XmlText.appendText(out, text);
        out.append("</").append(name).append(">\n");
    }

    private static void attribute(Writer out, String name, String value) throws IOException {
        out.append(' ').append(name).append("=\"");
        XmlText.appendAttribute(out, value);
        out.append('"');
    }

    private static void optionalAttribute(Writer out, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            attribute(out, name, value);
        }
    }

    /** Every string of the package XML 1.0 cannot hold, e.g. {@code summary has U+0001 at position 3}. */
    static List<String> unwritable(PackageMetadata pkg) {
        List<String> problems = new ArrayList<>();
        check(problems, "name", pkg.name());
        check(problems, "arch", pkg.arch());
        check(problems, "version", pkg.version());
        check(problems, "release", pkg.release());
        check(problems, "summary", pkg.summary());
        check(problems, "description", pkg.description());
        check(problems, "packager", pkg.packager());
        check(problems, "url", pkg.url());
        check(problems, "location", pkg.location());
        check(problems, "license", pkg.license());
        check(problems, "vendor", pkg.vendor());
        check(problems, "group", pkg.group());
        check(problems, "buildhost", pkg.buildHost());
        check(problems, "sourcerpm", pkg.sourceRpm());
        for (DependencyKind kind : DependencyKind.values()) {
            for (MetadataDependency d : pkg.dependencies(kind)) {
                // The labels and the joined version are made only for a message: most packages need none.
                if (XmlText.forbiddenCharacter(d.name()).isPresent()) {
                    check(problems, kind.label() + " name", d.name());
                }
                if (XmlText.forbiddenCharacter(d.epoch()).isPresent()
                        || XmlText.forbiddenCharacter(d.version()).isPresent()
                        || XmlText.forbiddenCharacter(d.release()).isPresent()) {
                    check(problems, kind.label() + " version", d.epoch() + ":" + d.version() + "-" + d.release());
                }
            }
        }
        String checked = null;
        for (MetadataFile file : pkg.files()) {
            // Files share their directory's one string: each is checked once, not once per file.
            if (file.directory() != checked) {
                checkPart(problems, file, file.directory(), 0);
                checked = file.directory();
            }
            checkPart(problems, file, file.basename(), file.directory().length());
        }
        for (MetadataChangelog entry : pkg.changelog()) {
            check(problems, "changelog author", entry.author());
            check(problems, "changelog text", entry.text());
        }
        return problems;
    }

    private static void checkPart(List<String> problems, MetadataFile file, String part, int offset) {
        Optional<String> forbidden = XmlText.forbiddenCharacter(part, offset);
        if (forbidden.isPresent()) {
            problems.add("file name '" + displayPath(file).replaceAll("[\\p{Cntrl}&&[^\\n]]", "?") + "' has "
                    + forbidden.get());
        }
    }

    /** The path for a message: whole when short, else its ends. */
    private static String displayPath(MetadataFile file) {
        if (file.pathLength() <= 4096) {
            return file.path();
        }
        String d = file.directory();
        String b = file.basename();
        return d.substring(0, Math.min(200, d.length())) + "...(" + file.pathLength() + " characters)..."
                + b.substring(Math.max(0, b.length() - 200));
    }

    private static void check(List<String> problems, String what, String text) {
        Optional<String> forbidden = XmlText.forbiddenCharacter(text);
        if (forbidden.isPresent()) {
            problems.add(what + " '" + text.replaceAll("[\\p{Cntrl}&&[^\\n]]", "?") + "' has " + forbidden.get());
        }
    }
}

package io.rpmkit.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rpmkit.format.DependencyKind;

/**
 * Renders the three metadata files, one package at a time, in the layout createrepo_c writes
 * (src/xml_dump_primary.c, xml_dump_filelists.c, xml_dump_other.c, measured with 0.17.3): the XML
 * declaration, the root element with the package count, each package indented by two spaces per
 * level and followed by a newline, the closing root element without one. Pure: text in, text out.
 */
public enum MetadataXml {
    PRIMARY("primary", "metadata",
            "xmlns=\"http://linux.duke.edu/metadata/common\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\"") {
        @Override
        public void appendPackage(StringBuilder out, PackageMetadata pkg) {
            appendPrimary(out, pkg);
        }
    },
    FILELISTS("filelists", "filelists", "xmlns=\"http://linux.duke.edu/metadata/filelists\"") {
        @Override
        public void appendPackage(StringBuilder out, PackageMetadata pkg) {
            openPackage(out, pkg);
            appendFiles(out, pkg.files(), "  ");
            out.append("</package>\n");
        }
    },
    OTHER("other", "otherdata", "xmlns=\"http://linux.duke.edu/metadata/other\"") {
        @Override
        public void appendPackage(StringBuilder out, PackageMetadata pkg) {
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

    public String fileName(String checksum) {
        return checksum + "-" + type + ".xml.gz";
    }

    public String opening(int packages) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " " + namespaces + " packages=\"" + packages
                + "\">\n";
    }

    public String closing() {
        return "</" + root + ">";
    }

    public abstract void appendPackage(StringBuilder out, PackageMetadata pkg);

    /** The whole file for these packages, e.g. for tests; the writer streams the same parts instead. */
    public String render(List<PackageMetadata> packages) {
        StringBuilder out = new StringBuilder(opening(packages.size()));
        packages.forEach(p -> appendPackage(out, p));
        return out.append(closing()).toString();
    }

    private static void appendPrimary(StringBuilder out, PackageMetadata pkg) {
        out.append("<package type=\"rpm\">\n");
        textElement(out, "  ", "name", pkg.name());
        textElement(out, "  ", "arch", pkg.arch());
        version(out, pkg);
        out.append("  <checksum type=\"sha256\" pkgid=\"YES\">").append(pkg.pkgid()).append("</checksum>\n");
        textElement(out, "  ", "summary", pkg.summary());
        textElement(out, "  ", "description", pkg.description());
        textElement(out, "  ", "packager", pkg.packager());
        textElement(out, "  ", "url", pkg.url());
        out.append("  <time file=\"").append(pkg.fileTime()).append("\" build=\"").append(pkg.buildTime())
                .append("\"/>\n");
        out.append("  <size package=\"").append(pkg.packageSize()).append("\" installed=\"")
                .append(pkg.installedSize()).append("\" archive=\"").append(pkg.archiveSize()).append("\"/>\n");
        out.append("  <location");
        attribute(out, "href", pkg.location());
        out.append("/>\n");
        out.append("  <format>\n");
        textElement(out, "    ", "rpm:license", pkg.license());
        textElement(out, "    ", "rpm:vendor", pkg.vendor());
        textElement(out, "    ", "rpm:group", pkg.group());
        textElement(out, "    ", "rpm:buildhost", pkg.buildHost());
        textElement(out, "    ", "rpm:sourcerpm", pkg.sourceRpm());
        out.append("    <rpm:header-range start=\"").append(pkg.headerStart()).append("\" end=\"")
                .append(pkg.headerEnd()).append("\"/>\n");
        for (DependencyKind kind : PRIMARY_ORDER) {
            dependencies(out, elementName(kind), pkg.dependencies(kind));
        }
        appendFiles(out, pkg.primaryFiles(), "    ");
        out.append("  </format>\n");
        out.append("</package>\n");
    }

    /** {@code rpm:provides}, {@code rpm:requires}, ... */
    public static String elementName(DependencyKind kind) {
        return "rpm:" + kind.label().toLowerCase(Locale.ROOT);
    }

    /** primary.xml's dependency kinds in the order it lists them. */
    public static List<DependencyKind> primaryOrder() {
        return PRIMARY_ORDER;
    }

    private static void dependencies(StringBuilder out, String element, List<MetadataDependency> list) {
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

    private static void appendFiles(StringBuilder out, List<MetadataFile> files, String indent) {
        for (MetadataFile file : files) {
            out.append(indent).append("<file");
            optionalAttribute(out, "type", file.type().attribute());
            out.append('>');
            XmlText.appendText(out, file.path());
            out.append("</file>\n");
        }
    }

    private static void openPackage(StringBuilder out, PackageMetadata pkg) {
        out.append("<package");
        attribute(out, "pkgid", pkg.pkgid());
        attribute(out, "name", pkg.name());
        attribute(out, "arch", pkg.arch());
        out.append(">\n");
        version(out, pkg);
    }

    private static void version(StringBuilder out, PackageMetadata pkg) {
        out.append("  <version");
        attribute(out, "epoch", Long.toString(pkg.epoch()));
        attribute(out, "ver", pkg.version());
        attribute(out, "rel", pkg.release());
        out.append("/>\n");
    }

    private static void textElement(StringBuilder out, String indent, String name, String text) {
        out.append(indent).append('<').append(name).append('>');
        XmlText.appendText(out, text);
        out.append("</").append(name).append(">\n");
    }

    private static void attribute(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"");
        XmlText.appendAttribute(out, value);
        out.append('"');
    }

    private static void optionalAttribute(StringBuilder out, String name, String value) {
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
        pkg.dependencies().forEach((kind, list) -> list.forEach(d -> {
            check(problems, kind.label() + " name", d.name());
            check(problems, kind.label() + " version", d.epoch() + ":" + d.version() + "-" + d.release());
        }));
        pkg.files().forEach(f -> check(problems, "file name", f.path()));
        pkg.changelog().forEach(entry -> {
            check(problems, "changelog author", entry.author());
            check(problems, "changelog text", entry.text());
        });
        return problems;
    }

    private static void check(List<String> problems, String what, String text) {
        XmlText.forbiddenCharacter(text).ifPresent(c -> problems.add(what + " '"
                + text.replaceAll("[\\p{Cntrl}&&[^\\n]]", "?") + "' has " + c));
    }
}

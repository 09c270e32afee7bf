package io.rpmkit.repo;

import static io.rpmkit.repo.RepodataReader.fileType;
import static io.rpmkit.repo.RepodataReader.firstText;
import static io.rpmkit.repo.RepodataReader.number;
import static io.rpmkit.repo.RepodataReader.require;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;

/**
 * One primary.xml {@code <package>} as read, before it is checked: {@code null} for an element it
 * does not have, and the first of an element that repeats, as DOM lookups of the first child did.
 */
final class PrimaryElement {
    /** primary.xml's dependency elements by local name, {@code provides} to {@code supplements}. */
    private static final Map<String, DependencyKind> DEPENDENCY_ELEMENTS = dependencyElements();

    private String name;
    private String arch;
    private String epoch;
    private String version;
    private String release;
    private String pkgid;
    private String checksumType;
    private String summary;
    private String description;
    private String packager;
    private String url;
    private String fileTime;
    private String buildTime;
    private String packageSize;
    private String installedSize;
    private String archiveSize;
    private String location;
    private boolean format;
    private String license;
    private String vendor;
    private String group;
    private String buildHost;
    private String sourceRpm;
    private String headerStart;
    private String headerEnd;
    private final Map<DependencyKind, List<MetadataDependency>> dependencies = new EnumMap<>(DependencyKind.class);
    /** Checked with the package's name, which may come later. */
    private final List<PrimaryFile> files = new ArrayList<>();

    static PrimaryElement read(XmlCursor pkg) throws PackagingException {
        PrimaryElement e = new PrimaryElement();
        int level = pkg.depth();
        for (String child; (child = pkg.nextChild(level)) != null;) {
            switch (child) {
                case "name" -> e.name = firstText(e.name, pkg);
                case "arch" -> e.arch = firstText(e.arch, pkg);
                case "version" -> {
                    if (e.epoch == null) {
                        e.epoch = pkg.attribute("epoch");
                        e.version = pkg.attribute("ver");
                        e.release = pkg.attribute("rel");
                    }
                }
                case "checksum" -> {
                    if (e.pkgid == null) {
                        e.checksumType = pkg.attribute("type");
                        e.pkgid = pkg.text();
                    }
                }
                case "summary" -> e.summary = firstText(e.summary, pkg);
                case "description" -> e.description = firstText(e.description, pkg);
                case "packager" -> e.packager = firstText(e.packager, pkg);
                case "url" -> e.url = firstText(e.url, pkg);
                case "time" -> {
                    if (e.fileTime == null) {
                        e.fileTime = pkg.attribute("file");
                        e.buildTime = pkg.attribute("build");
                    }
                }
                case "size" -> {
                    if (e.packageSize == null) {
                        e.packageSize = pkg.attribute("package");
                        e.installedSize = pkg.attribute("installed");
                        e.archiveSize = pkg.attribute("archive");
                    }
                }
                case "location" -> e.location = e.location != null ? e.location : pkg.attribute("href");
                case "format" -> {
                    if (!e.format) {
                        e.format = true;
                        e.readFormat(pkg);
                    }
                }
                default -> {
                    // not part of PackageMetadata
                }
            }
        }
        return e;
    }

    /** The package's where for messages, {@code primary.xml package NAME}, once it has a name. */
    String where() throws PackagingException {
        return "primary.xml package " + require(name, "name", "primary.xml");
    }

    /** The pkgid, after checking the elements every package has. */
    String pkgid() throws PackagingException {
        String where = where();
        require(pkgid, "checksum", where);
        if (!"sha256".equals(checksumType)) {
            throw new PackagingException(where + ": checksum type " + checksumType + "; this reader accepts sha256");
        }
        require(epoch, "version", where);
        require(fileTime, "time", where);
        require(packageSize, "size", where);
        if (!format) {
            throw new PackagingException(where + ": no <format>");
        }
        require(headerStart, "header-range", where);
        return pkgid;
    }

    /** The package with its file list and changelog; its primary.xml files must be those of the list. */
    PackageMetadata metadata(List<MetadataFile> fileList, List<MetadataChangelog> changes) throws PackagingException {
        String where = where();
        PackageMetadata metadata = new PackageMetadata(pkgid(), name, require(arch, "arch", where),
                number(epoch, where), version, release, require(summary, "summary", where),
                require(description, "description", where), require(packager, "packager", where),
                require(url, "url", where), number(fileTime, where), number(buildTime, where),
                number(packageSize, where), number(installedSize, where), number(archiveSize, where),
                require(location, "location", where), require(license, "license", where),
                require(vendor, "vendor", where), require(group, "group", where),
                require(buildHost, "buildhost", where), require(sourceRpm, "sourcerpm", where),
                number(headerStart, where), number(headerEnd, where), dependencies, fileList, changes);
        List<MetadataFile> primaryFiles = new ArrayList<>();
        for (PrimaryFile file : files) {
            primaryFiles.add(new MetadataFile(file.path(), fileType(file.path(), file.type(), where)));
        }
        if (!primaryFiles.equals(metadata.primaryFiles())) {
            throw new PackagingException(where + ": primary.xml lists the files " + primaryFiles
                    + ", but of filelists.xml's those under /etc/, with bin/ or /usr/lib/sendmail are "
                    + metadata.primaryFiles());
        }
        return metadata;
    }

    private void readFormat(XmlCursor format) throws PackagingException {
        int level = format.depth();
        for (String child; (child = format.nextChild(level)) != null;) {
            switch (child) {
                case "license" -> license = firstText(license, format);
                case "vendor" -> vendor = firstText(vendor, format);
                case "group" -> group = firstText(group, format);
                case "buildhost" -> buildHost = firstText(buildHost, format);
                case "sourcerpm" -> sourceRpm = firstText(sourceRpm, format);
                case "header-range" -> {
                    if (headerStart == null) {
                        headerStart = format.attribute("start");
                        headerEnd = format.attribute("end");
                    }
                }
                case "file" -> {
                    String type = format.attribute("type");
                    files.add(new PrimaryFile(format.text(), type));
                }
                default -> {
                    DependencyKind kind = DEPENDENCY_ELEMENTS.get(child);
                    if (kind != null) {
                        readDependencies(format, dependencies.computeIfAbsent(kind, k -> new ArrayList<>()));
                    }
                }
            }
        }
    }

    private static void readDependencies(XmlCursor group, List<MetadataDependency> list)
            throws PackagingException {
        int level = group.depth();
        for (String child; (child = group.nextChild(level)) != null;) {
            if (child.equals("entry")) {
                list.add(new MetadataDependency(group.attribute("name"), group.attribute("flags"),
                        group.attribute("epoch"), group.attribute("ver"), group.attribute("rel"),
                        "1".equals(group.attribute("pre"))));
            }
        }
    }

    private static Map<String, DependencyKind> dependencyElements() {
        Map<String, DependencyKind> elements = new HashMap<>();
        for (DependencyKind kind : MetadataXml.primaryOrder()) {
            elements.put(MetadataXml.elementName(kind).substring("rpm:".length()), kind);
        }
        return Map.copyOf(elements);
    }

    /** A {@code <file>} of {@code <format>}, with its type attribute as written. */
    private record PrimaryFile(String path, String type) {
    }
}

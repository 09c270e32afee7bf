package io.rpmkit.repo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.rpmkit.format.DependencyKind;

/**
 * What the repository metadata says about one package: primary.xml's {@code <package>}, its
 * complete file list from filelists.xml and its changelog from other.xml. Strings that a package
 * does not have are empty, as createrepo_c writes them ({@code <packager></packager>}).
 *
 * @param pkgid the SHA-256 of the whole package file, in hex; the key that joins the three files
 * @param arch {@code src} for a source package
 * @param fileTime {@code <time file>}: the file's modification time, at most the revision
 * @param headerStart where the main header starts in the file ({@code rpm:header-range})
 * @param headerEnd where the main header ends, exclusive: the start of the payload
 * @param location the package's path relative to the repository root, with {@code /}
 * @param dependencies every kind, each in the package's order, an empty list for none
 * @param files in the package's order
 * @param changelog oldest first, as createrepo_c writes it
 */
public record PackageMetadata(String pkgid, String name, String arch, long epoch, String version, String release,
        String summary, String description, String packager, String url, long fileTime, long buildTime,
        long packageSize, long installedSize, long archiveSize, String location, String license, String vendor,
        String group, String buildHost, String sourceRpm, long headerStart, long headerEnd,
        Map<DependencyKind, List<MetadataDependency>> dependencies, List<MetadataFile> files,
        List<MetadataChangelog> changelog) {

    public PackageMetadata {
        Map<DependencyKind, List<MetadataDependency>> all = new EnumMap<>(DependencyKind.class);
        for (DependencyKind kind : DependencyKind.values()) {
            all.put(kind, List.copyOf(dependencies.getOrDefault(kind, List.of())));
        }
        dependencies = Collections.unmodifiableMap(all); // an EnumMap: looked up eight times per package
        files = List.copyOf(files);
        changelog = List.copyOf(changelog);
    }

    public List<MetadataDependency> dependencies(DependencyKind kind) {
        return dependencies.get(kind);
    }

    /** {@code name-epoch:version-release.arch}, the identity a repository holds once. */
    public String nevra() {
        return name + "-" + epoch + ":" + version + "-" + release + "." + arch;
    }

    /** The files primary.xml lists. */
    public List<MetadataFile> primaryFiles() {
        List<MetadataFile> primary = new ArrayList<>();
        for (MetadataFile file : files) {
            if (file.inPrimary()) {
                primary.add(file);
            }
        }
        return primary;
    }
}

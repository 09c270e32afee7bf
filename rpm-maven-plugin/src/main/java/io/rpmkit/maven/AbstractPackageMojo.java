package io.rpmkit.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.model.License;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.request.PackageRequest;

/**
 * What a package says about itself (name, version, description, dependencies) and how its payload
 * is made; the rpm goal adds the contents. Defaults come from the project, as Maven users expect.
 */
abstract class AbstractPackageMojo extends AbstractSigningMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The package name. */
    @Parameter(property = "rpm.name", defaultValue = "${project.artifactId}")
    String name;

    /**
     * The rpm version. Default: mapped from the project's version: {@code 1.2.3} stays, {@code
     * 1.2.3-SNAPSHOT} becomes 1.2.3 with release {@code 0.SNAPSHOT.<yyyyMMddHHmmss>}, any other
     * qualifier ({@code 1.2.3-rc-1}) release {@code 0.rc.1.<release>}, so that both sort before 1.2.3-1.
     */
    @Parameter(property = "rpm.version")
    private String version;

    /** The release of a final version; snapshots and qualified versions derive theirs from it. */
    @Parameter(property = "rpm.release", defaultValue = "1")
    private String release;

    /** The epoch, a whole number from 0; none by default. */
    @Parameter(property = "rpm.epoch")
    private Integer epoch;

    /** The architecture: noarch for Java, or x86_64, aarch64, ... for native contents. */
    @Parameter(property = "rpm.arch", defaultValue = "noarch")
    String arch;

    /** One line describing the package; default: the project's name. */
    @Parameter(defaultValue = "${project.name}")
    private String summary;

    /** Default: the project's description, or the summary. */
    @Parameter(defaultValue = "${project.description}")
    private String description;

    /** An SPDX expression, e.g. Apache-2.0; default: the names of the project's licenses joined with AND. */
    @Parameter
    private String license;

    /** The package group, e.g. Applications/System. */
    @Parameter(defaultValue = "Unspecified")
    private String group;

    /** The project's home page. */
    @Parameter(defaultValue = "${project.url}")
    private String url;

    /** Who distributes the package; default: the project's organization. */
    @Parameter(defaultValue = "${project.organization.name}")
    private String vendor;

    /** Who built the package, e.g. {@code Jane Doe <jane@example.com>}; none by default. */
    @Parameter
    private String packager;

    /** BUILDHOST; a fixed default keeps builds reproducible. */
    @Parameter(property = "rpm.buildHost", defaultValue = "localhost")
    private String buildHost;

    /**
     * Build time and the mtime of every entry: ISO-8601 with offset or seconds since 1970; falls back
     * to SOURCE_DATE_EPOCH, then to the current time (not reproducible, with a warning).
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * The oldest rpm that must install the package: el7 (rpm 4.11), el8 (4.14), el9 (4.16), el10 (4.19)
     * or fedora (4.20). Features it cannot read are refused; it decides the default compression.
     */
    @Parameter(property = "rpm.targetRpm", defaultValue = "el7")
    private String targetRpm;

    /** gzip, xz, zstd or none; default gzip for el7, zstd for later targets. */
    @Parameter(property = "rpm.compression")
    private String compression;

    /**
     * gzip 1 to 9, xz 0 to 9, zstd 1 to 19; default: the compression's own (gzip 6, xz 6, zstd 3). An
     * xz encoder takes about 125 MiB of heap at 6, 250 at 7, 500 at 8 and 930 at 9, and there are as
     * many as the cores and the heap allow.
     */
    @Parameter(property = "rpm.compressionLevel")
    private Integer compressionLevel;

    /**
     * Requires as in a spec file: {@code name}, {@code name >= 1.0}, {@code (post,preun) systemd}, a rich
     * dependency {@code (a >= 1.0 or b)} (rpm 4.13 and later, not el7), {@code (meta) name} (rpm 4.16 and
     * later, not el7 or el8).
     */
    @Parameter
    private List<String> requires = new ArrayList<>();

    /** Provides, each {@code name} or {@code name = version}; the package provides itself anyway. */
    @Parameter
    private List<String> provides = new ArrayList<>();

    /** Conflicts, each {@code name} or {@code name < version}. */
    @Parameter
    private List<String> conflicts = new ArrayList<>();

    /** Packages this one replaces, each {@code name} or {@code name < version}. */
    @Parameter
    private List<String> obsoletes = new ArrayList<>();

    /** Weak requires (rpm 4.12 and later): installed when available. */
    @Parameter
    private List<String> recommends = new ArrayList<>();

    /** Weaker requires (rpm 4.12 and later): shown to the user, not installed. */
    @Parameter
    private List<String> suggests = new ArrayList<>();

    /** Reverse recommends (rpm 4.12 and later): this package is installed along with the named ones. */
    @Parameter
    private List<String> supplements = new ArrayList<>();

    /** Reverse suggests (rpm 4.12 and later). */
    @Parameter
    private List<String> enhances = new ArrayList<>();

    /**
     * OrderWithRequires: packages this one installs after, and erases before, when a transaction holds
     * both, without requiring them; each {@code name} or {@code name >= version}.
     *
     * @since 0.2.0
     */
    @Parameter
    private List<String> orderWithRequires = new ArrayList<>();

    /** A request with the package's description and dependencies filled in. */
    PackageRequest.Builder describedPackage() {
        List<License> licenses = project.getLicenses();
        String projectLicense = licenses.isEmpty() ? null
                : licenses.stream().map(License::getName).collect(Collectors.joining(" AND "));
        return PackageRequest.builder().name(name).projectVersion(project.getVersion()).version(version)
                .release(release).epoch(epoch).arch(arch).summary(summary).description(description)
                .license(license != null ? license : projectLicense).group(group).url(url).vendor(vendor)
                .packager(packager).buildHost(buildHost)
                .buildTime(outputTimestamp, BuildTimes.sourceDateEpoch(), BuildTimes.now())
                .targetRpm(targetRpm).compression(compression, compressionLevel)
                .dependencies(DependencyKind.REQUIRES, requires).dependencies(DependencyKind.PROVIDES, provides)
                .dependencies(DependencyKind.CONFLICTS, conflicts).dependencies(DependencyKind.OBSOLETES, obsoletes)
                .dependencies(DependencyKind.RECOMMENDS, recommends).dependencies(DependencyKind.SUGGESTS, suggests)
                .dependencies(DependencyKind.SUPPLEMENTS, supplements)
                .dependencies(DependencyKind.ENHANCES, enhances)
                .dependencies(DependencyKind.ORDER, orderWithRequires);
    }
}

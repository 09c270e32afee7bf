package io.rpmkit.maven;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.maven.model.License;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import io.rpmkit.PackagingException;
import io.rpmkit.request.BuildTimestamp;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.request.EntryResolver;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.request.ProjectVersions;
import io.rpmkit.Quoting;
import io.rpmkit.write.RpmWriter;
import io.rpmkit.write.Signing;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.request.TemplateFilter;
import io.rpmkit.spec.Compression;

/**
 * Builds an RPM package from the project and attaches it (type {@code rpm}), so that {@code install}
 * and {@code deploy} publish it.
 *
 * @since 0.1.0
 */
@Mojo(name = "rpm", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractSigningMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private MavenProjectHelper projectHelper;

    /** Skips this goal. */
    @Parameter(property = "rpm.skip", defaultValue = "false")
    private boolean skip;

    /** The package name. */
    @Parameter(property = "rpm.name", defaultValue = "${project.artifactId}")
    private String name;

    /** The rpm version; default: the project's version up to its first '-' (see the README's mapping). */
    @Parameter(property = "rpm.version")
    private String version;

    /** The release of a final version; snapshots and qualified versions derive theirs from it. */
    @Parameter(property = "rpm.release", defaultValue = "1")
    private String release;

    /** The epoch; none by default. */
    @Parameter(property = "rpm.epoch")
    private Integer epoch;

    /** The architecture: noarch for Java, or x86_64, aarch64, ... for native contents. */
    @Parameter(property = "rpm.arch", defaultValue = "noarch")
    private String arch;

    /** One line; default: the project's name. */
    @Parameter(defaultValue = "${project.name}")
    private String summary;

    /** Default: the project's description, or the summary. */
    @Parameter(defaultValue = "${project.description}")
    private String description;

    /** SPDX expression; default: the names of the project's licenses joined with AND. */
    @Parameter
    private String license;

    @Parameter(defaultValue = "Unspecified")
    private String group;

    @Parameter(defaultValue = "${project.url}")
    private String url;

    @Parameter(defaultValue = "${project.organization.name}")
    private String vendor;

    @Parameter
    private String packager;

    /** BUILDHOST; a fixed default keeps builds reproducible. */
    @Parameter(property = "rpm.buildHost", defaultValue = "localhost")
    private String buildHost;

    /**
     * Build time and default file mtime; falls back to SOURCE_DATE_EPOCH, then to the current time
     * (not reproducible, with a warning).
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

    /** Default: the compression's own (gzip 6, xz 6, zstd 3). */
    @Parameter(property = "rpm.compressionLevel")
    private Integer compressionLevel;

    /** The files, trees, templates, directories, symlinks and ghosts of the package. */
    @Parameter
    private List<EntryConfig> entries = new ArrayList<>();

    /** Each "name", "name >= version", or "(post,preun) name" for install contexts. */
    @Parameter
    private List<String> requires = new ArrayList<>();

    @Parameter
    private List<String> provides = new ArrayList<>();

    @Parameter
    private List<String> conflicts = new ArrayList<>();

    @Parameter
    private List<String> obsoletes = new ArrayList<>();

    @Parameter
    private List<String> recommends = new ArrayList<>();

    @Parameter
    private List<String> suggests = new ArrayList<>();

    @Parameter
    private List<String> supplements = new ArrayList<>();

    @Parameter
    private List<String> enhances = new ArrayList<>();

    @Parameter
    private List<ScriptletConfig> scriptlets = new ArrayList<>();

    @Parameter
    private List<TriggerConfig> triggers = new ArrayList<>();

    /** The changelog in spec-file form ("* Tue Nov 24 2026 Name &lt;email&gt; - 1.0-1" then "- text" lines). */
    @Parameter
    private String changelog;

    /** A file holding the changelog in spec-file form, instead of {@code changelog}. */
    @Parameter
    private File changelogFile;

    @Parameter(defaultValue = "${project.build.directory}", required = true)
    private File outputDirectory;

    /** The file name; default name-version-release.arch.rpm. */
    @Parameter(property = "rpm.fileName")
    private String fileName;

    /** Also the legacy header-and-payload signature; default: on for targetRpm el7, whose rpm checks only it. */
    @Parameter(property = "rpm.sign.legacy")
    private Boolean signLegacy;

    /** Attaches the package with this classifier; none by default. */
    @Parameter(property = "rpm.classifier")
    private String classifier;

    /** Whether to attach the package to the project. */
    @Parameter(property = "rpm.attach", defaultValue = "true")
    private boolean attach;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the rpm goal (rpm.skip)");
            return;
        }
        PackageSpec spec;
        try {
            spec = spec();
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Path output = outputDirectory.toPath().resolve(fileName != null ? fileName : spec.fileName());
        Signing signing = signing(spec);
        try {
            new RpmWriter(new MavenConsole(getLog())).write(spec, output, signing);
        } catch (PackagingException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (attach) {
            projectHelper.attachArtifact(project, "rpm", classifier, output.toFile());
        }
    }

    private PackageSpec spec() throws PackagingException {
        PackageSpec.Builder builder = PackageSpec.builder();
        Instant buildTime = buildTime(builder);
        ProjectVersions.RpmVersion rpmVersion = version != null ? new ProjectVersions.RpmVersion(version, release)
                : ProjectVersions.fromMaven(project.getVersion(), release, buildTime);
        Compression payloadCompression = compression == null ? null : Compression.ofSettingName(compression).orElse(null);
        if (compression != null && payloadCompression == null) {
            builder.problem("compression '" + compression + "' is unknown: use " + Compression.acceptedNames());
        }
        TargetRpm target = TargetRpm.ofSettingName(targetRpm).orElse(null);
        if (target == null) {
            builder.problem("targetRpm '" + targetRpm + "' is unknown: use " + TargetRpm.acceptedNames());
        }
        builder.name(name).epoch(epoch).version(rpmVersion.version()).release(rpmVersion.release()).arch(arch)
                .summary(summary).description(description).license(license != null ? license : projectLicense())
                .group(group).url(url).vendor(vendor).packager(packager).buildHost(buildHost).buildTime(buildTime)
                .targetRpm(target).compression(payloadCompression, compressionLevel);

        TemplateFilter filter = new TemplateFilter(key -> lookup(key, rpmVersion));
        EntryResolver resolver = new EntryResolver(filter);
        builder.entries(resolver.resolve(entries.stream().map(EntryConfig::toRequest).toList()));
        resolver.problems().forEach(builder::problem);

        Map.of(DependencyKind.REQUIRES, requires, DependencyKind.PROVIDES, provides, DependencyKind.CONFLICTS,
                conflicts, DependencyKind.OBSOLETES, obsoletes, DependencyKind.RECOMMENDS, recommends,
                DependencyKind.SUGGESTS, suggests, DependencyKind.SUPPLEMENTS, supplements, DependencyKind.ENHANCES,
                enhances).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(kind -> {
                    List<String> list = kind.getValue();
                    for (int i = 0; i < list.size(); i++) {
                        builder.dependency(kind.getKey(), kind.getKey().settingName() + "[" + i + "]", list.get(i));
                    }
                });
        Scripts.addScriptlets(builder, scriptlets);
        Scripts.addTriggers(builder, triggers);
        if (fileName != null && (fileName.isBlank() || fileName.contains("/") || fileName.equals("..")
                || fileName.equals("."))) {
            builder.problem("fileName " + Quoting.quote(fileName) + " is not a file name: give a name without '/',"
                    + " e.g. " + name + ".rpm, or leave it unset");
        }
        if (changelog != null && changelogFile != null) {
            builder.problem("changelog and changelogFile are both set: give one of them");
        } else if (changelog != null) {
            builder.changelog("changelog", changelog);
        } else if (changelogFile != null) {
            Optional<String> text = Scripts.read(builder, "changelogFile", changelogFile);
            text.ifPresent(t -> builder.changelog("changelogFile " + changelogFile, t));
        }
        return builder.build();
    }

    private Signing signing(PackageSpec spec) throws MojoFailureException {
        boolean legacy = signLegacy != null ? signLegacy : spec.targetRpm() == TargetRpm.EL7;
        SigningParameters parameters = signingParameters(legacy);
        if (!parameters.isConfigured()) {
            return null;
        }
        SigningKey key = loadKey(parameters);
        try {
            // The signature carries the build time, so signed packages are reproducible too.
            return new Signing(new PackageSigner(key, parameters.hash(), spec.buildTime()), legacy);
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private Instant buildTime(PackageSpec.Builder builder) {
        try {
            Optional<Instant> time = BuildTimestamp.resolve(outputTimestamp, System.getenv("SOURCE_DATE_EPOCH"));
            if (time.isPresent()) {
                return time.get();
            }
        } catch (IllegalArgumentException e) {
            builder.problem(e.getMessage());
            return Instant.EPOCH; // the build fails on the problem; no warning about an unset timestamp
        }
        getLog().warn("Neither project.build.outputTimestamp nor SOURCE_DATE_EPOCH is set: the package carries the"
                + " current time and is not reproducible");
        return Instant.ofEpochSecond(Instant.now().getEpochSecond());
    }

    private String projectLicense() {
        List<License> licenses = project.getLicenses();
        return licenses.isEmpty() ? null
                : licenses.stream().map(License::getName).collect(Collectors.joining(" AND "));
    }

    /** What templates may use: the project's coordinates, the package's own, and every property. */
    private String lookup(String key, ProjectVersions.RpmVersion rpmVersion) {
        return switch (key) {
            case "project.version" -> project.getVersion();
            case "project.artifactId" -> project.getArtifactId();
            case "project.groupId" -> project.getGroupId();
            case "project.name" -> project.getName();
            case "project.description" -> project.getDescription();
            case "project.url" -> project.getUrl();
            case "rpm.name" -> name;
            case "rpm.version" -> rpmVersion.version();
            case "rpm.release" -> rpmVersion.release();
            case "rpm.arch" -> arch;
            default -> project.getProperties().getProperty(key);
        };
    }

}

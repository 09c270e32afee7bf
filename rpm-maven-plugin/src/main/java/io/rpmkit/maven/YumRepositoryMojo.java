package io.rpmkit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import io.rpmkit.Choices;
import io.rpmkit.PackagingException;
import io.rpmkit.repo.MetadataCompression;
import io.rpmkit.repo.RepositoryOptions;
import io.rpmkit.repo.RepositoryPackages;
import io.rpmkit.repo.RepositoryWriter;
import io.rpmkit.sign.PackageSigner;

/**
 * Makes a yum/dnf repository: copies packages into {@code packages/} of the repository directory
 * and writes its {@code repodata/}, as {@code createrepo_c} would. The packages are the rpm
 * artifacts attached to the projects of the reactor built so far, the project's dependencies of
 * type {@code rpm}, and the .rpm files of {@code sources}. Run it in a module that depends on the
 * packaging modules (with {@code <type>rpm</type>}), so that Maven builds them first.
 *
 * @since 0.1.0
 */
@Mojo(name = "yum-repository", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class YumRepositoryMojo extends AbstractSigningMojo {
    private static final String RPM_TYPE = "rpm";

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Skips this goal. */
    @Parameter(property = "rpm.repository.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The repository: packages are copied into its {@code packages/}, metadata written to its
     * {@code repodata/}. Every .rpm file below it is indexed (but for those under {@code repodata/} and
     * directories whose name starts with a dot; links are followed, and a file several paths reach is
     * listed once), also those left from earlier builds; an .rpm entry that is no package (a link to
     * nothing, a fifo) is an error.
     * Packages given that are below it already stay where they are.
     */
    @Parameter(property = "rpm.repository.directory", defaultValue = "${project.build.directory}/yum-repository",
            required = true)
    private File directory;

    /**
     * repomd.xml's revision and the metadata's timestamps: ISO-8601 with offset or seconds since
     * 1970; default the project's output timestamp, then SOURCE_DATE_EPOCH, then the current time
     * (not reproducible, with a warning).
     */
    @Parameter(property = "rpm.repository.revision", defaultValue = "${project.build.outputTimestamp}")
    private String revision;

    /**
     * Further packages: directories (every .rpm file below them, found as in {@code directory}; one without
     * any is an error) or .rpm files. Those below
     * {@code directory} are indexed where they are, e.g. the repository's own {@code packages/} to index a
     * directory of packages in place.
     */
    @Parameter
    private List<File> sources = new ArrayList<>();

    /** How many of each package's newest changelog entries other.xml keeps; createrepo_c's default. */
    @Parameter(property = "rpm.repository.changelogLimit", defaultValue = "10")
    private int changelogLimit;

    /**
     * How primary, filelists and other.xml are compressed: gzip (the default; EL7's yum reads only gzip) or
     * zstd (createrepo_c 1.x's default, for dnf on EL8 and later, Fedora and dnf5).
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.repository.compression", defaultValue = "gzip")
    private String compression;

    /**
     * Keeps the previous {@code repodata/}'s metadata of every package whose path, size and modification
     * time are unchanged instead of reading the package again, as {@code createrepo_c --update} does:
     * for a large repository to which a build adds a few packages. Packages gone are dropped, new and
     * changed ones indexed; previous metadata that cannot be read is ignored with a warning.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.repository.update", defaultValue = "false")
    private boolean update;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the yum-repository goal (rpm.repository.skip)");
            return;
        }
        Path repository = directory.toPath();
        RepositoryWriter writer = new RepositoryWriter(new MavenConsole(getLog()));
        try {
            Instant time = BuildTimes.configuredOrNow("rpm.repository.revision", revision,
                    "rpm.repository.revision, project.build.outputTimestamp", "repository", getLog());
            RepositoryOptions options = RepositoryOptions.of(time).withChangelogLimit(changelogLimit)
                    .withCompression(compression()).withUpdate(update);
            SigningParameters signing = signingParameters(false);
            if (signing.isConfigured()) {
                PackageSigner signer = new PackageSigner(loadKey(signing), signing.hash(), time);
                options = options.withSigner(signer::detachedArmored);
            }
            RepositoryPackages.Collected packages = RepositoryPackages.collect(artifacts(),
                    sources.stream().map(File::toPath).toList(), "sources", repository);
            if (packages.toCopy().isEmpty() && packages.inPlace().isEmpty()) {
                throw new MojoFailureException("yum-repository found no packages: run the rpm goal in modules this one"
                        + " depends on with <type>rpm</type>, or list directories or .rpm files in <sources>");
            }
            RepositoryPackages.copy(packages.toCopy(), repository.resolve(RepositoryPackages.PACKAGES));
            writer.write(repository, options);
        } catch (PackagingException e) {
            if (e.getCause() instanceof IOException) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
            throw new MojoFailureException(e.getMessage(), e);
        }
    }


    private MetadataCompression compression() throws MojoFailureException {
        try {
            return Choices.parse(MetadataCompression.class, "rpm.repository.compression", compression);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /**
     * The rpm artifacts, each file once, in the order found (the reactor's, then the dependencies), each
     * named by its coordinates for messages.
     */
    private Map<Path, String> artifacts() {
        Map<Path, String> found = new LinkedHashMap<>();
        for (MavenProject built : session.getProjects()) {
            for (Artifact artifact : built.getAttachedArtifacts()) {
                addRpm(found, artifact);
            }
        }
        for (Artifact artifact : project.getArtifacts()) {
            addRpm(found, artifact);
        }
        return found;
    }

    private static void addRpm(Map<Path, String> found, Artifact artifact) {
        if (RPM_TYPE.equals(artifact.getType()) && artifact.getFile() != null) {
            found.putIfAbsent(artifact.getFile().toPath().toAbsolutePath().normalize(), "artifact " + artifact.getId());
        }
    }
}

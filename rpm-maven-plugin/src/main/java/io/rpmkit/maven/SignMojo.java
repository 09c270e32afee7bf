package io.rpmkit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.rpmkit.Choices;
import io.rpmkit.PackagingException;
import io.rpmkit.read.RpmReader;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SignatureMode;
import io.rpmkit.sign.SigningKey;

/**
 * Signs .rpm packages in place with an OpenPGP key, with no gpg or rpmsign on the machine: the
 * header signature that rpm 4.14 and later check, and on request the legacy header-and-payload
 * signature that EL7's rpm checks. The package is replaced only once the signed copy is complete.
 *
 * <p>In a project, bound after the rpm goal (its default phase is package), it signs the rpm
 * artifacts attached to the project; anywhere, the file given: {@code mvn
 * io.rpmkit:rpm-maven-plugin:VERSION:sign -Drpm.file=x.rpm -Drpm.sign.keyFile=signing-key.asc}. (The
 * rpm goal signs by itself when given {@code rpm.sign.keyFile}; this goal is for signing later, with
 * another key, or packages built elsewhere.) The passphrase comes from a settings.xml server or an
 * environment variable, never from the pom or the command line.
 *
 * <p>The signature time is the build timestamp ({@code project.build.outputTimestamp}, else
 * {@code SOURCE_DATE_EPOCH}), else the package's BUILDTIME, so that signing is reproducible.
 *
 * @since 0.1.0
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class SignMojo extends AbstractSigningMojo {
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** The package to sign; in a project, default: every rpm artifact attached to it. */
    @Parameter(property = "rpm.file")
    private File file;

    /** Skips this goal. */
    @Parameter(property = "rpm.sign.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Also signs header and payload together (RPMSIGTAG_PGP/GPG), which rpm before 4.14 (EL7) checks.
     * Refused for v6 packages, whose signature header has no room for it.
     */
    @Parameter(property = "rpm.sign.legacy", defaultValue = "false")
    private boolean legacy;

    /**
     * What happens to the signatures a package has: {@code replace} them (as {@code rpmsign --resign})
     * or {@code add} the new one beside them (as rpm 6's {@code rpmsign --addsign}): then every header
     * signature is in the OPENPGP tag, which rpm 6 checks, and the first stays in RSAHEADER or
     * DSAHEADER, which rpm 4 checks. A signature by the same key with the same hash is not added
     * twice.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.sign.signatures", defaultValue = "replace")
    private String signatures;

    /** The signature time; falls back to SOURCE_DATE_EPOCH, then to the package's BUILDTIME. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the sign goal (rpm.sign.skip)");
            return;
        }
        List<Path> packages = packages();
        SigningParameters parameters = signingParameters(legacy);
        HashChoice hashChoice = parameters.hash();
        Optional<Instant> timestamp = BuildTimes.configured("signing", outputTimestamp);
        SignatureMode mode;
        try {
            mode = Choices.parse(SignatureMode.class, "signing: rpm.sign.signatures", signatures);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        SigningKey key = loadKey(parameters);
        for (Path rpm : packages) {
            try {
                PackageSigner signer = new PackageSigner(key, hashChoice, timestamp.isPresent() ? timestamp.get()
                        : buildTime(rpm));
                PackageSigning.Signed signed = PackageSigning.signInPlace(rpm, signer, legacy, mode);
                if (signed.tags().isEmpty()) {
                    getLog().info(rpm + " (" + signed.nevra() + ") has a signature by " + signer.describe()
                            + " already; nothing added");
                    continue;
                }
                getLog().info("Signed " + rpm + " (" + signed.nevra() + "): " + signer.describe()
                        + (legacy ? ", header and legacy header+payload" : ", header") + " signature at "
                        + signer.time() + (signed.replacedSignature() ? ", replacing the earlier signature" : "")
                        + (mode == SignatureMode.ADD ? ", " + signed.headerSignatures() + " header signatures now"
                                : ""));
            } catch (PackagingException e) {
                if (e.getCause() instanceof IOException) {
                    throw new MojoExecutionException(e.getMessage(), e);
                }
                throw new MojoFailureException(e.getMessage(), e);
            }
        }
    }

    private List<Path> packages() throws MojoFailureException {
        return RpmArtifacts.of(file, project, session, "signing", "mvn io.rpmkit:rpm-maven-plugin:VERSION:sign"
                + " -Drpm.file=x.rpm -Drpm.sign.keyFile=signing-key.asc");
    }

    private static Instant buildTime(Path rpm) throws PackagingException {
        return RpmReader.read(rpm).buildTime().orElseThrow(() -> new PackagingException("signing " + rpm
                + ": the package has no BUILDTIME to date the signature by; set project.build.outputTimestamp"
                + " or SOURCE_DATE_EPOCH"));
    }
}

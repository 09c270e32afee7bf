package io.rpmkit.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.rpmkit.PackagingException;
import io.rpmkit.read.PackageVerification;
import io.rpmkit.read.RpmReader;
import io.rpmkit.read.SignatureCheck;
import io.rpmkit.read.VerificationKeys;

/**
 * Fails the build unless every package is signed, every signature verifies with one of the given
 * public keys, and every digest matches: {@code rpmkeys -K} with the release keys imported, for a
 * release pipeline, with no rpm on the machine. An unsigned package, a BAD signature, one by a key not
 * given (NOKEY) or by a revoked or expired key (NOTTRUSTED) fails it, naming the file, the signature
 * and the reason; every package is checked before it fails.
 *
 * <p>In a project it checks the rpm artifacts attached to it (bind it after the rpm and sign goals);
 * anywhere, the file given: {@code mvn io.rpmkit:rpm-maven-plugin:VERSION:verify -Drpm.file=x.rpm
 * -Drpm.keys=release-key.asc}.
 *
 * @since 0.2.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** The package to verify; in a project, default: every rpm artifact attached to it. */
    @Parameter(property = "rpm.file")
    private File file;

    /**
     * The public keys the packages must be signed with: files as {@code gpg --export [--armor]} writes
     * them, each holding one key or a keyring of several. On the command line, comma-separated.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.keys")
    private List<File> keys;

    /**
     * Skips this goal.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.verify.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the verify goal (rpm.verify.skip)");
            return;
        }
        VerificationKeys verificationKeys = loadKeys(keys, "verify");
        List<Path> packages = RpmArtifacts.of(file, project, session, "verify",
                "mvn io.rpmkit:rpm-maven-plugin:VERSION:verify -Drpm.file=x.rpm -Drpm.keys=release-key.asc");
        List<String> failures = new ArrayList<>();
        for (Path rpm : packages) {
            try {
                PackageVerification verification = PackageVerification.verify(RpmReader.read(rpm), verificationKeys);
                if (verification.passes()) {
                    getLog().info("Verified " + rpm + " (" + verification.pkg().nevra() + "): "
                            + String.join("; ", verification.signatures().checks().stream()
                                    .map(SignatureCheck::toString).toList())
                            + "; " + verification.digests().checks().size() + " digests OK");
                } else {
                    failures.add(rpm + ":\n  " + String.join("\n  ", verification.problems()));
                }
            } catch (PackagingException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new MojoFailureException("verify: " + failures.size() + " of " + packages.size()
                    + " packages failed verification:\n" + String.join("\n", failures));
        }
    }

    /** The keys setting, loaded; an empty one is a mistake for a goal that needs keys. */
    static VerificationKeys loadKeys(List<File> keys, String goal) throws MojoFailureException {
        if (keys == null || keys.isEmpty()) {
            throw new MojoFailureException(goal + ": keys is empty; name the public keys the packages must be"
                    + " signed with, <keys><key>release-key.asc</key></keys> or -Drpm.keys=release-key.asc (export"
                    + " one with gpg --export --armor KEYID > release-key.asc)");
        }
        try {
            return VerificationKeys.load("keys", keys.stream().map(File::toPath).toList());
        } catch (PackagingException e) {
            throw new MojoFailureException(goal + ": " + e.getMessage(), e);
        }
    }
}

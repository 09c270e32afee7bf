package io.rpmkit.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.rpmkit.PackagingException;
import io.rpmkit.read.DigestReport;
import io.rpmkit.read.PackageSummary;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.read.SafeExtractor;
import io.rpmkit.read.SignatureReport;

/**
 * Prints a readable summary of any .rpm: what {@code rpm -qip}, {@code -qlvp}, {@code --scripts} and
 * {@code --requires} show together. Runs inside a project or without one:
 * {@code mvn io.rpmkit:rpm-maven-plugin:VERSION:inspect -Drpm.file=x.rpm}.
 *
 * @since 0.1.0
 */
@Mojo(name = "inspect", requiresProject = false, threadSafe = true)
public class InspectMojo extends AbstractMojo {
    /** The package to inspect. */
    @Parameter(property = "rpm.file", required = true)
    private File file;

    /** Also extracts the payload into this directory; entries that would land outside it are refused. */
    @Parameter(property = "rpm.extract")
    private File extract;

    /** Also recomputes every digest (header, payload, files) and fails if one does not match. */
    @Parameter(property = "rpm.verify", defaultValue = "false")
    private boolean verify;

    /**
     * Public keys to check the package's signatures with (files as {@code gpg --export [--armor]}
     * writes them; comma-separated on the command line): each signature is shown OK, BAD, NOKEY or
     * NOTTRUSTED, and with {@code rpm.verify} anything but OK fails the build.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.keys")
    private List<File> keys;

    @Override
    public void execute() throws MojoFailureException {
        try {
            RpmPackage rpm = RpmReader.read(file.toPath());
            getLog().info("\n" + PackageSummary.render(rpm));
            if (keys != null && !keys.isEmpty()) {
                SignatureReport signatures = rpm.verifySignatures(VerifyMojo.loadKeys(keys, "inspect"));
                getLog().info("Signatures:\n" + signatures);
                if (verify && !signatures.allOk()) {
                    throw new MojoFailureException(file + ": signatures do not verify:\n" + signatures);
                }
            }
            if (verify) {
                DigestReport report = rpm.verifyDigests();
                if (!report.allOk()) {
                    throw new MojoFailureException(file + ": digests do not match:\n" + report.failures());
                }
            }
            if (extract != null) {
                SafeExtractor.Result result = SafeExtractor.extract(rpm, extract.toPath());
                result.notes().forEach(note -> getLog().warn(note));
                getLog().info("Extracted " + result.written().size() + " entries to " + extract);
            }
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}

package io.rpmkit.maven;

import java.io.File;

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

    @Override
    public void execute() throws MojoFailureException {
        try {
            RpmPackage rpm = RpmReader.read(file.toPath());
            getLog().info("\n" + PackageSummary.render(rpm));
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

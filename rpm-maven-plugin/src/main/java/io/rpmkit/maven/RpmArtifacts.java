package io.rpmkit.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/** The packages a goal that works on files (sign, verify) works on: the one given, else the project's rpms. */
final class RpmArtifacts {
    private RpmArtifacts() {
    }

    /**
     * @param goal the goal's name for messages, "sign"
     * @param example the goal's command line outside a project
     */
    static List<Path> of(File file, MavenProject project, MavenSession session, String goal, String example)
            throws MojoFailureException {
        if (file != null) {
            return List.of(file.toPath());
        }
        boolean inProject = session != null && session.getRequest().isProjectPresent() && project != null;
        if (!inProject) {
            throw new MojoFailureException(goal + ": rpm.file is not set; name the package, e.g. " + example);
        }
        List<Path> attached = new ArrayList<>();
        List<Artifact> artifacts = new ArrayList<>(project.getAttachedArtifacts());
        artifacts.add(0, project.getArtifact());
        for (Artifact artifact : artifacts) {
            if (artifact != null && "rpm".equals(artifact.getType()) && artifact.getFile() != null) {
                attached.add(artifact.getFile().toPath());
            }
        }
        if (attached.isEmpty()) {
            throw new MojoFailureException(goal + ": " + project.getId() + " has no rpm artifact; bind this goal"
                    + " after the rpm goal, or set rpm.file");
        }
        return attached;
    }
}

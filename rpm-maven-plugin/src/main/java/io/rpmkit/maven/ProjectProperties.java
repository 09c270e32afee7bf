package io.rpmkit.maven;

import org.apache.maven.project.MavenProject;

/** What templates may use of a project: its coordinates and description, and every property. */
record ProjectProperties(MavenProject project) {
    String get(String key) {
        return switch (key) {
            case "project.version" -> project.getVersion();
            case "project.artifactId" -> project.getArtifactId();
            case "project.groupId" -> project.getGroupId();
            case "project.name" -> project.getName();
            case "project.description" -> project.getDescription();
            case "project.url" -> project.getUrl();
            default -> project.getProperties().getProperty(key);
        };
    }
}

package io.rpmkit.request;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Maps a Maven version onto rpm's version and release.
 *
 * <ul>
 * <li>{@code 1.2.3} becomes version 1.2.3, release as configured (default 1).
 * <li>{@code 1.2.3-SNAPSHOT} becomes version 1.2.3, release {@code 0.SNAPSHOT.<yyyyMMddHHmmss>}: the
 * leading 0 sorts before any final release 1, and the build timestamp orders snapshots.
 * <li>{@code 1.2.3-rc-1} (any other qualifier) becomes version 1.2.3, release {@code 0.rc.1.<release>},
 * Fedora's convention for pre-releases, so that it also sorts before 1.2.3-1.
 * </ul>
 */
public final class ProjectVersions {
    private static final DateTimeFormatter SNAPSHOT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ProjectVersions() {
    }

    /** An rpm version and release. */
    public record RpmVersion(String version, String release) {
    }

    /**
     * @param release the configured release, used for final versions and appended to qualifiers
     * @param buildTime stamps snapshot releases
     */
    public static RpmVersion fromMaven(String mavenVersion, String release, Instant buildTime) {
        int dash = mavenVersion.indexOf('-');
        if (dash < 0) {
            return new RpmVersion(mavenVersion, release);
        }
        String version = mavenVersion.substring(0, dash);
        String qualifier = mavenVersion.substring(dash + 1).replaceAll("[^A-Za-z0-9._+~^]+", ".");
        if (qualifier.equals("SNAPSHOT") || qualifier.endsWith(".SNAPSHOT")) {
            return new RpmVersion(version, "0." + qualifier + "." + SNAPSHOT_STAMP.format(buildTime));
        }
        return new RpmVersion(version, "0." + qualifier + "." + release);
    }
}

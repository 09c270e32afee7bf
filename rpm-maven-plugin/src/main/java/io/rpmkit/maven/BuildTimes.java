package io.rpmkit.maven;

import java.time.Instant;
import java.util.Optional;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import io.rpmkit.request.BuildTimestamp;

/**
 * The build time of every goal: the configured timestamp (by default {@code
 * project.build.outputTimestamp}), else {@code SOURCE_DATE_EPOCH}, else the clock with a warning. The
 * library never reads the clock or the environment; this is where the Mojos do.
 */
final class BuildTimes {
    private BuildTimes() {
    }

    static String sourceDateEpoch() {
        return System.getenv("SOURCE_DATE_EPOCH");
    }

    static Instant now() {
        return Instant.now();
    }

    /**
     * The configured time, or empty when neither it nor SOURCE_DATE_EPOCH is set.
     *
     * @param step names the goal in the message of a bad timestamp, e.g. {@code signing}
     */
    static Optional<Instant> configured(String step, String timestamp) throws MojoFailureException {
        try {
            return BuildTimestamp.resolve(timestamp, sourceDateEpoch());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(step + ": " + e.getMessage(), e);
        }
    }

    /** The configured time, else the clock's with a warning that names {@code settings} and {@code product}. */
    static Instant configuredOrNow(String step, String timestamp, String settings, String product, Log log)
            throws MojoFailureException {
        Optional<Instant> time = configured(step, timestamp);
        if (time.isPresent()) {
            return time.get();
        }
        log.warn(BuildTimestamp.unsetWarning(settings, product));
        return Instant.ofEpochSecond(now().getEpochSecond());
    }
}

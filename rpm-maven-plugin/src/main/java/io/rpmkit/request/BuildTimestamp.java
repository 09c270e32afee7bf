package io.rpmkit.request;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.rpmkit.Quoting;
import io.rpmkit.format.RpmLimits;

/** Reads the build timestamp the way Maven's reproducible-build support defines it. */
public final class BuildTimestamp {
    private BuildTimestamp() {
    }

    /**
     * @param outputTimestamp {@code project.build.outputTimestamp}: ISO-8601 with offset, or seconds since
     *     the epoch; a value of one character (Maven's way to switch it off), an expression Maven left
     *     unresolved ({@code ${...}}, outside a project) or none means unset
     * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable, used when the first is unset
     * @return the timestamp, or empty when neither is set
     */
    public static Optional<Instant> resolve(String outputTimestamp, String sourceDateEpoch) {
        if (outputTimestamp != null && outputTimestamp.strip().length() > 1 && !outputTimestamp.startsWith("${")) {
            return Optional.of(parse("project.build.outputTimestamp", outputTimestamp.strip()));
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            return Optional.of(parse("SOURCE_DATE_EPOCH", sourceDateEpoch.strip()));
        }
        return Optional.empty();
    }

    /** The warning of a build that falls back to the clock; {@code settings} names what was not set. */
    public static String unsetWarning(String settings, String product) {
        return "Neither " + settings + " nor SOURCE_DATE_EPOCH is set: the " + product + " carries the current time"
                + " and is not reproducible";
    }

    private static Instant parse(String setting, String value) {
        Instant time;
        try {
            time = value.matches("\\d{1,18}") ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(value) + " is not a timestamp: use"
                    + " ISO-8601 with an offset, e.g. 2026-11-24T10:00:00Z, or seconds since 1970");
        }
        if (time.getEpochSecond() < 0 || time.getEpochSecond() > RpmLimits.MAX_UINT32) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(value) + " is outside what rpm stores:"
                    + " use a time from 1970 to 2106");
        }
        return time;
    }
}

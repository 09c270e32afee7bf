package io.rpmkit.request;

import io.rpmkit.Quoting;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the build timestamp the way Maven's reproducible-build support defines it. */
public final class BuildTimestamp {
    /** rpm stores times as unsigned 32-bit seconds. */
    private static final long MAX_RPM_TIME = 0xFFFFFFFFL;

    private BuildTimestamp() {
    }

    /**
     * @param outputTimestamp {@code project.build.outputTimestamp}: ISO-8601 with offset, or seconds since
     *     the epoch; a value of one character (Maven's way to switch it off) or none means unset
     * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable, used when the first is unset
     * @return the timestamp, or empty when neither is set
     */
    public static Optional<Instant> resolve(String outputTimestamp, String sourceDateEpoch) {
        if (outputTimestamp != null && outputTimestamp.strip().length() > 1) {
            return Optional.of(parse("project.build.outputTimestamp", outputTimestamp.strip()));
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            return Optional.of(parse("SOURCE_DATE_EPOCH", sourceDateEpoch.strip()));
        }
        return Optional.empty();
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
        if (time.getEpochSecond() < 0 || time.getEpochSecond() > MAX_RPM_TIME) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(value) + " is outside what rpm stores:"
                    + " use a time from 1970 to 2106");
        }
        return time;
    }
}

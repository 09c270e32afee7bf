package io.rpmkit.read;

import java.time.Instant;

/**
 * One %changelog entry.
 *
 * @param time the day of the entry: rpmbuild stores noon of the written date in the builder's local
 *     time zone (build/parseChangelog.cc), so its UTC date is the date written for any zone within
 *     twelve hours of UTC
 * @param author the heading after the date, e.g. {@code Jane Doe <jane@example.com> - 1.2-3}
 */
public record ChangelogEntry(Instant time, String author, String text) {
}

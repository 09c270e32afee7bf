package io.rpmkit.spec;

import java.time.Instant;

/**
 * One %changelog entry.
 *
 * @param author the line after the date, e.g. {@code Jane Doe <jane@example.com> - 1.8.9-1}
 * @param text the entry's lines, e.g. {@code - First package}
 */
public record ChangelogEntry(Instant time, String author, String text) {
}

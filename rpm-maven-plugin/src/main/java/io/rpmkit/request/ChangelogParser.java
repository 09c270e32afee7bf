package io.rpmkit.request;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rpmkit.Quoting;
import io.rpmkit.spec.ChangelogEntry;

/**
 * Reads a changelog in spec-file form:
 *
 * <pre>
 * * Tue Nov 24 2026 Jane Doe &lt;jane@example.com&gt; - 1.8.9-1
 * - First package
 * </pre>
 */
public final class ChangelogParser {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d yyyy", Locale.ENGLISH);

    private ChangelogParser() {
    }

    public static List<ChangelogEntry> parse(String setting, String text) throws IllegalArgumentException {
        List<ChangelogEntry> entries = new ArrayList<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        int lineNumber = 0;
        for (String line : text.strip().split("\r?\n")) {
            lineNumber++;
            if (line.startsWith("*")) {
                if (heading != null) {
                    entries.add(entry(setting, heading, body));
                }
                heading = line;
                body.setLength(0);
            } else if (heading == null) {
                if (!line.isBlank()) {
                    throw new IllegalArgumentException(setting + " line " + lineNumber + " " + Quoting.quote(line) + ": an entry"
                            + " starts with '* Tue Nov 24 2026 Name <email> - version-release'");
                }
            } else if (!line.isBlank()) {
                body.append(body.length() == 0 ? "" : "\n").append(line);
            }
        }
        if (heading != null) {
            entries.add(entry(setting, heading, body));
        }
        return entries;
    }

    private static ChangelogEntry entry(String setting, String heading, StringBuilder body) {
        String[] words = heading.substring(1).strip().split("\\s+", 5);
        if (words.length < 5) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(heading) + ": write '* Tue Nov 24 2026 Name <email>"
                    + " - version-release'");
        }
        String date = String.join(" ", words[0], words[1], words[2], words[3]);
        try {
            LocalDate day = LocalDate.parse(date, DATE);
            return new ChangelogEntry(day.atTime(12, 0).toInstant(ZoneOffset.UTC), words[4], body.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(heading) + ": date " + Quoting.quote(date) + " is not a date"
                    + " like 'Tue Nov 24 2026' (with the right weekday)");
        }
    }
}

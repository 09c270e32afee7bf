package io.rpmkit.request;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import io.rpmkit.Choice;
import io.rpmkit.Choices;
import io.rpmkit.Quoting;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;

/**
 * Parses the attributes an entry and a path rule share (modes, flags, verify checks), adding each
 * problem to the list given, so that one bad value never hides another.
 */
final class EntryAttributes {
    /** A ghost is an entry type, not a flag. */
    static final List<FileFlag> SETTABLE_FLAGS = List.of(FileFlag.CONFIG, FileFlag.NOREPLACE,
            FileFlag.MISSINGOK, FileFlag.DOC, FileFlag.LICENSE, FileFlag.README);
    /** Every check rpm -V makes, and "none". */
    private static final List<Choice> VERIFY_WORDS = verifyWords();

    private final List<String> problems;

    EntryAttributes(List<String> problems) {
        this.problems = problems;
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    /** The octal mode written, or {@code defaultMode} when unset or wrong (then with a problem). */
    int mode(String label, String setting, String value, int defaultMode) {
        if (!given(value)) {
            return defaultMode;
        }
        String digits = value.strip();
        if (!digits.matches("[0-7]{1,5}") || Integer.parseInt(digits, 8) > 07777) {
            problems.add(label + ": " + setting + " " + Quoting.quote(value) + " is not a mode: use octal digits from 0000 to 7777,"
                    + " e.g. 0644");
            return defaultMode;
        }
        return Integer.parseInt(digits, 8);
    }

    Set<FileFlag> flags(String label, String value) {
        Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        for (String word : words(value)) {
            try {
                flags.add(Choices.parse(SETTABLE_FLAGS, label + ": flag", word));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " (a ghost is a type)");
            }
        }
        return flags;
    }

    /**
     * The checks rpm -V makes; null (all of them) when unset, empty for "none". A leading "not" keeps
     * every check but those named, as rpm's {@code %verify(not ...)} does.
     */
    Set<VerifyFlag> verify(String label, String value) {
        if (!given(value)) {
            return null;
        }
        List<String> words = words(value);
        boolean not = !words.isEmpty() && words.get(0).equals("not");
        Set<VerifyFlag> checks = not ? EnumSet.allOf(VerifyFlag.class) : EnumSet.noneOf(VerifyFlag.class);
        for (String word : not ? words.subList(1, words.size()) : words) {
            try {
                Choice check = Choices.parse(VERIFY_WORDS, label + ": verify", word);
                if (check instanceof VerifyFlag flag && not) {
                    checks.remove(flag);
                } else if (check instanceof VerifyFlag flag) {
                    checks.add(flag);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return checks;
    }

    private static List<Choice> verifyWords() {
        List<Choice> words = new ArrayList<>(List.of(VerifyFlag.values()));
        words.remove(VerifyFlag.UNNAMED);
        words.add(() -> "none");
        return List.copyOf(words);
    }

    private static List<String> words(String value) {
        if (!given(value)) {
            return List.of();
        }
        return Stream.of(value.split("[,\\s|]+")).map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
    }
}

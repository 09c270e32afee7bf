package io.rpmkit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one lookup from a word a user wrote to a {@link Choice}: trimmed and case-insensitive, and
 * when nothing matches, a message that lists what is accepted.
 */
public final class Choices {
    private Choices() {
    }

    /** The choice among {@code accepted} that {@code value} names, if any. */
    public static <E extends Choice> Optional<E> find(List<E> accepted, String value) {
        String word = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return accepted.stream().filter(c -> c.settingName().equals(word)).findFirst();
    }

    /** Every constant of {@code type}. */
    public static <E extends Enum<E> & Choice> Optional<E> find(Class<E> type, String value) {
        return find(Arrays.asList(type.getEnumConstants()), value);
    }

    /**
     * The choice {@code value} names.
     *
     * @param label what the message names first, e.g. {@code compression} or {@code entries[2] '/x': flag}
     * @throws IllegalArgumentException naming the label, the quoted value and what is accepted
     */
    public static <E extends Choice> E parse(List<E> accepted, String label, String value) {
        return find(accepted, value).orElseThrow(() -> new IllegalArgumentException(
                label + " " + Quoting.quote(value) + " is unknown: use " + words(accepted)));
    }

    public static <E extends Enum<E> & Choice> E parse(Class<E> type, String label, String value) {
        return parse(Arrays.asList(type.getEnumConstants()), label, value);
    }

    /** The accepted words as a sentence: {@code gzip, xz, zstd or none}. */
    public static String words(List<? extends Choice> accepted) {
        List<String> words = accepted.stream().map(Choice::settingName).toList();
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}

package io.rpmkit;

import java.util.regex.Pattern;

/** Quotes a user's value for a message: control characters become '?', so one problem stays one line. */
public final class Quoting {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Quoting() {
    }

    public static String quote(Object value) {
        return "'" + printable(String.valueOf(value)) + "'";
    }

    /** An item of a list setting, as every problem names it: {@code entries[2] '/opt/x'}, or {@code entries[2]}. */
    public static String label(String setting, int index, Object value) {
        return setting + "[" + index + "]" + (value == null ? "" : " " + quote(value));
    }

    /** An item named by its value where no index is known: {@code entry '/opt/x'}. */
    public static String label(String noun, Object value) {
        return noun + (value == null ? "" : " " + quote(value));
    }

    /** The value with each control character (U+0000 to U+001F, U+007F) replaced by '?'. */
    public static String printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return CONTROL.matcher(value).replaceAll("?");
            }
        }
        return value; // the common case, a label made for every entry of a package: no regex, no copy
    }
}

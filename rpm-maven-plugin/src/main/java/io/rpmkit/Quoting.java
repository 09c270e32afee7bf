package io.rpmkit;

/** Quotes a user's value for a message: control characters become '?', so one problem stays one line. */
public final class Quoting {
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

    public static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.rpmkit;

/** Quotes a user's value for a message: control characters become '?', so one problem stays one line. */
public final class Quoting {
    private Quoting() {
    }

    public static String quote(Object value) {
        return "'" + printable(String.valueOf(value)) + "'";
    }

    public static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.rpmkit.spec;

/**
 * What a parser of one of rpm's small languages (rich dependencies, file capabilities) makes of a
 * text: its stored form, or where and why rpm refuses it.
 *
 * @param normalized the text as rpmbuild stores it; null when refused
 * @param problem why it is refused; null when accepted
 */
public record ParsedText(String normalized, Problem problem) {
    /** A fault at a 1-based character position of the text. */
    public record Problem(int position, String message) {
        /** "at character N, message", N counted from {@code offset} characters before the text. */
        public String at(int offset) {
            return "at character " + (offset + position) + ", " + message;
        }
    }

    public boolean ok() {
        return problem == null;
    }

    static ParsedText accepted(String normalized) {
        return new ParsedText(normalized, null);
    }

    /** A parser's way out at the first fault; it carries the position, without a stack trace. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int position;

        Refusal(int position, String message) {
            super(message, null, false, false);
            this.position = position;
        }

        ParsedText parsed() {
            return new ParsedText(null, new Problem(position, getMessage()));
        }
    }
}

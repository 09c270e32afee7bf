package io.rpmkit.repo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Optional;

/**
 * Escaping for the metadata files, written to produce what libxml2 writes for createrepo_c
 * (measured with createrepo_c 0.17.3), so that our uncompressed files can be compared with its
 * byte for byte:
 * <ul>
 * <li>element text: {@code & < >} as entities and CR as {@code &#13;}; tab, newline, quotes and
 * every other character as they are (UTF-8);</li>
 * <li>attribute values: {@code & < > "} as entities, tab, newline and CR as {@code &#9; &#10; &#13;},
 * and every character beyond ASCII as a hexadecimal character reference, e.g. {@code &#xFC;}.</li>
 * </ul>
 * Characters XML 1.0 cannot carry at all (controls other than tab, newline and CR, unpaired
 * surrogates, U+FFFE and U+FFFF) are refused: createrepo_c refuses the package too ("Forbidden
 * control chars found").
 */
final class XmlText {
    private XmlText() {
    }

    /** For short texts such as repomd.xml's. */
    static void appendText(StringBuilder out, String value) {
        StringWriter text = new StringWriter();
        try {
            appendText(text, value);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        out.append(text);
    }

    /** For short values such as repomd.xml's. */
    static void appendAttribute(StringBuilder out, String value) {
        StringWriter text = new StringWriter();
        try {
            appendAttribute(text, value);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        out.append(text);
    }

    /** Runs without a character to escape are written whole, without a copy: paths can be megabytes. */
    static void appendText(Writer out, String value) throws IOException {
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            String entity = switch (value.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (entity != null) {
                out.write(value, run, i - run);
                out.write(entity);
                run = i + 1;
            }
        }
        out.write(value, run, value.length() - run);
    }

    static void appendAttribute(Writer out, String value) throws IOException {
        if (plainAscii(value)) {
            out.write(value); // most values (names, versions, digests) need no escape: one write, no loop
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            int c = value.codePointAt(i);
            if (Character.isSupplementaryCodePoint(c)) {
                i++;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x80) {
                        out.append((char) c);
                    } else {
                        out.write("&#x" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ';');
                    }
                }
            }
        }
    }

    /**
     * The text an element or attribute value of our writer stands for: the entities and character
     * references above back to characters.
     *
     * @throws IllegalArgumentException for an entity this class does not write
     */
    static String unescape(String escaped) {
        int amp = escaped.indexOf('&');
        if (amp < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        int run = 0;
        while (amp >= 0) {
            int semicolon = escaped.indexOf(';', amp);
            if (semicolon < 0) {
                throw new IllegalArgumentException("an & without ; at " + amp);
            }
            out.append(escaped, run, amp);
            String entity = escaped.substring(amp + 1, semicolon);
            switch (entity) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                default -> {
                    if (!entity.startsWith("#") || entity.length() < 2) {
                        throw new IllegalArgumentException("&" + entity + "; is not one of ours");
                    }
                    boolean hex = entity.charAt(1) == 'x';
                    out.appendCodePoint(Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10));
                }
            }
            run = semicolon + 1;
            amp = escaped.indexOf('&', run);
        }
        return out.append(escaped, run, escaped.length()).toString();
    }

    /** Whether every character is printable ASCII other than the four an attribute escapes. */
    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>' || c == '"') {
                return false;
            }
        }
        return true;
    }

    /** The first character XML 1.0 cannot hold, described for an error message; empty when all are fine. */
    static Optional<String> forbiddenCharacter(String value) {
        return forbiddenCharacter(value, 0);
    }

    /** As {@link #forbiddenCharacter(String)} for a part of a longer text that starts at {@code offset}. */
    static Optional<String> forbiddenCharacter(String value, long offset) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800)
                    || (c > 0xDFFF && c < 0xFFFE))) {
                return Optional.of(String.format("U+%04X at position %d", (int) c, offset + i));
            }
        }
        return Optional.empty();
    }
}

package io.rpmkit.format;

import java.nio.ByteBuffer;

/** UTF-8 as headers, payload names and rpm's limits count it. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of {@code text.getBytes(UTF_8)}, counted without encoding it (an unpaired surrogate
     * becomes one '?'): asked for every path, link and header string of a package.
     */
    public static int length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * Puts the bytes of {@code text.getBytes(UTF_8)} into {@code into}, without an array for them: a
     * header of 50,000 files holds hundreds of thousands of strings. Returns how many bytes it put.
     */
    public static int put(ByteBuffer into, String text) {
        int start = into.position();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                into.put((byte) c);
            } else if (c < 0x800) {
                into.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                into.put((byte) (0xF0 | codePoint >> 18)).put((byte) (0x80 | codePoint >> 12 & 0x3F))
                        .put((byte) (0x80 | codePoint >> 6 & 0x3F)).put((byte) (0x80 | codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                into.put((byte) '?');
            } else {
                into.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
            }
        }
        return into.position() - start;
    }
}

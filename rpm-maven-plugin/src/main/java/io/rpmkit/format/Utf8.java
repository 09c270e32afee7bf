package io.rpmkit.format;

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
}

package io.rpmkit.repo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rpmkit.format.Tag;
import io.rpmkit.read.RpmPackage;

/**
 * A header string as createrepo_c puts it into the metadata, from its bytes. rpm stores bytes;
 * createrepo_c (src/xml_dump.c {@code cr_xmlNewTextChild}, {@code cr_xmlNewProp}) writes a string
 * that libxml2 finds to be UTF-8 as it is, and converts any other from Latin-1 with
 * {@code cr_latin1_to_utf8}, which drops the bytes 0x80 to 0xBF (C1 controls, and the Latin-1
 * signs such as U+00A9, taken for cp1252 it cannot convert) and keeps 0xC0 to 0xFF as U+00C0 to
 * U+00FF. Measured with createrepo_c 0.17.3: a summary {@code caf\xE9 \x80x} is written as
 * {@code café x}. Our reader decodes such a string as Latin-1 byte for byte, so the repository
 * asks for the bytes rather than the text.
 */
final class MetadataText {
    private static final byte[] EMPTY = {};

    private MetadataText() {
    }

    /** The first string of a tag as createrepo_c writes it; empty when the package has none. */
    static String of(RpmPackage rpm, Tag tag) {
        List<byte[]> strings = rpm.header().stringBytes(tag);
        return strings.isEmpty() ? "" : of(strings.get(0));
    }

    /** Each string of a tag as createrepo_c writes it. */
    static List<String> all(RpmPackage rpm, Tag tag) {
        List<byte[]> stored = rpm.header().stringBytes(tag);
        List<String> strings = new ArrayList<>(stored.size());
        for (byte[] string : stored) {
            strings.add(of(string));
        }
        return strings;
    }

    static Optional<String> optional(RpmPackage rpm, Tag tag) {
        List<byte[]> strings = rpm.header().stringBytes(tag);
        return strings.isEmpty() ? Optional.empty() : Optional.of(of(strings.get(0)));
    }

    static String of(byte[] bytes) {
        return isUtf8(bytes, EMPTY) ? new String(bytes, StandardCharsets.UTF_8) : fromLatin1(bytes);
    }

    /** {@code cr_latin1_to_utf8}, for a string libxml2 did not take for UTF-8. */
    static String fromLatin1(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 0x80 || c >= 0xC0) {
                // Controls below 0x20 stay, so that the package is refused as createrepo_c refuses it.
                text.append((char) c);
            }
        }
        return text.toString();
    }

    /**
     * libxml2's {@code xmlCheckUTF8} on {@code first} followed by {@code second}, without joining
     * them (a file's directory and basename): the shape of UTF-8 sequences, overlong forms allowed.
     */
    static boolean isUtf8(byte[] first, byte[] second) {
        int length = first.length + second.length;
        int i = 0;
        while (i < length) {
            int c = at(first, second, i);
            int extra;
            if (c < 0x80) {
                extra = 0;
            } else if ((c & 0xE0) == 0xC0) {
                extra = 1;
            } else if ((c & 0xF0) == 0xE0) {
                extra = 2;
            } else if ((c & 0xF8) == 0xF0) {
                extra = 3;
            } else {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= length || (at(first, second, i + k) & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }

    private static int at(byte[] first, byte[] second, int i) {
        return (i < first.length ? first[i] : second[i - first.length]) & 0xFF;
    }
}

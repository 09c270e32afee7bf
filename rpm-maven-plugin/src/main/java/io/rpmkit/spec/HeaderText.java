package io.rpmkit.spec;

import java.util.List;

import io.rpmkit.format.RpmLimits;

/** What a string must be to stand in a header the way rpm reads it. */
final class HeaderText {
    /**
     * What a header holding one string needs besides the string, counted so that this check is never
     * stricter than rpm: 8 bytes of counts, the region's and the string's index entries, the region
     * trailer and the NUL. The writer checks the whole header against the exact limit.
     */
    private static final int HEADER_OVERHEAD = 8 + 2 * 16 + 16 + 1;

    private HeaderText() {
    }

    /**
     * Every string ends in a header as UTF-8 up to its first NUL: a NUL would cut it, a lone surrogate
     * has no UTF-8 form, and one string alone may not make the header larger than rpm loads.
     */
    static void check(List<String> problems, String where, String value) {
        if (value == null) {
            return;
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c == 0) {
                problems.add(where + " " + PathRules.shortened(value) + " has a NUL at byte " + bytes
                        + ", where a header string ends: remove it");
                return;
            }
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                problems.add(where + " " + PathRules.shortened(value) + " has a lone UTF-16 surrogate at byte " + bytes
                        + ", which UTF-8 cannot encode: use valid characters");
                return;
            }
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            i += Character.charCount(c);
        }
        if (bytes >= RpmLimits.MAX_HEADER_BLOB_SIZE - HEADER_OVERHEAD) {
            problems.add(where + " is " + bytes + " bytes, more than a header can hold: rpm refuses headers of "
                    + RpmLimits.MAX_HEADER_BLOB_SIZE + " bytes (256 MiB) or more; package large content as a file");
        }
    }

    /** Whether every ')' closes an earlier '(' and every '(' is closed. */
    static boolean balancedParentheses(String name) {
        int depth = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}

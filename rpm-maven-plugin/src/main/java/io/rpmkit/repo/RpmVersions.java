package io.rpmkit.repo;

/**
 * rpm's version comparison ({@code rpmvercmp}, rpmio/rpmvercmp.c): versions are split into runs of
 * digits and runs of letters, everything else only separates; numbers compare as numbers, letters
 * as strings, a number is newer than letters; {@code ~} sorts before everything, even the end, and
 * {@code ^} after the end but before anything else.
 */
final class RpmVersions {
    private RpmVersions() {
    }

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            char x = at(a, i);
            char y = at(b, j);
            if (x == '~' || y == '~') {
                if (x != '~') {
                    return 1;
                }
                if (y != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (x == '^' || y == '^') {
                if (i == a.length()) {
                    return -1;
                }
                if (j == b.length()) {
                    return 1;
                }
                if (x != '^') {
                    return 1;
                }
                if (y != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i == a.length() || j == b.length()) {
                break;
            }
            boolean numeric = isDigit(x);
            int endA = segmentEnd(a, i, numeric);
            int endB = segmentEnd(b, j, numeric);
            if (endB == j) {
                // b has a segment of the other kind here: a number is newer than letters.
                return numeric ? 1 : -1;
            }
            int order = numeric ? compareNumbers(a.substring(i, endA), b.substring(j, endB))
                    : a.substring(i, endA).compareTo(b.substring(j, endB));
            if (order != 0) {
                return Integer.signum(order);
            }
            i = endA;
            j = endB;
        }
        if (i >= a.length() && j >= b.length()) {
            return 0;
        }
        return i >= a.length() ? -1 : 1;
    }

    private static int compareNumbers(String x, String y) {
        String p = x.replaceFirst("^0+", "");
        String q = y.replaceFirst("^0+", "");
        return p.length() != q.length() ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && !isAlnum(s.charAt(i)) && s.charAt(i) != '~' && s.charAt(i) != '^') {
            i++;
        }
        return i;
    }

    private static int segmentEnd(String s, int i, boolean numeric) {
        while (i < s.length() && (numeric ? isDigit(s.charAt(i)) : isAlpha(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }
}

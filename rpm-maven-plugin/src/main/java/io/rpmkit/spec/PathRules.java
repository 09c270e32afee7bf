package io.rpmkit.spec;

import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.Utf8;

/** What rpm accepts as the path of a packaged file. */
public final class PathRules {
    /** The longest path rpm accepts, in UTF-8 bytes: {@code "." + path + NUL} fills a cpio name. */
    public static final int MAX_PATH_BYTES = RpmLimits.MAX_CPIO_NAME_SIZE - 2;

    /** What rpm and shadow accept as a user or group name. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}\\$?");

    private PathRules() {
    }

    /** Null when {@code path} is acceptable, else what is wrong with it and what to write instead. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "is missing: give an absolute path such as /etc/app.conf";
        }
        if (!path.startsWith("/")) {
            return Quoting.quote(path) + " is relative: use an absolute path such as /" + Quoting.printable(path);
        }
        if (path.equals("/")) {
            return "'/' is the root, which no package may own: name a path below it";
        }
        if (path.endsWith("/") || path.contains("//")) {
            return Quoting.quote(path) + " has an empty segment: remove the extra '/'";
        }
        return isPrintableAscii(path) ? printableAsciiProblem(path) : anyTextProblem(path);
    }

    /** The checks of an absolute path without empty segments, for any text. */
    static String anyTextProblem(String path) {
        for (String segment : path.substring(1).split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return dotSegment(path, segment);
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Quoting.quote(path) + " contains a control character (code "
                        + (int) c + "): use printable characters only";
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(i + 1)))) {
                return Quoting.quote(path) + " contains a lone UTF-16 surrogate at byte "
                        + Utf8.length(path.substring(0, i)) + ", which UTF-8 cannot encode: use valid characters";
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        int length = Utf8.length(path);
        if (length > MAX_PATH_BYTES) {
            return pathTooLong(path, length);
        }
        for (String segment : path.substring(1).split("/")) {
            int segmentLength = Utf8.length(segment);
            if (segmentLength > RpmLimits.NAME_MAX) {
                return nameTooLong(path, segment, segmentLength);
            }
        }
        return null;
    }

    /**
     * The checks below for a path of printable ASCII, which most are, in one pass without copies (a
     * package of tens of thousands of files asks for each): as many UTF-8 bytes as characters, and no
     * control character or surrogate. The same problems, in the same order, as the general checks.
     */
    static String printableAsciiProblem(String path) {
        int longStart = -1;
        int longEnd = -1;
        for (int start = 1; start < path.length(); ) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            int length = end - start;
            if (path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
                return dotSegment(path, path.substring(start, end));
            }
            if (length > RpmLimits.NAME_MAX && longStart < 0) {
                longStart = start;
                longEnd = end;
            }
            start = end + 1;
        }
        if (path.length() > MAX_PATH_BYTES) {
            return pathTooLong(path, path.length());
        }
        if (longStart >= 0) {
            String segment = path.substring(longStart, longEnd);
            return nameTooLong(path, segment, segment.length());
        }
        return null;
    }

    private static String dotSegment(String path, String segment) {
        return Quoting.quote(path) + " contains " + Quoting.quote(segment) + ": give the path without . or .. segments";
    }

    private static String pathTooLong(String path, int bytes) {
        return shortened(path) + " is " + bytes + " bytes long; rpm accepts up to " + MAX_PATH_BYTES
                + " (its payload names hold '.' + path + NUL in " + RpmLimits.MAX_CPIO_NAME_SIZE
                + " bytes, PATH_MAX): shorten it";
    }

    private static String nameTooLong(String path, String segment, int bytes) {
        return shortened(path) + " has a name of " + bytes + " bytes, " + shortened(segment)
                + "; file systems accept up to " + RpmLimits.NAME_MAX + " bytes (NAME_MAX): shorten it";
    }

    static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Null when {@code value} is a user or group name rpm can store as a file's owner, else why not. */
    public static String ownerProblem(String setting, String value) {
        if (value != null && OWNER.matcher(value).matches()) {
            return null;
        }
        return setting + " " + Quoting.quote(value) + " is not a name rpm can store: use up to 32 letters, digits,"
                + " . _ - (no spaces or colons), e.g. root";
    }

    /** A long value quoted by its start, so that a message stays readable. */
    static String shortened(String value) {
        return value.length() <= 60 ? Quoting.quote(value)
                : Quoting.quote(value.substring(0, 40)) + "... (" + value.length() + " characters)";
    }
}

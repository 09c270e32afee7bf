package io.rpmkit.spec;

import io.rpmkit.Quoting;

/** What rpm accepts as the path of a packaged file. */
public final class PathRules {
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
        for (String segment : path.substring(1).split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return Quoting.quote(path) + " contains " + Quoting.quote(segment) + ": give the path without . or .. segments";
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Quoting.quote(path) + " contains a control character (code "
                        + (int) c + "): use printable characters only";
            }
        }
        return null;
    }
}

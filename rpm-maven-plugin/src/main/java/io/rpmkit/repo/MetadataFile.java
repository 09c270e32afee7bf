package io.rpmkit.repo;

import java.util.Arrays;
import java.util.Optional;

/**
 * One file of a package as filelists.xml (and, for a few, primary.xml) lists it.
 *
 * <p>The path is kept as the header keeps it, a directory shared by the directory's files and a
 * basename, and written piecewise: a small package can give 20,000 files one directory name of a
 * megabyte, and joining them all would take gigabytes. Two files are equal when their paths are,
 * however they are split.
 *
 * @param directory with its trailing {@code /}; empty when the path is relative (a source package)
 */
public record MetadataFile(String directory, String basename, Type type) {
    /** The {@code type} attribute of a {@code <file>}; a plain file has none. */
    public enum Type {
        FILE(""),
        DIR("dir"),
        GHOST("ghost");

        private final String attribute;

        Type(String attribute) {
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }

        public static Optional<Type> ofAttribute(String value) {
            return Arrays.stream(values()).filter(t -> t.attribute.equals(value)).findFirst();
        }
    }

    /** A file given by its whole path, split after its last {@code /}. */
    public MetadataFile(String path, Type type) {
        this(path.substring(0, path.lastIndexOf('/') + 1), path.substring(path.lastIndexOf('/') + 1), type);
    }

    /** The whole path, built on each call: for small packages and messages, never for writing. */
    public String path() {
        return directory + basename;
    }

    public long pathLength() {
        return (long) directory.length() + basename.length();
    }

    /** Whether the path is {@code path}, without building it. */
    public boolean hasPath(String path) {
        return pathLength() == path.length() && path.startsWith(directory)
                && path.startsWith(basename, directory.length());
    }

    /**
     * Whether primary.xml lists the file too: paths under /etc/, containing "bin/" anywhere, and
     * /usr/lib/sendmail. createrepo_c's rule (src/misc.h {@code cr_is_primary}), which yum and dnf
     * rely on to resolve file requirements without downloading filelists.xml.
     */
    public boolean inPrimary() {
        if (directory.startsWith("/etc/") || directory.contains("bin/") || basename.contains("bin/")
                || hasPath("/usr/lib/sendmail")) {
            return true;
        }
        // "/etc/" or "bin/" across the two parts: only their last and first few characters matter.
        String seam = directory.substring(Math.max(0, directory.length() - 4))
                + basename.substring(0, Math.min(4, basename.length()));
        return (directory.length() < 5 && seam.startsWith("/etc/")) || seam.contains("bin/");
    }

    static boolean isPrimaryPath(String path) {
        return path.startsWith("/etc/") || path.equals("/usr/lib/sendmail") || path.contains("bin/");
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MetadataFile file) || type != file.type || pathLength() != file.pathLength()) {
            return false;
        }
        for (int i = 0; i < pathLength(); i++) {
            if (charAt(i) != file.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private char charAt(int i) {
        return i < directory.length() ? directory.charAt(i) : basename.charAt(i - directory.length());
    }

    @Override
    public int hashCode() {
        int hash = type.hashCode();
        for (int i = 0; i < directory.length(); i++) {
            hash = 31 * hash + directory.charAt(i);
        }
        for (int i = 0; i < basename.length(); i++) {
            hash = 31 * hash + basename.charAt(i);
        }
        return hash;
    }
}

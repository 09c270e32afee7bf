package io.rpmkit.repo;

import java.util.Arrays;
import java.util.Optional;

/** One file of a package as filelists.xml (and, for a few, primary.xml) lists it. */
public record MetadataFile(String path, Type type) {
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

    /**
     * Whether primary.xml lists the file too: paths under /etc/, containing "bin/" anywhere, and
     * /usr/lib/sendmail. createrepo_c's rule (src/misc.h {@code cr_is_primary}), which yum and dnf
     * rely on to resolve file requirements without downloading filelists.xml.
     */
    public boolean inPrimary() {
        return isPrimaryPath(path);
    }

    static boolean isPrimaryPath(String path) {
        return path.startsWith("/etc/") || path.equals("/usr/lib/sendmail") || path.contains("bin/");
    }
}

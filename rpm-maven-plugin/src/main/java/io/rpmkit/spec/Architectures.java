package io.rpmkit.spec;

/** Facts about architectures that rpmbuild applies by itself. */
public final class Architectures {
    private Architectures() {
    }

    /** The %{_isa} suffix rpmbuild adds to a package's own Provides; none for noarch. */
    public static String isaSuffix(String arch) {
        return switch (arch) {
            case "x86_64" -> "(x86-64)";
            case "i386", "i486", "i586", "i686", "athlon" -> "(x86-32)";
            case "aarch64" -> "(aarch-64)";
            case "ppc64", "ppc64le" -> "(ppc-64)";
            case "s390x" -> "(s390-64)";
            default -> null;
        };
    }
}

package io.rpmkit.build;

import java.util.EnumSet;
import java.util.Set;

/**
 * One entry of a dependency list, e.g. {@code Requires(post): systemd >= 219}.
 *
 * @param version an [epoch:]version[-release]; empty when the comparison is ANY
 * @param contexts install contexts; only Requires may have them
 */
public record Dependency(DependencyKind kind, String name, Comparison comparison, String version,
        Set<InstallContext> contexts) {

    /** RPMSENSE_RPMLIB: a feature of rpm itself rather than of a package. */
    public static final int RPMLIB_BIT = 0x1000000;
    /** RPMSENSE_INTERP: the interpreter of a scriptlet. */
    public static final int INTERPRETER_BIT = 0x100;

    public Dependency {
        version = version == null ? "" : version;
        contexts = contexts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(contexts));
    }

    public static Dependency of(DependencyKind kind, String name) {
        return new Dependency(kind, name, Comparison.ANY, "", Set.of());
    }

    public static Dependency of(DependencyKind kind, String name, Comparison comparison, String version) {
        return new Dependency(kind, name, comparison, version, Set.of());
    }

    public Dependency withContexts(Set<InstallContext> newContexts) {
        return new Dependency(kind, name, comparison, version, newContexts);
    }

    /** The flags word rpm stores: comparison bits plus context bits. */
    public int senseFlags() {
        int flags = comparison.senseBits();
        for (InstallContext context : contexts) {
            flags |= context.senseBit();
        }
        return flags;
    }

    @Override
    public String toString() {
        return name + (comparison == Comparison.ANY ? "" : " " + comparison.operator() + " " + version);
    }
}

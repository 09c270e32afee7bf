package io.rpmkit.spec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;

/**
 * One entry of a dependency list, e.g. {@code Requires(post): systemd >= 219}.
 *
 * @param version an [epoch:]version[-release]; empty when the comparison is ANY
 * @param contexts install contexts; only Requires may have them
 */
public record Dependency(DependencyKind kind, String name, Comparison comparison, String version,
        Set<InstallContext> contexts) {

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

    // equals and hashCode written out: a record's own bootstrap through java.lang.runtime.ObjectMethods
    // on first use, about 25 ms in a cold JVM, a sixth of a small package's build (the writer's
    // dependency lists are sets of these).
    @Override
    public boolean equals(Object other) {
        return other instanceof Dependency that && kind == that.kind && name.equals(that.name)
                && comparison == that.comparison && version.equals(that.version) && contexts.equals(that.contexts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, comparison, version, contexts);
    }

    @Override
    public String toString() {
        return name + (comparison == Comparison.ANY ? "" : " " + comparison.operator() + " " + version);
    }
}

package io.rpmkit.spec;

import java.util.List;

import io.rpmkit.format.TriggerKind;

/**
 * A script that runs when another package is installed or erased, or, for a file trigger, when a
 * package installs or erases files under a path prefix.
 *
 * @param packages the packages that fire a package trigger, each with an optional version comparison;
 *     empty for a file trigger
 * @param prefixes the path prefixes that fire a file trigger; empty for a package trigger
 * @param priority a file trigger's priority (higher runs first); {@link TriggerKind#DEFAULT_PRIORITY} by
 *     default, ignored for package triggers
 */
public record Trigger(TriggerKind kind, List<Dependency> packages, String interpreter, String body,
        List<String> prefixes, int priority) {
    public Trigger {
        packages = List.copyOf(packages);
        prefixes = List.copyOf(prefixes);
    }

    /** A package trigger. */
    public Trigger(TriggerKind kind, List<Dependency> packages, String interpreter, String body) {
        this(kind, packages, interpreter, body, List.of(), TriggerKind.DEFAULT_PRIORITY);
    }

    /** A file trigger on {@code prefixes}. */
    public static Trigger onFiles(TriggerKind kind, List<String> prefixes, int priority, String interpreter,
            String body) {
        return new Trigger(kind, List.of(), interpreter, body, prefixes, priority);
    }
}

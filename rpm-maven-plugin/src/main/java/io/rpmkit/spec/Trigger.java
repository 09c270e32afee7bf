package io.rpmkit.spec;

import java.util.List;

import io.rpmkit.format.TriggerKind;

/**
 * A script that runs when another package is installed or erased.
 *
 * @param packages the packages that fire it, each with an optional version comparison
 */
public record Trigger(TriggerKind kind, List<Dependency> packages, String interpreter, String body) {
    public Trigger {
        packages = List.copyOf(packages);
    }
}

package io.rpmkit.read;

import java.util.List;

import io.rpmkit.format.Flags;

/**
 * One dependency of a kind (requires, provides, ...): name, sense flags and version.
 *
 * @param flags the {@link Flags}{@code .SENSE_*} bits: comparison and when it applies
 * @param version {@code [epoch:]version[-release]}; empty when any version will do
 */
public record HeaderDependency(String name, int flags, String version) {
    /** {@code <}, {@code <=}, {@code =}, {@code >=}, {@code >} or empty. */
    public String operator() {
        return Flags.operator(flags);
    }

    /** The {@code Requires(...)} words, e.g. {@code [post, interp]} or {@code [meta]}. */
    public List<String> contexts() {
        return QueryWords.contexts(flags);
    }

    public boolean isRpmlib() {
        return (flags & Flags.SENSE_RPMLIB) != 0;
    }

    /** As {@code rpm --requires} prints it: {@code systemd >= 219}. */
    @Override
    public String toString() {
        return version.isEmpty() || operator().isEmpty() ? name : name + " " + operator() + " " + version;
    }
}

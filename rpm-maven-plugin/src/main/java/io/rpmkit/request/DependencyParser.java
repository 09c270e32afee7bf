package io.rpmkit.request;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rpmkit.Choices;
import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.spec.Dependency;

/**
 * Reads dependencies written as in a spec file: {@code name}, {@code name >= 1.0}, and for Requires
 * an optional leading context list, {@code (post,preun) systemd}.
 */
public final class DependencyParser {
    private static final Pattern DEPENDENCY = Pattern.compile(
            "\\s*(?:\\(([a-z, ]*)\\)\\s*)?([^\\s<>=]+)\\s*(?:(<=|>=|==|=|<|>)\\s*([^\\s<>=]+))?\\s*");

    private DependencyParser() {
    }

    /** Parses {@code text}; {@code setting} names it in the error, e.g. {@code requires[2]}. */
    public static Dependency parse(DependencyKind kind, String setting, String text) throws IllegalArgumentException {
        Matcher matcher = DEPENDENCY.matcher(text == null ? "" : text);
        if (text == null || text.isBlank() || !matcher.matches()) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(text) + " is not a dependency: write 'name',"
                    + " 'name >= version'" + (kind == DependencyKind.REQUIRES ? " or '(post,preun) name'" : ""));
        }
        Set<InstallContext> contexts = EnumSet.noneOf(InstallContext.class);
        if (matcher.group(1) != null) {
            for (String context : matcher.group(1).split(",")) {
                contexts.add(context(setting, text, context.strip()));
            }
        }
        Comparison comparison = matcher.group(3) == null ? Comparison.ANY
                : Comparison.ofOperator(matcher.group(3)).orElseThrow();
        String version = matcher.group(4) == null ? "" : matcher.group(4);
        return new Dependency(kind, matcher.group(2), comparison, version, contexts);
    }

    private static InstallContext context(String setting, String text, String name) {
        return Choices.find(InstallContext.class, name).orElseThrow(() -> new IllegalArgumentException(setting + " "
                + Quoting.quote(text) + ": install context " + Quoting.quote(name) + " is unknown: use "
                + Choices.words(List.of(InstallContext.values()))));
    }
}

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
import io.rpmkit.spec.ParsedText;
import io.rpmkit.spec.RichDependency;

/**
 * Reads dependencies written as in a spec file: {@code name}, {@code name >= 1.0}, a rich dependency
 * {@code (a >= 1.0 or b)}, and for Requires an optional leading context list, {@code (post,preun)
 * systemd} or {@code (meta) (a or b)}.
 */
public final class DependencyParser {
    private static final Pattern SIMPLE = Pattern.compile(
            "\\s*([^\\s<>=]+)\\s*(?:(<=|>=|==|=|<|>)\\s*([^\\s<>=]+))?\\s*");
    /** A leading group of words that may be install contexts; a rich dependency has an operator in it. */
    private static final Pattern CONTEXT_LIST = Pattern.compile("\\s*\\(([a-z, ]*)\\)\\s*(\\S.*)", Pattern.DOTALL);
    private static final Pattern RICH_OPERATOR = Pattern.compile("\\b(and|or|if|else|unless|with|without)\\b");

    private DependencyParser() {
    }

    /** Parses {@code text}; {@code setting} names it in the error, e.g. {@code requires[2]}. */
    public static Dependency parse(DependencyKind kind, String setting, String text) throws IllegalArgumentException {
        if (text == null || text.isBlank()) {
            throw notADependency(kind, setting, text);
        }
        Set<InstallContext> contexts = EnumSet.noneOf(InstallContext.class);
        String rest = text;
        Matcher leading = CONTEXT_LIST.matcher(text);
        if (leading.matches() && !RICH_OPERATOR.matcher(leading.group(1)).find()) {
            for (String context : leading.group(1).split(",")) {
                contexts.add(context(setting, text, context.strip()));
            }
            rest = leading.group(2);
        }
        int offset = text.length() - rest.length();
        String stripped = rest.strip();
        offset += rest.indexOf(stripped);
        if (RichDependency.isRich(stripped)) {
            return rich(kind, setting, text, stripped, offset, contexts);
        }
        Matcher matcher = SIMPLE.matcher(rest);
        if (!matcher.matches()) {
            throw notADependency(kind, setting, text);
        }
        Comparison comparison = matcher.group(2) == null ? Comparison.ANY
                : Comparison.ofOperator(matcher.group(2)).orElseThrow();
        String version = matcher.group(3) == null ? "" : matcher.group(3);
        return new Dependency(kind, matcher.group(1), comparison, version, contexts);
    }

    /** Stored as rpmbuild stores it, normalized, with no comparison of its own. */
    private static Dependency rich(DependencyKind kind, String setting, String text, String rich, int offset,
            Set<InstallContext> contexts) {
        if (!RichDependency.allowedIn(kind)) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(text) + ": rich dependencies are allowed"
                    + " in requires, recommends, suggests, supplements, enhances and conflicts only, as in rpm: list"
                    + " the names one by one");
        }
        ParsedText parsed = RichDependency.parse(rich, kind);
        if (!parsed.ok()) {
            throw new IllegalArgumentException(setting + " " + Quoting.quote(text) + " is not a rich dependency rpm"
                    + " reads: " + parsed.problem().at(offset));
        }
        return new Dependency(kind, parsed.normalized(), Comparison.ANY, "", contexts);
    }

    private static IllegalArgumentException notADependency(DependencyKind kind, String setting, String text) {
        return new IllegalArgumentException(setting + " " + Quoting.quote(text) + " is not a dependency: write 'name',"
                + " 'name >= version'" + (RichDependency.allowedIn(kind) ? ", '(a or b)'" : "")
                + (kind == DependencyKind.REQUIRES ? " or '(post,preun) name'" : ""));
    }

    private static InstallContext context(String setting, String text, String name) {
        return Choices.find(InstallContext.class, name).orElseThrow(() -> new IllegalArgumentException(setting + " "
                + Quoting.quote(text) + ": install context " + Quoting.quote(name) + " is unknown: use "
                + Choices.words(List.of(InstallContext.values()))));
    }
}

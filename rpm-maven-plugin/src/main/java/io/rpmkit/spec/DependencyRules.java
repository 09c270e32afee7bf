package io.rpmkit.spec;

import java.util.List;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;

/**
 * What rpm accepts as a dependency: its name, comparison and [epoch:]version[-release], or a rich
 * dependency ({@link RichDependency}) in the lists that may hold one.
 */
final class DependencyRules {
    private static final Pattern DEPENDENCY_NAME = Pattern.compile("[^\\s,<>=]+");
    private static final Pattern DEPENDENCY_VERSION = Pattern.compile("([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?");
    private static final String RICH_KINDS = "requires, recommends, suggests, supplements, enhances and conflicts";

    private DependencyRules() {
    }

    static void check(List<String> problems, String where, Dependency dependency) {
        if (dependency.name() != null && RichDependency.isRich(dependency.name())
                && HeaderText.balancedParentheses(dependency.name())) {
            checkRich(problems, where, dependency);
            return;
        }
        if ((dependency.name() == null || dependency.name().isBlank()) || !DEPENDENCY_NAME.matcher(dependency.name()).matches()) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " is not a dependency name: use a name without spaces,"
                    + " commas or comparison signs, e.g. systemd");
        } else if (!HeaderText.balancedParentheses(dependency.name())) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " has unbalanced parentheses, which rpm cannot parse:"
                    + " close every '(' after opening it, e.g. 'perl(Foo)'");
        } else if (!startsAsRpmRequires(dependency.name())) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " does not start with a letter, digit, '_' or '/',"
                    + " which rpm requires of a dependency name");
        } else {
            HeaderText.check(problems, where + " " + Quoting.quote(dependency.name()) + ": name", dependency.name());
        }
        if (dependency.version() != null) {
            HeaderText.check(problems, where + " " + Quoting.quote(dependency.name()) + ": version", dependency.version());
        }
        if (dependency.comparison() == null) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + ": comparison is missing: use <, <=, =, >= or >");
        } else if (dependency.comparison() != Comparison.ANY
                && !DEPENDENCY_VERSION.matcher(dependency.version()).matches()) {
            problems.add(where + " " + Quoting.quote(dependency) + ": version " + Quoting.quote(dependency.version()) + " is not an"
                    + " [epoch:]version[-release]: e.g. 219 or 1:2.0-3");
        } else if (dependency.comparison() == Comparison.ANY && !dependency.version().isEmpty()) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + ": version " + Quoting.quote(dependency.version()) + " has no"
                    + " comparison: write e.g. '" + dependency.name() + " >= " + dependency.version() + "'");
        } else if (dependency.comparison() != Comparison.ANY && dependency.name() != null
                && dependency.name().startsWith("/")) {
            problems.add(where + " " + Quoting.quote(dependency) + ": a file is not compared by version in rpm: drop the"
                    + " version or name the package");
        }
    }

    /** rpm's checkDep (build/parseReqs.cc): an ASCII first character must be a letter, digit, '_' or '/'. */
    static boolean startsAsRpmRequires(String name) {
        char first = name.charAt(0);
        return first >= 0x80 || Character.isLetterOrDigit(first) || first == '_' || first == '/';
    }

    /** Adds why {@code version} is no [epoch:]version[-release], if it is not. */
    static void checkVersion(List<String> problems, String version) {
        if (!DEPENDENCY_VERSION.matcher(version).matches()) {
            problems.add("is not an [epoch:]version[-release]: e.g. 219 or 1:2.0-3");
        }
    }

    private static void checkRich(List<String> problems, String where, Dependency dependency) {
        String quoted = where + " " + Quoting.quote(dependency.name());
        if (dependency.kind() != null && !RichDependency.allowedIn(dependency.kind())) {
            problems.add(quoted + ": rich dependencies are allowed in " + RICH_KINDS + " only, as in rpm: list the"
                    + " names one by one");
            return;
        }
        if (dependency.comparison() != Comparison.ANY || !dependency.version().isEmpty()) {
            problems.add(quoted + ": a rich dependency carries its versions inside, e.g. (a >= 1.0 or b): remove the"
                    + " outer comparison");
        }
        ParsedText parsed = RichDependency.parse(dependency.name(),
                dependency.kind() == null ? DependencyKind.REQUIRES : dependency.kind());
        if (!parsed.ok()) {
            problems.add(quoted + " is not a rich dependency rpm reads: " + parsed.problem().at(0));
        }
        HeaderText.check(problems, quoted + ": name", dependency.name());
    }
}

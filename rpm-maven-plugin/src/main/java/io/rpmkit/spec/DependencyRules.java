package io.rpmkit.spec;

import java.util.List;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;

/** What rpm accepts as a dependency: its name, comparison and [epoch:]version[-release]. */
final class DependencyRules {
    private static final Pattern DEPENDENCY_NAME = Pattern.compile("[^\\s,<>=]+");
    private static final Pattern DEPENDENCY_VERSION = Pattern.compile("([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?");

    private DependencyRules() {
    }

    static void check(List<String> problems, String where, Dependency dependency) {
        if ((dependency.name() == null || dependency.name().isBlank()) || !DEPENDENCY_NAME.matcher(dependency.name()).matches()) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " is not a dependency name: use a name without spaces,"
                    + " commas or comparison signs, e.g. systemd");
        } else if (!HeaderText.balancedParentheses(dependency.name())) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " has unbalanced parentheses, which rpm cannot parse:"
                    + " close every '(' after opening it, e.g. 'perl(Foo)'");
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
        }
    }
}

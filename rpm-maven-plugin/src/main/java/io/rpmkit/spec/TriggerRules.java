package io.rpmkit.spec;

import java.util.List;

import io.rpmkit.Quoting;
import io.rpmkit.format.TriggerKind;

/** What rpm accepts as the condition of a trigger: package names, or for a file trigger path prefixes. */
final class TriggerRules {
    private TriggerRules() {
    }

    static void checkPackageTrigger(List<String> problems, String where, Trigger trigger) {
        if (trigger.packages().isEmpty()) {
            problems.add(where + ": names no package: give the package(s) that fire it");
        }
        if (!trigger.prefixes().isEmpty()) {
            problems.add(where + ": prefixes " + Quoting.quote(String.join(", ", trigger.prefixes())) + " apply to file"
                    + " triggers only (filetriggerin, transfiletriggerin, ...): name packages instead");
        }
        if (trigger.priority() != TriggerKind.DEFAULT_PRIORITY) {
            problems.add(where + ": priority " + trigger.priority() + " applies to file triggers only: remove it");
        }
        for (Dependency condition : trigger.packages()) {
            if (RichDependency.isRich(condition.name()) && HeaderText.balancedParentheses(condition.name())) {
                problems.add(where + " " + Quoting.quote(condition.name()) + ": rpm takes no rich dependency as a"
                        + " trigger's condition: list the packages one by one");
            } else {
                DependencyRules.check(problems, where, condition);
            }
        }
    }

    static void checkFileTrigger(List<String> problems, String where, Trigger trigger) {
        if (trigger.prefixes().isEmpty()) {
            problems.add(where + ": names no path prefix: give the directories whose files fire it, e.g."
                    + " /usr/lib/demo/plugins");
        }
        if (!trigger.packages().isEmpty()) {
            problems.add(where + ": a file trigger fires on path prefixes, not packages: move "
                    + Quoting.quote(trigger.packages().get(0)) + " to a triggerin, or give prefixes");
        }
        if (trigger.priority() < 0) {
            problems.add(where + ": priority " + trigger.priority() + " is negative: use a whole number from 0;"
                    + " higher runs first, rpm's default is " + TriggerKind.DEFAULT_PRIORITY);
        }
        for (String prefix : trigger.prefixes()) {
            if (prefix == null || !prefix.startsWith("/") || prefix.chars().anyMatch(c -> Character.isWhitespace(c)
                    || c == ',')) {
                problems.add(where + ": prefix " + Quoting.quote(prefix) + " is not an absolute path without spaces or"
                        + " commas, which rpm's trigger syntax cannot hold: e.g. /usr/lib/demo/plugins");
            } else {
                HeaderText.check(problems, where + ": prefix", prefix);
            }
        }
    }
}

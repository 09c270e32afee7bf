package io.rpmkit.request;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.Quoting;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.Scriptlet;

/**
 * What a setting such as {@code systemUsers} or {@code tmpfiles} adds to a package: files it ships,
 * dependencies, and shell lines for scriptlets.
 *
 * @param setting the settings it comes from, for messages
 * @param scripts shell lines by phase, run before the user's own script of the same phase
 */
record GeneratedParts(String setting, List<Entry> entries, List<Dependency> dependencies,
        Map<ScriptletPhase, String> scripts) {
    private static final Set<String> SHELLS = Set.of("/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash");

    GeneratedParts {
        entries = List.copyOf(entries);
        dependencies = List.copyOf(dependencies);
        scripts = scripts.isEmpty() ? Map.of() : new EnumMap<>(scripts);
    }

    static GeneratedParts none(String setting) {
        return new GeneratedParts(setting, List.of(), List.of(), Map.of());
    }

    /**
     * The package's scriptlets with these lines put in front of the script of the same phase, so that
     * the user's script's exit status stays the scriptlet's; a phase without a script gets one.
     */
    List<Scriptlet> composeInto(List<Scriptlet> scriptlets, List<String> problems) {
        if (scripts.isEmpty()) {
            return scriptlets;
        }
        List<Scriptlet> composed = new ArrayList<>();
        Map<ScriptletPhase, String> pending = new EnumMap<>(scripts);
        for (Scriptlet scriptlet : scriptlets) {
            String lines = pending.remove(scriptlet.phase());
            if (lines == null) {
                composed.add(scriptlet);
            } else if (!SHELLS.contains(scriptlet.interpreter())) {
                problems.add(Quoting.label("scriptlet", scriptlet.phase().settingName()) + ": interpreter "
                        + Quoting.quote(scriptlet.interpreter()) + " cannot run the commands generated for " + setting
                        + ": use /bin/sh or /bin/bash, or leave " + setting + " out");
                composed.add(scriptlet);
            } else {
                composed.add(new Scriptlet(scriptlet.phase(), scriptlet.interpreter(),
                        lines + "\n\n" + scriptlet.body()));
            }
        }
        pending.forEach((phase, lines) -> composed.add(new Scriptlet(phase, Scriptlet.DEFAULT_INTERPRETER, lines)));
        return composed;
    }
}

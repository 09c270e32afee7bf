package io.rpmkit.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rpmkit.Choices;
import io.rpmkit.Quoting;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.TriggerKind;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.Trigger;

/** Turns configured scriptlets and triggers into the spec's, reading script files; every problem is recorded. */
final class ScriptResolver {
    private final List<String> problems;

    ScriptResolver(List<String> problems) {
        this.problems = problems;
    }

    List<Scriptlet> scriptlets(List<ScriptRequest> requests) {
        List<Scriptlet> scriptlets = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ScriptRequest request = requests.get(i);
            String where = Quoting.label("scriptlets", i, null);
            Optional<ScriptletPhase> phase = Choices.find(ScriptletPhase.class, request.when());
            if (phase.isEmpty()) {
                problems.add(where + ": phase " + Quoting.quote(request.when()) + " is unknown: use "
                        + Choices.words(List.of(ScriptletPhase.values())));
                continue;
            }
            body(where, request).ifPresent(body -> scriptlets.add(new Scriptlet(phase.get(),
                    interpreter(request.interpreter()), body)));
        }
        return scriptlets;
    }

    List<Trigger> triggers(List<ScriptRequest> requests) {
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ScriptRequest request = requests.get(i);
            String where = Quoting.label("triggers", i, null);
            Optional<TriggerKind> kind = Choices.find(TriggerKind.class, request.when());
            if (kind.isEmpty()) {
                problems.add(where + ": kind " + Quoting.quote(request.when()) + " is unknown: use "
                        + Choices.words(List.of(TriggerKind.values())));
                continue;
            }
            Optional<String> body = body(where, request);
            if (kind.get().isFileTrigger()) {
                fileTrigger(where, kind.get(), request, body).ifPresent(triggers::add);
                continue;
            }
            if (request.priority() != null) {
                problems.add(where + ": priority " + Quoting.quote(request.priority()) + " applies to file triggers"
                        + " only (filetriggerin, transfiletriggerin, ...): remove it");
            }
            List<Dependency> packages = new ArrayList<>();
            boolean unreadable = false;
            for (int p = 0; p < request.packages().size(); p++) {
                try {
                    packages.add(DependencyParser.parse(DependencyKind.REQUIRES, where + ".packages[" + p + "]",
                            request.packages().get(p)));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                    unreadable = true;
                }
            }
            if (body.isPresent() && !unreadable) {
                triggers.add(new Trigger(kind.get(), packages, interpreter(request.interpreter()), body.get(),
                        request.prefixes(), TriggerKind.DEFAULT_PRIORITY));
            }
        }
        return triggers;
    }

    /** Prefixes are kept as written (stripped), for the spec to check; packages go along so that it refuses them. */
    private Optional<Trigger> fileTrigger(String where, TriggerKind kind, ScriptRequest request,
            Optional<String> body) {
        int parsed = TriggerKind.DEFAULT_PRIORITY;
        if (request.priority() != null) {
            try {
                parsed = Integer.parseInt(request.priority().strip());
            } catch (NumberFormatException e) {
                problems.add(where + ": priority " + Quoting.quote(request.priority()) + " is not a whole number: use"
                        + " 0 to " + Integer.MAX_VALUE + ", higher runs first; rpm's default is "
                        + TriggerKind.DEFAULT_PRIORITY);
                // Kept with the default, so that the spec reports the trigger's other problems too.
            }
        }
        int priority = parsed;
        List<Dependency> packages = request.packages().stream()
                .map(p -> Dependency.of(DependencyKind.REQUIRES, p == null ? null : p.strip())).toList();
        List<String> prefixes = request.prefixes().stream().map(String::strip).toList();
        return body.map(script -> new Trigger(kind, packages, interpreter(request.interpreter()), script, prefixes,
                priority));
    }

    private Optional<String> body(String where, ScriptRequest request) {
        if (request.script() != null && request.file() != null) {
            problems.add(where + ": script and file are both set: give the script inline or in a file");
            return Optional.empty();
        }
        if (request.file() != null) {
            return TextFiles.read(problems, where + ".file", request.file());
        }
        if (request.script() == null) {
            problems.add(where + ": the script is missing: set script or file");
            return Optional.empty();
        }
        return Optional.of(request.script().strip());
    }

    private static String interpreter(String configured) {
        return configured == null || configured.isBlank() ? Scriptlet.DEFAULT_INTERPRETER : configured.strip();
    }
}

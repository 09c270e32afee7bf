package io.rpmkit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.rpmkit.spec.Dependency;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.request.DependencyParser;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.Quoting;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Trigger;
import io.rpmkit.format.TriggerKind;

/** Maps scriptlet and trigger configuration onto the builder, recording problems instead of stopping. */
final class Scripts {
    private Scripts() {
    }

    static void addScriptlets(PackageSpec.Builder builder, List<ScriptletConfig> configs) {
        for (int i = 0; i < configs.size(); i++) {
            ScriptletConfig config = configs.get(i);
            String where = "scriptlets[" + i + "]";
            ScriptletPhase phase = null;
            for (ScriptletPhase candidate : ScriptletPhase.values()) {
                if (candidate.settingName().equals(lower(config.phase))) {
                    phase = candidate;
                }
            }
            if (phase == null) {
                builder.problem(where + ": phase '" + config.phase + "' is unknown: use pretrans, pre, post, preun,"
                        + " postun or posttrans");
                continue;
            }
            Optional<String> body = body(builder, where, config.script, config.file);
            if (body.isPresent()) {
                builder.scriptlet(new Scriptlet(phase, interpreter(config.interpreter), body.get()));
            }
        }
    }

    static void addTriggers(PackageSpec.Builder builder, List<TriggerConfig> configs) {
        for (int i = 0; i < configs.size(); i++) {
            TriggerConfig config = configs.get(i);
            String where = "triggers[" + i + "]";
            TriggerKind kind = null;
            for (TriggerKind candidate : TriggerKind.values()) {
                if (candidate.settingName().equals(lower(config.kind))) {
                    kind = candidate;
                }
            }
            if (kind == null) {
                builder.problem(where + ": kind '" + config.kind + "' is unknown: use triggerin, triggerun or"
                        + " triggerpostun");
                continue;
            }
            List<Dependency> packages = new ArrayList<>();
            List<String> names = config.packages == null ? List.of() : config.packages;
            boolean unreadable = false;
            for (int p = 0; p < names.size(); p++) {
                try {
                    packages.add(DependencyParser.parse(DependencyKind.REQUIRES, where + ".packages[" + p + "]",
                            names.get(p)));
                } catch (IllegalArgumentException e) {
                    builder.problem(e.getMessage());
                    unreadable = true;
                }
            }
            Optional<String> body = body(builder, where, config.script, config.file);
            if (body.isPresent() && !unreadable) {
                builder.trigger(new Trigger(kind, packages, interpreter(config.interpreter), body.get()));
            }
        }
    }

    private static Optional<String> body(PackageSpec.Builder builder, String where, String script, File file) {
        if (script != null && file != null) {
            builder.problem(where + ": script and file are both set: give the script inline or in a file");
            return Optional.empty();
        }
        if (file != null) {
            return read(builder, where + ".file", file);
        }
        if (script == null) {
            builder.problem(where + ": the script is missing: set script or file");
            return Optional.empty();
        }
        return Optional.of(script.strip());
    }

    static Optional<String> read(PackageSpec.Builder builder, String setting, File file) {
        if (file.exists() && !file.isFile()) {
            builder.problem(setting + " " + Quoting.quote(file) + " is not a regular file: give a UTF-8 text file");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.toPath(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            builder.problem(setting + " '" + file + "' cannot be read (" + e.getClass().getSimpleName()
                    + "): give an existing UTF-8 text file");
            return Optional.empty();
        }
    }

    private static String interpreter(String configured) {
        return configured == null || configured.isBlank() ? Scriptlet.DEFAULT_INTERPRETER : configured.strip();
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}

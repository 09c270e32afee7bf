package io.rpmkit.spec;

import io.rpmkit.format.ScriptletPhase;

/** A script rpm runs at one phase, with the absolute path of its interpreter. */
public record Scriptlet(ScriptletPhase phase, String interpreter, String body) {
    public static final String DEFAULT_INTERPRETER = "/bin/sh";
}

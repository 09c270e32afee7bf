package io.rpmkit.read;

import java.util.List;

import io.rpmkit.format.ScriptletPhase;

/**
 * A scriptlet: its phase, interpreter and body.
 *
 * @param interpreter the {@code *PROG} value: one string, or the program and its arguments when
 *     rpmbuild stored an array ({@code %post -p "/usr/bin/lua -e"}); empty when absent, which rpm runs
 *     with /bin/sh
 * @param body the script; empty when only a program runs ({@code %post -p /sbin/ldconfig})
 */
public record HeaderScriptlet(ScriptletPhase phase, List<String> interpreter, String body) {
    public HeaderScriptlet {
        interpreter = List.copyOf(interpreter);
    }

    /** The interpreter as one command line, /bin/sh when the header names none. */
    public String program() {
        return interpreter.isEmpty() ? "/bin/sh" : String.join(" ", interpreter);
    }
}

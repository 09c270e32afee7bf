package io.rpmkit.read;

import java.util.ArrayList;
import java.util.List;

import io.rpmkit.format.ScriptletPhase;

/**
 * A scriptlet: its phase, interpreter, body and flags.
 *
 * @param label the word {@code rpm --scripts} uses: {@code pretrans}, {@code preinstall}, ...,
 *     {@code posttrans}, {@code verify} (the %verifyscript, which has no install phase)
 * @param interpreter the {@code *PROG} value: one string, or the program and its arguments when
 *     rpmbuild stored an array ({@code %post -p "/usr/bin/lua -e"}); empty when absent, which rpm runs
 *     with /bin/sh
 * @param body the script; empty when only a program runs ({@code %post -p /sbin/ldconfig})
 * @param flags the {@code *FLAGS} value: RPMSCRIPT_FLAG_EXPAND (1, {@code -e}) and
 *     RPMSCRIPT_FLAG_QFORMAT (2, {@code -q}); 0 when absent
 */
public record HeaderScriptlet(String label, List<String> interpreter, String body, int flags) {
    /** rpm's lib/rpmscript.h; the spec-file options that set them. */
    static final int FLAG_EXPAND = 1;
    static final int FLAG_QFORMAT = 1 << 1;

    public HeaderScriptlet {
        interpreter = List.copyOf(interpreter);
    }

    /**
     * The install phase this scriptlet runs in; null for the %verifyscript, which runs in none
     * ({@code rpm -V}). {@link #label()} names every scriptlet.
     */
    public ScriptletPhase phase() {
        for (ScriptletPhase phase : ScriptletPhase.values()) {
            if (phase.queryLabel().equals(label)) {
                return phase;
            }
        }
        return null;
    }

    /** The interpreter as one command line, /bin/sh when the header names none. */
    public String program() {
        return interpreter.isEmpty() ? "/bin/sh" : String.join(" ", interpreter);
    }

    /** The spec-file options the flags stand for, e.g. {@code [-e, -q]}; unknown bits in hex. */
    public List<String> flagOptions() {
        return flagOptions(flags);
    }

    static List<String> flagOptions(int flags) {
        List<String> words = new ArrayList<>();
        if ((flags & FLAG_EXPAND) != 0) {
            words.add("-e");
        }
        if ((flags & FLAG_QFORMAT) != 0) {
            words.add("-q");
        }
        int rest = flags & ~(FLAG_EXPAND | FLAG_QFORMAT);
        if (rest != 0) {
            words.add("0x" + Integer.toHexString(rest));
        }
        return words;
    }
}

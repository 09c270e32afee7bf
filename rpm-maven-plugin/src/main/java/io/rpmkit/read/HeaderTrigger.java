package io.rpmkit.read;

import java.util.List;

import io.rpmkit.format.Flags;

/**
 * A trigger or file trigger script and what fires it.
 *
 * @param type {@code triggerprein}, {@code triggerin}, {@code triggerun}, {@code triggerpostun}; for
 *     file triggers the same with {@code filetrigger} or {@code transfiletrigger} in place of
 *     {@code trigger}, as {@code rpm --triggers} and {@code --filetriggers} print them
 * @param conditions the NAME/VERSION/FLAGS entries whose INDEX points at this script; for a file
 *     trigger the names are path prefixes
 * @param flags the script's RPMSCRIPT_FLAG_* bits, see {@link HeaderScriptlet#flagOptions()}
 * @param priority a file trigger's priority (rpm's default is 1000000); 0 for package triggers
 */
public record HeaderTrigger(String type, List<HeaderDependency> conditions, String interpreter, String body,
        int flags, int priority) {
    public HeaderTrigger {
        conditions = List.copyOf(conditions);
    }

    public HeaderTrigger(String type, List<HeaderDependency> conditions, String interpreter, String body) {
        this(type, conditions, interpreter, body, 0, 0);
    }

    public List<String> flagOptions() {
        return HeaderScriptlet.flagOptions(flags);
    }

    /** {@code in}, {@code un}, {@code postun} or {@code prein}, as rpm's triggertype format. */
    static String typeOf(int flags) {
        if ((flags & Flags.SENSE_TRIGGERPREIN) != 0) {
            return "prein";
        }
        if ((flags & Flags.SENSE_TRIGGERUN) != 0) {
            return "un";
        }
        if ((flags & Flags.SENSE_TRIGGERPOSTUN) != 0) {
            return "postun";
        }
        return "in";
    }
}

package io.rpmkit.read;

import java.util.List;

import io.rpmkit.format.Flags;

/**
 * A trigger script and the packages whose (un)installation fires it.
 *
 * @param type {@code triggerprein}, {@code triggerin}, {@code triggerun} or {@code triggerpostun}
 * @param conditions TRIGGERNAME/VERSION/FLAGS of the entries whose TRIGGERINDEX points at this script
 */
public record HeaderTrigger(String type, List<HeaderDependency> conditions, String interpreter, String body) {
    public HeaderTrigger {
        conditions = List.copyOf(conditions);
    }

    static String typeOf(int flags) {
        if ((flags & Flags.SENSE_TRIGGERPREIN) != 0) {
            return "triggerprein";
        }
        if ((flags & Flags.SENSE_TRIGGERUN) != 0) {
            return "triggerun";
        }
        if ((flags & Flags.SENSE_TRIGGERPOSTUN) != 0) {
            return "triggerpostun";
        }
        return "triggerin";
    }
}

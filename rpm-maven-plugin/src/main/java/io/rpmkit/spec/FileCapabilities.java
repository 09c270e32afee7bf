package io.rpmkit.spec;

import java.util.List;
import java.util.Locale;

import io.rpmkit.spec.ParsedText.Refusal;

/**
 * A file's POSIX capabilities as rpm's {@code %caps(...)} takes them: the text libcap's
 * cap_from_text(3) reads, e.g. {@code cap_net_bind_service=ep} or {@code cap_chown,cap_fowner+p}, stored
 * in FILECAPS in the form cap_to_text writes it, as rpmbuild does.
 *
 * <p>Clauses are separated by spaces; each is an optional comma-separated list of capability names
 * ({@code cap_*} in any case, a number below 64, or {@code all}) followed by one or more actions, an
 * operator ({@code =}, {@code +}, {@code -}) with flags from {@code e}, {@code i}, {@code p}. {@code all},
 * and a clause without names, mean the 41 capabilities that Linux 5.9 and later name; rpmbuild asks the
 * running kernel instead, so its output can differ between build machines where ours cannot.
 */
public final class FileCapabilities {
    /** libcap's names, indexed by capability number (linux/capability.h). */
    private static final List<String> NAMES = List.of("cap_chown", "cap_dac_override", "cap_dac_read_search",
            "cap_fowner", "cap_fsetid", "cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap", "cap_linux_immutable",
            "cap_net_bind_service", "cap_net_broadcast", "cap_net_admin", "cap_net_raw", "cap_ipc_lock",
            "cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace", "cap_sys_pacct",
            "cap_sys_admin", "cap_sys_boot", "cap_sys_nice", "cap_sys_resource", "cap_sys_time",
            "cap_sys_tty_config", "cap_mknod", "cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap",
            "cap_mac_override", "cap_mac_admin", "cap_syslog", "cap_wake_alarm", "cap_block_suspend",
            "cap_audit_read", "cap_perfmon", "cap_bpf", "cap_checkpoint_restore");
    private static final int MAX_BITS = 64;
    /** The bits of a capability's state, as libcap numbers its sets: effective, permitted, inheritable. */
    private static final int EFFECTIVE = 1;
    private static final int PERMITTED = 2;
    private static final int INHERITABLE = 4;

    private final String text;
    private final int[] states = new int[MAX_BITS];
    private int pos;

    private FileCapabilities(String text) {
        this.text = text;
    }

    public static ParsedText parse(String text) {
        FileCapabilities parser = new FileCapabilities(text);
        try {
            parser.clauses();
            return ParsedText.accepted(parser.render());
        } catch (Refusal e) {
            return e.parsed();
        }
    }

    private void clauses() throws Refusal {
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                return;
            }
            clause();
        }
    }

    private void clause() throws Refusal {
        boolean[] list = new boolean[MAX_BITS];
        boolean listed = false;
        if (isNameStart(current())) {
            while (true) {
                name(list);
                if (current() != ',') {
                    break;
                }
                pos++;
                if (!isNameStart(current())) {
                    throw new Refusal(pos + 1, "a capability name must follow ','");
                }
            }
            listed = true;
        } else if (current() == '+' || current() == '-') {
            throw new Refusal(pos + 1, "'" + current() + "' needs capability names before it, e.g."
                    + " cap_net_bind_service+ep; only '=' may stand alone, meaning all of them");
        } else {
            markAll(list);
        }
        int opPosition = pos;
        char op = next();
        boolean clearFirst = false;
        if (op == '=' && (current() == '+' || current() == '-')) {
            if (!listed) {
                throw new Refusal(opPosition + 1, "'=" + current() + "' needs capability names before it");
            }
            clearFirst = true;
            op = next();
        } else if (op != '=' && op != '+' && op != '-') {
            throw new Refusal(opPosition + 1, (op == 0 ? "the clause ends" : "'" + op + "' stands") + " where an"
                    + " operator (=, + or -) is needed, e.g. cap_net_bind_service=ep");
        }
        if (op == '=' || clearFirst) {
            apply(list, '=', 0);
        }
        int flags = 0;
        while (true) {
            char c = current();
            if (c != 0 && !Character.isWhitespace(c)) {
                pos++;
                switch (c) {
                    case 'e' -> flags |= EFFECTIVE;
                    case 'i' -> flags |= INHERITABLE;
                    case 'p' -> flags |= PERMITTED;
                    default -> throw new Refusal(pos, "'" + c + "' is not a capability flag: use e (effective),"
                            + " i (inheritable) and p (permitted)");
                }
            } else if (op != '=') {
                throw new Refusal(pos + 1, "'" + op + "' has no flags after it: give e, i or p, e.g. +ep");
            }
            apply(list, op, flags);
            if (current() == '+' || current() == '-') {
                if (!listed) {
                    throw new Refusal(pos + 1, "'" + current() + "' needs capability names before the clause");
                }
                flags = 0;
                op = next();
                if (!Character.isLetter(current())) {
                    throw new Refusal(pos + 1, "'" + op + "' has no flags after it: give e, i or p, e.g. +ep");
                }
            }
            if (current() == 0 || Character.isWhitespace(current())) {
                return;
            }
        }
    }

    /** One name, number or {@code all}, marked in {@code list}. */
    private void name(boolean[] list) throws Refusal {
        int start = pos;
        if (Character.isDigit(current())) {
            while (Character.isLetterOrDigit(current())) {
                pos++;
            }
            int number = number(text.substring(start, pos));
            if (number < 0 || number >= MAX_BITS) {
                throw new Refusal(start + 1, "'" + text.substring(start, pos) + "' is not a capability number:"
                        + " use 0 to 63, or a name such as cap_net_bind_service");
            }
            list[number] = true;
            return;
        }
        while (isNameStart(current()) && !Character.isDigit(current())) {
            pos++;
        }
        String word = text.substring(start, pos).toLowerCase(Locale.ROOT);
        if (Character.isDigit(current())) {
            throw new Refusal(start + 1, "'" + text.substring(start, pos + 1) + "...' is not a capability name");
        }
        if (word.equals("all")) {
            markAll(list);
            return;
        }
        int index = NAMES.indexOf(word);
        if (index < 0) {
            throw new Refusal(start + 1, "'" + text.substring(start, pos) + "' is not a capability libcap knows:"
                    + " use a name from capabilities(7), e.g. cap_net_bind_service, or all");
        }
        list[index] = true;
    }

    /** strtoul with base 0, as libcap reads a number: 0x.. hexadecimal, 0.. octal; -1 when it is none. */
    private static int number(String digits) {
        try {
            long value = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseLong(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits.substring(1), 8)
                    : Long.parseLong(digits);
            return value < MAX_BITS ? (int) value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void markAll(boolean[] list) {
        for (int i = 0; i < NAMES.size(); i++) {
            list[i] = true;
        }
    }

    private void apply(boolean[] list, char op, int flags) {
        for (int i = 0; i < MAX_BITS; i++) {
            if (list[i]) {
                states[i] = switch (op) {
                    case '=' -> flags;
                    case '+' -> states[i] | flags;
                    default -> states[i] & ~flags;
                };
            }
        }
    }

    /**
     * cap_to_text's form: the state most named capabilities share as the base ("=" for none, which
     * is then left out), every other state with the names in it, then numbered capabilities.
     */
    private String render() {
        int[] histogram = new int[8];
        for (int i = 0; i < NAMES.size(); i++) {
            histogram[states[i]]++;
        }
        int base = 7;
        for (int t = 6; t >= 0; t--) {
            if (histogram[t] >= histogram[base]) {
                base = t;
            }
        }
        StringBuilder out = new StringBuilder("=").append(letters(base));
        boolean baseShown = true;
        for (int t = 7; t >= 0; t--) {
            if (t == base || histogram[t] == 0) {
                continue;
            }
            out.append(' ');
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < NAMES.size(); i++) {
                if (states[i] == t) {
                    names.append(names.isEmpty() ? "" : ",").append(NAMES.get(i));
                }
            }
            out.append(names);
            int raised = t & ~base;
            if (raised != 0) {
                String op = "+";
                if (baseShown && base == 0) {
                    out.delete(0, 2); // "= a+ep" says the same as the shorter "a=ep"
                    baseShown = false;
                    op = "=";
                }
                out.append(op).append(letters(raised));
            }
            int lowered = ~t & base;
            if (lowered != 0) {
                out.append('-').append(letters(lowered));
            }
        }
        for (int t = 7; t >= 1; t--) {
            StringBuilder numbers = new StringBuilder();
            for (int i = NAMES.size(); i < MAX_BITS; i++) {
                if (states[i] == t) {
                    numbers.append(numbers.isEmpty() ? "" : ",").append(i);
                }
            }
            if (!numbers.isEmpty()) {
                out.append(' ').append(numbers).append('+').append(letters(t));
            }
        }
        return out.toString();
    }

    private static String letters(int state) {
        return ((state & EFFECTIVE) != 0 ? "e" : "") + ((state & INHERITABLE) != 0 ? "i" : "")
                + ((state & PERMITTED) != 0 ? "p" : "");
    }

    private static boolean isNameStart(char c) {
        return c != 0 && c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private char current() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private char next() {
        char c = current();
        if (pos < text.length()) {
            pos++;
        }
        return c;
    }
}

package io.rpmkit.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.spec.ParsedText.Refusal;

/**
 * rpm's rich (boolean) dependencies, {@code (a or b)}, {@code (c >= 1.2 if d else e)}, nested: read
 * as rpmbuild reads them (rpm's lib/rpmds.cc rpmrichParseForTag and build/parseReqs.cc), so that what
 * rpmbuild refuses is refused here with the position of the fault, and what it accepts is stored in
 * the form rpmbuild stores: single spaces, canonical comparisons, no commas.
 */
public final class RichDependency {
    /** The operators rpm knows, in the words a spec file uses. */
    private enum Op {
        AND, OR, IF, UNLESS, ELSE, WITH, WITHOUT;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a group's contents forbid around it; rpm tracks the same three facts while it parses. */
    private static final int NO_WITH = 1;
    private static final int NO_AND = 2;
    private static final int NO_OR = 4;
    private static final String OPERATORS = "and, or, if, else, unless, with, without";

    private final String text;
    private final StringBuilder normalized = new StringBuilder();
    private int pos;

    private RichDependency(String text) {
        this.text = text;
    }

    /** Whether {@code name} is written as a rich dependency: rpm takes every name starting with '(' for one. */
    public static boolean isRich(String name) {
        return name != null && name.startsWith("(");
    }

    /** The dependency kinds whose lists rpm lets hold rich dependencies (build/parseReqs.cc). */
    public static boolean allowedIn(DependencyKind kind) {
        return switch (kind) {
            case REQUIRES, RECOMMENDS, SUGGESTS, SUPPLEMENTS, ENHANCES, CONFLICTS -> true;
            default -> false;
        };
    }

    /** Reads {@code text}, which starts with '(', as a dependency of {@code kind}. */
    public static ParsedText parse(String text, DependencyKind kind) {
        RichDependency parser = new RichDependency(text);
        try {
            int forbidden = parser.group();
            parser.skipSeparators();
            if (parser.pos < text.length()) {
                throw new Refusal(parser.pos + 1, "text follows the closing ')' of the dependency: give one"
                        + " dependency per item, or join them with 'and'");
            }
            // A whole conflict (or reverse dependency) must not hold by 'if', a requirement not by 'unless'.
            boolean reverse = kind == DependencyKind.CONFLICTS || kind == DependencyKind.SUPPLEMENTS
                    || kind == DependencyKind.ENHANCES;
            parser.checkContext(reverse ? Op.OR : Op.AND, forbidden, 1);
            return ParsedText.accepted(parser.normalized.toString());
        } catch (Refusal e) {
            return e.parsed();
        }
    }

    /** One parenthesised group from {@code pos}; returns what it forbids around it. */
    private int group() throws Refusal {
        int start = pos;
        if (!at('(')) {
            throw new Refusal(pos + 1, "a rich dependency starts with '('");
        }
        pos++;
        normalized.append('(');
        Op first = null;
        Op last = null;
        Op chain = null;
        int forbidden = 0;
        while (true) {
            skipSeparators();
            if (at(')')) {
                throw new Refusal(pos + 1, chain != null ? "'" + chain.word() + "' has nothing after it: give the"
                        + " dependency it combines" : "the parentheses are empty: give a dependency inside");
            }
            if (pos >= text.length()) {
                throw new Refusal(start + 1, "the '(' is never closed: add a ')'");
            }
            if (at('(')) {
                int inner = group();
                if (last == Op.IF || last == Op.UNLESS) {
                    inner &= ~(NO_AND | NO_OR); // a condition may be of any shape
                }
                forbidden |= inner;
            } else {
                simple();
            }
            skipSeparators();
            if (pos >= text.length()) {
                throw new Refusal(start + 1, "the '(' is never closed: add a ')'");
            }
            if (at(')')) {
                break;
            }
            int opStart = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && !at(')')) {
                pos++;
            }
            String word = text.substring(opStart, pos);
            Op op = operator(word).orElseThrow(() -> new Refusal(opStart + 1, "'" + word + "' is not an operator:"
                    + " use " + OPERATORS + (Comparison.ofOperator(word).isPresent()
                            ? ", or write the comparison right after a name" : "")));
            if (first == null) {
                first = op;
            }
            if (op == Op.ELSE && (chain == Op.IF || chain == Op.UNLESS)) {
                chain = null;
            }
            if (chain != null && op != chain) {
                throw new Refusal(opStart + 1, "'" + op.word() + "' follows '" + chain.word() + "' in one group:"
                        + " rpm cannot mix them; add parentheses, e.g. ((a " + chain.word() + " b) " + op.word()
                        + " c)");
            }
            if (chain != null && op != Op.AND && op != Op.OR && op != Op.WITH) {
                throw new Refusal(opStart + 1, "'" + op.word() + "' is repeated in one group: only and, or and"
                        + " with can be; nest the rest in parentheses");
            }
            if (op == Op.ELSE && first != Op.IF && first != Op.UNLESS) {
                // rpmbuild takes "(a else b)" but no rpm gives it a meaning.
                throw new Refusal(opStart + 1, "'else' must follow 'if' or 'unless', e.g. (a if b else c)");
            }
            normalized.append(' ').append(op.word()).append(' ');
            chain = op;
            last = op;
        }
        checkContext(first, forbidden, start + 1);
        if (first == Op.IF) {
            forbidden |= NO_OR;
        }
        if (first == Op.UNLESS) {
            forbidden |= NO_AND;
        }
        if (last == Op.AND || last == Op.OR) {
            forbidden &= ~(NO_AND | NO_OR);
        }
        if (last != null && last != Op.WITH && last != Op.WITHOUT && last != Op.OR) {
            forbidden |= NO_WITH;
        }
        pos++;
        normalized.append(')');
        return forbidden;
    }

    /** Whether the groups inside may stand where {@code op} combines them, as rpm decides it. */
    private void checkContext(Op op, int forbidden, int position) throws Refusal {
        if (op == null) {
            return;
        }
        if ((op == Op.WITH || op == Op.WITHOUT) && (forbidden & NO_WITH) != 0) {
            throw new Refusal(position, "'" + op.word() + "' combines only names, 'or' groups and other 'with'"
                    + " groups, since it asks one package to satisfy both sides: move the 'and', 'if' or"
                    + " 'unless' outside, e.g. ((a with b) and c)");
        }
        if ((op == Op.AND || op == Op.IF) && (forbidden & NO_AND) != 0) {
            throw new Refusal(position, "an 'unless' group cannot be joined by 'and' or 'if'"
                    + " (nor stand alone in requires, recommends or suggests): write it with 'or':"
                    + " (a unless b) holds as (a or b)");
        }
        if ((op == Op.OR || op == Op.UNLESS) && (forbidden & NO_OR) != 0) {
            throw new Refusal(position, "an 'if' group cannot be joined by 'or' or 'unless'"
                    + " (nor stand alone in conflicts, supplements or enhances): write it with 'and':"
                    + " (a if b) holds there as (a and b)");
        }
    }

    /** A name with an optional comparison and version, as rpm's parseSimpleDep reads it. */
    private void simple() throws Refusal {
        int nameStart = pos;
        String name = token();
        if (name.isEmpty()) {
            throw new Refusal(nameStart + 1, "a name is missing");
        }
        normalized.append(name);
        int afterName = pos;
        skipSeparators();
        int comparisonStart = pos;
        String next = token();
        Optional<Comparison> comparison = comparison(next);
        if (comparison.isEmpty()) {
            pos = next.isEmpty() ? afterName : comparisonStart;
            checkName(name, nameStart, false);
            return;
        }
        skipSeparators();
        int versionStart = pos;
        String version = token();
        if (version.isEmpty()) {
            throw new Refusal(versionStart + 1, "'" + name + " " + next + "' has no version: write e.g. '" + name
                    + " " + next + " 1.0'");
        }
        checkName(name, nameStart, true);
        checkVersion(version, versionStart);
        normalized.append(' ').append(comparison.get().operator()).append(' ').append(version);
    }

    private static void checkName(String name, int position, boolean versioned) throws Refusal {
        int sign = indexOfComparisonSign(name);
        if (sign >= 0) {
            // rpmbuild takes "a>=1" for a name, which no package provides.
            throw new Refusal(position + sign + 1, "'" + name + "' holds a comparison sign, which would make it"
                    + " part of the name: put spaces around the comparison, e.g. 'a >= 1'");
        }
        char first = name.charAt(0);
        if (first < 0x80 && !(Character.isLetterOrDigit(first) || first == '_' || first == '/')) {
            throw new Refusal(position + 1, "'" + name + "' does not start with a letter, digit, '_' or '/',"
                    + " which rpm requires of a dependency name");
        }
        if (versioned && first == '/') {
            throw new Refusal(position + 1, "'" + name + "' is a file, which rpm does not compare by version:"
                    + " drop the version or name the package");
        }
    }

    private static int indexOfComparisonSign(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '<' || c == '>' || c == '=') {
                return i;
            }
        }
        return -1;
    }

    private static void checkVersion(String version, int position) throws Refusal {
        List<String> problems = new java.util.ArrayList<>();
        DependencyRules.checkVersion(problems, version);
        if (!problems.isEmpty()) {
            throw new Refusal(position + 1, "version '" + version + "' " + problems.get(0));
        }
    }

    /**
     * Up to a separator or the ')' that closes the group: a name may hold balanced parentheses, as in
     * {@code perl(Foo)}.
     */
    private String token() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ',' || (c == ')' && depth-- <= 0)) {
                break;
            }
            if (c == '(') {
                depth++;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    /** rpm reads commas between the parts of a dependency as spaces. */
    private void skipSeparators() {
        while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
            pos++;
        }
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private static Optional<Op> operator(String word) {
        for (Op op : Op.values()) {
            if (op.word().equals(word)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** rpm's comparison tokens, =< and => included. */
    private static Optional<Comparison> comparison(String token) {
        return switch (token) {
            case "=<" -> Optional.of(Comparison.LESS_OR_EQUAL);
            case "=>" -> Optional.of(Comparison.GREATER_OR_EQUAL);
            default -> Comparison.ofOperator(token);
        };
    }
}

package io.rpmkit.request;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.codehaus.plexus.util.SelectorUtils;

import io.rpmkit.Quoting;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.PathRules;

/**
 * Applies path rules to every entry, in order: each attribute a rule sets replaces the entry's, so
 * the last matching rule wins. A rule that matches nothing, or sets an attribute that none of its
 * matches can carry, is an error: it would otherwise change nothing without a word.
 */
final class AttributeRules {
    private record Rule(int index, String label, String glob, Integer fileMode, Integer directoryMode, String user,
            String group, Set<FileFlag> flags, Set<VerifyFlag> verify) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<String> problems;

    AttributeRules(List<AttributeRuleRequest> requests, List<String> problems) {
        this.problems = problems;
        EntryAttributes attributes = new EntryAttributes(problems);
        for (int i = 0; i < requests.size(); i++) {
            AttributeRuleRequest request = requests.get(i);
            String label = Quoting.label("rules", i, request.path());
            String glob = glob(label, request.path());
            Integer fileMode = EntryAttributes.given(request.mode())
                    ? attributes.mode(label, "mode", request.mode(), -1) : null;
            Integer directoryMode = EntryAttributes.given(request.directoryMode())
                    ? attributes.mode(label, "directoryMode", request.directoryMode(), -1) : null;
            Set<FileFlag> flags = EntryAttributes.given(request.flags()) ? (request.flags().strip().equalsIgnoreCase("none")
                    ? EnumSet.noneOf(FileFlag.class) : attributes.flags(label, request.flags())) : null;
            Set<VerifyFlag> verify = attributes.verify(label, request.verify());
            String user = EntryAttributes.given(request.user()) ? request.user().strip() : null;
            String group = EntryAttributes.given(request.group()) ? request.group().strip() : null;
            for (String[] owner : new String[][] {{"user", user}, {"group", group}}) {
                if (owner[1] != null && PathRules.ownerProblem(owner[0], owner[1]) != null) {
                    problems.add(label + ": " + PathRules.ownerProblem(owner[0], owner[1]));
                    glob = null; // applied, it would repeat the problem for every entry it matches
                }
            }
            if (fileMode == null && directoryMode == null && user == null && group == null && flags == null
                    && verify == null) {
                problems.add(label + ": sets nothing: give mode, directoryMode, user, group, flags or verify");
            } else if (glob != null) {
                rules.add(new Rule(i, label, glob, fileMode, directoryMode, user, group, flags, verify));
            }
        }
    }

    /** The entries with every rule applied; problems go to the list given. */
    List<Entry> apply(List<Entry> entries) {
        List<Entry> result = new ArrayList<>(entries);
        for (Rule rule : rules) {
            boolean matched = false;
            boolean file = false;
            boolean directory = false;
            boolean flaggable = false;
            for (int i = 0; i < result.size(); i++) {
                Entry entry = result.get(i);
                if (!SelectorUtils.matchPath(rule.glob(), entry.path(), "/", true)) {
                    continue;
                }
                matched = true;
                file |= entry.kind() == EntryKind.FILE;
                directory |= entry.kind() == EntryKind.DIRECTORY;
                flaggable |= entry.kind() != EntryKind.DIRECTORY;
                result.set(i, applied(rule, entry));
            }
            if (!matched) {
                problems.add(rule.label() + ": matches no entry of the package: correct the path or remove the"
                        + " rule (** matches any number of directories, * part of one name, ? one character)");
                continue;
            }
            if (rule.fileMode() != null && !file) {
                problems.add(rule.label() + ": mode applies to files, and the rule matches none: use directoryMode"
                        + " for directories");
            }
            if (rule.directoryMode() != null && !directory) {
                problems.add(rule.label() + ": directoryMode applies to directories, and the rule matches none: use"
                        + " mode for files");
            }
            if (rule.flags() != null && !flaggable) {
                problems.add(rule.label() + ": flags apply to files and symlinks, and the rule matches only"
                        + " directories: match the files below them, e.g. " + Quoting.quote(rule.glob() + "/**"));
            }
        }
        return result;
    }

    private static Entry applied(Rule rule, Entry entry) {
        Entry result = entry;
        Integer mode = switch (entry.kind()) {
            case FILE -> rule.fileMode();
            case DIRECTORY -> rule.directoryMode();
            case SYMLINK -> null; // rpm stores every symlink as 0777
        };
        if (mode != null && mode >= 0) {
            result = result.withMode(mode);
        }
        if (rule.user() != null || rule.group() != null) {
            result = result.withOwner(rule.user() != null ? rule.user() : result.user(),
                    rule.group() != null ? rule.group() : result.group());
        }
        if (rule.flags() != null && entry.kind() != EntryKind.DIRECTORY) {
            Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
            flags.addAll(rule.flags());
            if (entry.is(FileFlag.GHOST)) {
                flags.add(FileFlag.GHOST);
            }
            result = result.withFlags(flags);
        }
        if (rule.verify() != null) {
            result = result.withVerify(rule.verify());
        }
        return result;
    }

    private String glob(String label, String path) {
        if (path == null || path.isBlank()) {
            problems.add(label + ": path is missing: give an install path or glob, e.g. /usr/share/app/bin/*");
            return null;
        }
        String glob = path.strip();
        String problem = !glob.startsWith("/") ? "is relative: rules match install paths, which are absolute, e.g. /"
                + Quoting.printable(glob)
                : glob.length() > 1 && (glob.endsWith("/") || glob.contains("//")) ? "has an empty segment: remove"
                        + " the extra '/' (write /** for everything below a directory)"
                : glob.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? "contains a control character: use printable"
                        + " characters only"
                : List.of(glob.substring(1).split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))
                        ? "contains a . or .. segment: give the path without them" : null;
        if (problem != null) {
            problems.add(label + ": path " + Quoting.quote(path) + " " + problem);
            return null;
        }
        return glob;
    }
}

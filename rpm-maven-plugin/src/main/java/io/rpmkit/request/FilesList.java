package io.rpmkit.request;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.rpmkit.Quoting;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.request.EntryResolver.LabelledEntry;

/**
 * Reads a file list in rpm's own {@code %files} syntax and finds each path in the staging roots, as
 * rpmbuild finds it in the build root: {@code %defattr}, {@code %attr}, {@code %config(noreplace,
 * missingok)}, {@code %ghost}, {@code %dir}, {@code %doc}, {@code %license}, {@code %readme},
 * {@code %verify([not] ...)}, globs, rpm's standard directory macros. A directory listed without
 * {@code %dir} is taken whole, with everything below it. A mode or owner of {@code -} is the staging
 * file's mode, and root. Every problem names the file and the line.
 */
final class FilesList {
    /** The directory macros of rpm's macros file that do not depend on the architecture. */
    private static final Map<String, String> PATH_MACROS = Map.ofEntries(Map.entry("_prefix", "/usr"),
            Map.entry("_exec_prefix", "/usr"), Map.entry("_bindir", "/usr/bin"), Map.entry("_sbindir", "/usr/sbin"),
            Map.entry("_libexecdir", "/usr/libexec"), Map.entry("_datadir", "/usr/share"),
            Map.entry("_sysconfdir", "/etc"), Map.entry("_localstatedir", "/var"),
            Map.entry("_sharedstatedir", "/var/lib"), Map.entry("_includedir", "/usr/include"),
            Map.entry("_mandir", "/usr/share/man"), Map.entry("_infodir", "/usr/share/info"),
            Map.entry("_docdir", "/usr/share/doc"), Map.entry("_defaultdocdir", "/usr/share/doc"),
            Map.entry("_defaultlicensedir", "/usr/share/licenses"), Map.entry("_unitdir", "/usr/lib/systemd/system"),
            Map.entry("_userunitdir", "/usr/lib/systemd/user"), Map.entry("_presetdir", "/usr/lib/systemd/system-preset"),
            Map.entry("_sysusersdir", "/usr/lib/sysusers.d"), Map.entry("_tmpfilesdir", "/usr/lib/tmpfiles.d"),
            Map.entry("_javadir", "/usr/share/java"), Map.entry("_jnidir", "/usr/lib/java"),
            Map.entry("_rundir", "/run"), Map.entry("_initddir", "/etc/rc.d/init.d"));
    private static final Pattern MACRO = Pattern.compile("%\\{(\\??)([A-Za-z_][A-Za-z0-9_]*)\\}|%([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DIRECTIVE = Pattern.compile("%([a-z]+)(?:\\((.*)\\))?", Pattern.DOTALL);
    private static final Set<String> GLOB_CHARACTERS = Set.of("*", "?", "[", "{");

    /** rpm's %verify words, as our verify setting spells them. */
    private static final Map<String, VerifyFlag> VERIFY_WORDS = Map.ofEntries(Map.entry("md5", VerifyFlag.DIGEST),
            Map.entry("filedigest", VerifyFlag.DIGEST), Map.entry("size", VerifyFlag.SIZE),
            Map.entry("link", VerifyFlag.LINKTO), Map.entry("user", VerifyFlag.USER), Map.entry("owner", VerifyFlag.USER),
            Map.entry("group", VerifyFlag.GROUP), Map.entry("mtime", VerifyFlag.MTIME),
            Map.entry("mode", VerifyFlag.MODE), Map.entry("rdev", VerifyFlag.RDEV), Map.entry("caps", VerifyFlag.CAPS));

    /** %defattr's or %attr's values; null fields are "-". */
    private record Attributes(String fileMode, String user, String group, String directoryMode) {
        static final Attributes RPM_DEFAULT = new Attributes(null, "root", "root", null);
    }

    /** What the directives of one line say. */
    private static final class LineAttributes {
        Attributes attr;
        final Set<String> flags = new LinkedHashSet<>();
        boolean ghost;
        boolean directory;
        String verify;
    }

    private final String fileLabel;
    private final List<Path> roots;
    private final Function<String, String> packageMacros;
    private final List<String> problems;
    private final List<LabelledEntry> entries = new ArrayList<>();
    private Attributes defaults = Attributes.RPM_DEFAULT;
    private String lineLabel;

    private FilesList(String fileLabel, List<Path> roots, Function<String, String> packageMacros,
            List<String> problems) {
        this.fileLabel = fileLabel;
        this.roots = roots;
        this.packageMacros = packageMacros;
        this.problems = problems;
    }

    /**
     * The entries a %files list names.
     *
     * @param packageMacros the values of %{name}, %{version} and %{release}
     */
    static List<LabelledEntry> parse(Path file, String text, List<Path> roots, Function<String, String> packageMacros,
            List<String> problems) {
        FilesList list = new FilesList("filesFile " + Quoting.quote(file), roots, packageMacros, problems);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            list.lineLabel = list.fileLabel + " line " + (i + 1);
            list.line(lines[i].strip());
        }
        return list.entries;
    }

    private void line(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        List<String> tokens = tokens(line);
        if (tokens == null) {
            return;
        }
        LineAttributes attributes = new LineAttributes();
        List<String> paths = new ArrayList<>();
        for (String token : tokens) {
            if (!token.startsWith("%") || token.startsWith("%{") || token.matches("%[A-Za-z_]\\w*/.*")) {
                String path = expand(token);
                if (path != null) {
                    paths.add(path);
                }
                continue;
            }
            Matcher directive = DIRECTIVE.matcher(token);
            if (!directive.matches()) {
                problems.add(lineLabel + ": " + Quoting.quote(token) + " is not a directive: write %name or %name(...)");
                return;
            }
            if (!directive(directive.group(1), directive.group(2), attributes, tokens.size())) {
                return;
            }
        }
        if (paths.isEmpty()) {
            if (attributes.attr != null || !attributes.flags.isEmpty() || attributes.ghost || attributes.directory
                    || attributes.verify != null) {
                problems.add(lineLabel + ": names no path: give the installed path after the directives");
            }
            return;
        }
        for (String path : paths) {
            path(path, attributes);
        }
    }

    /** Handles one directive; false when the line cannot go on. */
    private boolean directive(String name, String arguments, LineAttributes line, int tokenCount) {
        switch (name) {
            case "defattr" -> {
                Attributes parsed = attributes("%defattr", arguments, true);
                if (parsed != null && tokenCount == 1) {
                    defaults = parsed;
                } else if (parsed != null) {
                    problems.add(lineLabel + ": %defattr stands on a line of its own, and applies to the lines after it");
                }
                return false;
            }
            case "attr" -> line.attr = attributes("%attr", arguments, false);
            case "config" -> {
                line.flags.add("config");
                for (String word : words(arguments)) {
                    if (word.equals("noreplace") || word.equals("missingok")) {
                        line.flags.add(word);
                    } else {
                        problems.add(lineLabel + ": %config(" + Quoting.printable(word) + ") is not a config option: use"
                                + " %config, %config(noreplace) or %config(missingok)");
                    }
                }
            }
            case "doc", "license", "readme" -> {
                line.flags.add(name);
                if (arguments != null) {
                    problems.add(lineLabel + ": %" + name + " takes no arguments here: write %" + name + " PATH");
                }
            }
            case "ghost" -> line.ghost = true;
            case "dir" -> line.directory = true;
            case "verify" -> line.verify = verify(arguments);
            case "caps", "exclude", "lang", "docdir", "dev", "artifact", "missingok" -> {
                problems.add(lineLabel + ": %" + name + " is not supported in a filesFile yet: "
                        + switch (name) {
                            case "exclude" -> "leave the path out of the staging root, or list what to ship";
                            case "caps" -> "file capabilities are not supported yet";
                            default -> "remove it";
                        });
                return false;
            }
            default -> {
                problems.add(lineLabel + ": %" + Quoting.printable(name) + " is not a %files directive: use %defattr,"
                        + " %attr, %config, %ghost, %dir, %doc, %license, %readme or %verify");
                return false;
            }
        }
        return true;
    }

    private void path(String path, LineAttributes line) {
        if (!path.startsWith("/")) {
            problems.add(lineLabel + ": " + Quoting.quote(path) + " is relative: list installed paths, e.g. /"
                    + Quoting.printable(path) + (line.flags.contains("doc") || line.flags.contains("license")
                            ? " (rpmbuild's relative %doc and %license copy from its build directory, which a filesFile"
                                    + " does not have)" : ""));
            return;
        }
        Attributes attr = line.attr != null ? merged(line.attr, defaults) : defaults;
        if (line.ghost) {
            add(path, "ghost", null, null, attr.fileMode() != null ? attr.fileMode() : null, attr, line);
            return;
        }
        if (GLOB_CHARACTERS.stream().anyMatch(path::contains)) {
            List<Path> matches = glob(path);
            if (matches.isEmpty()) {
                problems.add(lineLabel + ": glob " + Quoting.quote(path) + " matches nothing in " + rootsText());
            }
            for (Path match : matches) {
                String installed = "/" + root(match).relativize(match).toString().replace('\\', '/');
                take(installed, match, attr, line);
            }
            return;
        }
        Path source = find(path);
        if (source == null && line.directory) {
            add(path, "dir", null, null, attr.directoryMode(), attr, line);
        } else if (source == null) {
            problems.add(lineLabel + ": " + Quoting.quote(path) + " is in no staging root (" + rootsText()
                    + "): put the file there, correct the path, or mark it %ghost");
        } else {
            take(path, source, attr, line);
        }
    }

    /** A staged path: a symlink as a symlink, a directory whole unless %dir, a file with its mode. */
    private void take(String path, Path source, Attributes attr, LineAttributes line) {
        if (Files.isSymbolicLink(source)) {
            try {
                add(path, "symlink", null, Files.readSymbolicLink(source).toString(), null, attr, line);
            } catch (IOException e) {
                problems.add(lineLabel + ": the link " + Quoting.quote(source) + " cannot be read: " + e.getMessage());
            }
        } else if (Files.isDirectory(source)) {
            add(path, "dir", null, null, mode(attr.directoryMode(), source), attr, line);
            if (!line.directory) {
                below(path, source, attr, line);
            }
        } else {
            add(path, "file", source, null, mode(attr.fileMode(), source), attr, line);
        }
    }

    private void below(String path, Path directory, Attributes attr, LineAttributes line) {
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.sorted().toList()) {
                take(path + "/" + child.getFileName(), child, attr, line);
            }
        } catch (IOException e) {
            problems.add(lineLabel + ": " + Quoting.quote(directory) + " cannot be listed: " + e.getMessage());
        }
    }

    private void add(String path, String type, Path source, String target, String mode, Attributes attr,
            LineAttributes line) {
        // A directory passes its line's flags to its files, as rpmbuild does (which also leaves a meaningless
        // missingok on the directory itself).
        String flags = line.flags.isEmpty() ? null : String.join(",", line.flags);
        if (type.equals("symlink")) {
            mode = null; // rpm stores every symlink as 0777
        }
        entries.add(new LabelledEntry(lineLabel + " " + Quoting.quote(path), new EntryRequest(type, path, source,
                target, mode, null, attr.user(), attr.group(), type.equals("dir") ? null : flags,
                line.verify, null, null, null, null, null, null)));
    }

    /** The mode given, or with "-" the staging file's permission bits. */
    private String mode(String given, Path source) {
        if (given != null) {
            return given;
        }
        try {
            return Integer.toOctalString((Integer) Files.getAttribute(source, "unix:mode") & 07777);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            problems.add(lineLabel + ": the mode of " + Quoting.quote(source) + " cannot be read (" + e.getMessage()
                    + "): give it with %attr or %defattr");
            return null;
        }
    }

    private Attributes attributes(String directive, String arguments, boolean withDirectoryMode) {
        List<String> values = arguments == null ? List.of() : List.of(arguments.split("\\s*,\\s*", -1));
        int expected = withDirectoryMode ? 4 : 3;
        if (values.size() < 3 || values.size() > expected) {
            problems.add(lineLabel + ": " + directive + "(" + Quoting.printable(String.valueOf(arguments)) + ") needs "
                    + (withDirectoryMode ? "3 or 4 values: %defattr(filemode, user, group[, dirmode])"
                            : "3 values: %attr(mode, user, group)") + ", each '-' for the default");
            return null;
        }
        List<String> parsed = values.stream().map(v -> v.strip().equals("-") ? null : v.strip()).toList();
        String fileMode = parsed.get(0);
        String directoryMode = withDirectoryMode && values.size() == 4 ? parsed.get(3) : withDirectoryMode ? null
                : fileMode;
        return new Attributes(fileMode, parsed.get(1), parsed.get(2), directoryMode);
    }

    /** %attr over %defattr: what %attr leaves "-" comes from %defattr. */
    private static Attributes merged(Attributes attr, Attributes defaults) {
        return new Attributes(attr.fileMode() != null ? attr.fileMode() : defaults.fileMode(),
                attr.user() != null ? attr.user() : defaults.user(), attr.group() != null ? attr.group()
                        : defaults.group(), attr.directoryMode() != null ? attr.directoryMode() : defaults.directoryMode());
    }

    /** %verify's words as the verify setting spells them ("not" kept), null (with a problem) for an unknown one. */
    private String verify(String arguments) {
        List<String> words = words(arguments);
        List<String> translated = new ArrayList<>();
        for (String word : words) {
            VerifyFlag flag = VERIFY_WORDS.get(word);
            if (flag == null && !(word.equals("not") && translated.isEmpty())) {
                problems.add(lineLabel + ": %verify word " + Quoting.quote(word) + " is unknown: use "
                        + String.join(", ", new TreeSet<>(VERIFY_WORDS.keySet())) + ", after 'not' to leave them out");
                return null;
            }
            translated.add(flag == null ? word : flag.settingName());
        }
        return translated.isEmpty() ? "none" : String.join(" ", translated);
    }

    private static List<String> words(String arguments) {
        return arguments == null || arguments.isBlank() ? List.of()
                : List.of(arguments.strip().toLowerCase(Locale.ROOT).split("[\\s,]+"));
    }

    /** Splits on blanks outside parentheses; null (with a problem) when a parenthesis is left open. */
    private List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int depth = 0;
        for (char c : line.toCharArray()) {
            if (Character.isWhitespace(c) && depth == 0) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            token.append(c);
        }
        if (depth != 0) {
            problems.add(lineLabel + ": a parenthesis is not closed in " + Quoting.quote(line));
            return null;
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** Expands %{name}, %{_bindir} and the like; null (with a problem) for a macro it does not know. */
    private String expand(String token) {
        Matcher macro = MACRO.matcher(token);
        StringBuilder expanded = new StringBuilder();
        while (macro.find()) {
            String name = macro.group(2) != null ? macro.group(2) : macro.group(3);
            String value = PATH_MACROS.get(name);
            if (value == null && Set.of("name", "version", "release").contains(name)) {
                value = packageMacros.apply(name);
            }
            if (value == null) {
                problems.add(lineLabel + ": macro %{" + Quoting.printable(name) + "} is unknown here: use %{name},"
                        + " %{version}, %{release} or one of " + String.join(", ", new TreeSet<>(PATH_MACROS.keySet())
                                .stream().map(m -> "%{" + m + "}").toList())
                        + (name.equals("_libdir") ? " (%{_libdir} depends on the architecture: write /usr/lib64 or"
                                + " /usr/lib)" : ""));
                return null;
            }
            macro.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        macro.appendTail(expanded);
        return expanded.toString();
    }

    private List<Path> glob(String path) {
        List<Path> matches = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path root : roots) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path.substring(1));
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path candidate : all.filter(p -> !p.equals(root)).sorted().toList()) {
                    Path relative = root.relativize(candidate);
                    if (matcher.matches(relative) && seen.add(relative.toString())) {
                        matches.add(candidate);
                    }
                }
            } catch (IOException e) {
                problems.add(lineLabel + ": " + Quoting.quote(root) + " cannot be searched: " + e.getMessage());
            }
        }
        return matches;
    }

    /** The first staging root that holds {@code path}. */
    private Path find(String path) {
        for (Path root : roots) {
            Path candidate = root.resolve(path.substring(1));
            if (Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return null;
    }

    private Path root(Path match) {
        return roots.stream().filter(match::startsWith).findFirst().orElseThrow();
    }

    private String rootsText() {
        return String.join(", ", roots.stream().map(Quoting::quote).toList());
    }
}

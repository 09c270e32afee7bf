package io.rpmkit.request;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.rpmkit.Quoting;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PathRules;

/**
 * Turns configured {@link EntryRequest}s into entries: collects trees with their patterns, filters
 * templates, parses modes and flags. Every problem is collected, none stops the others.
 */
public final class EntryResolver {
    private final TemplateFilter filter;
    private final List<String> problems = new ArrayList<>();

    public EntryResolver(TemplateFilter filter) {
        this.filter = filter;
    }

    /** Problems found so far, each naming the entry (entries[i] '/path') and the setting. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<Entry> resolve(List<EntryRequest> requests) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            resolve(i, requests.get(i), entries);
        }
        return entries;
    }

    private void resolve(int index, EntryRequest request, List<Entry> entries) {
        String type = request.type() != null ? request.type().strip().toLowerCase(Locale.ROOT)
                : request.source() != null && Files.isDirectory(request.source()) ? "tree" : "file";
        String label = Quoting.label("entries", index, request.path());
        if (!rejectSettingsThatDoNotApply(label, type, request)) {
            return;
        }
        Set<FileFlag> flags = flags(label, request.flags());
        Set<VerifyFlag> verify = verify(label, request.verify());
        int defaultMode = type.equals("dir") || type.equals("tree") ? Entry.DEFAULT_DIRECTORY_MODE : Entry.DEFAULT_FILE_MODE;
        int mode = mode(label, "mode", request.mode(), type.equals("tree") ? Entry.DEFAULT_FILE_MODE : defaultMode);
        String user = request.user() != null ? request.user() : "root";
        String group = request.group() != null ? request.group() : "root";
        Entry entry;
        switch (type) {
            case "file" -> entry = requireSource(label, request) ? Entry.file(request.path(), Content.ofFile(request.source())) : null;
            case "template" -> entry = template(label, request);
            case "dir" -> entry = Entry.directory(request.path());
            case "symlink" -> entry = Entry.symlink(request.path(), request.target());
            case "ghost" -> entry = Entry.ghost(request.path());
            case "tree" -> {
                int directoryMode = mode(label, "directoryMode", request.directoryMode(), Entry.DEFAULT_DIRECTORY_MODE);
                collectTree(label, request, entries, mode, directoryMode, user, group, flags, verify);
                return;
            }
            default -> {
                problems.add(label + ": type " + Quoting.quote(request.type()) + " is unknown: use file, tree, template, dir,"
                        + " symlink or ghost");
                return;
            }
        }
        if (entry == null) {
            return;
        }
        if (type.equals("ghost")) {
            flags.add(FileFlag.GHOST);
        }
        entry = entry.withOwner(user, group).withFlags(flags).withVerify(verify);
        entries.add(type.equals("symlink") ? entry : entry.withMode(mode));
    }

    /** Every setting a type ignores is an error, never dropped silently; false when the type is unknown. */
    private boolean rejectSettingsThatDoNotApply(String label, String type, EntryRequest request) {
        Set<String> accepted = switch (type) {
            case "file", "template" -> Set.of("source", "mode", "flags");
            case "dir" -> Set.of("mode", "flags");
            case "symlink" -> Set.of("target", "flags");
            case "ghost" -> Set.of("mode", "flags");
            case "tree" -> Set.of("source", "mode", "directoryMode", "flags", "includes", "excludes", "ownDirectories");
            default -> null;
        };
        if (accepted == null) {
            return true; // reported as an unknown type
        }
        Map<String, Boolean> given = new LinkedHashMap<>();
        given.put("source", request.source() != null);
        given.put("target", request.target() != null);
        given.put("mode", request.mode() != null);
        given.put("directoryMode", request.directoryMode() != null);
        given.put("flags", request.flags() != null);
        given.put("includes", !request.includes().isEmpty());
        given.put("excludes", !request.excludes().isEmpty());
        given.put("ownDirectories", request.ownDirectories() != null);
        given.forEach((setting, set) -> {
            if (set && !accepted.contains(setting)) {
                problems.add(label + ": " + setting + " does not apply to type " + type + ": remove it"
                        + (type.equals("symlink") && setting.equals("mode") ? " (symlinks always have mode 0777)" : ""));
            }
        });
        return true;
    }

    private boolean requireSource(String label, EntryRequest request) {
        if (request.source() == null) {
            problems.add(label + ": source is missing: give the file to package");
            return false;
        }
        return true;
    }

    private Entry template(String label, EntryRequest request) {
        if (!requireSource(label, request)) {
            return null;
        }
        if (!Files.isRegularFile(request.source())) {
            problems.add(label + ": template " + Quoting.quote(request.source()) + (Files.exists(request.source())
                    ? " is not a regular file: give a text file" : " cannot be read: it does not exist"));
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(
                    java.nio.ByteBuffer.wrap(Files.readAllBytes(request.source()))).toString();
            byte[] filtered = filter.apply(text).getBytes(StandardCharsets.UTF_8);
            return Entry.file(request.path(), Content.ofBytes(filtered, "template " + request.source()));
        } catch (CharacterCodingException e) {
            problems.add(label + ": template " + Quoting.quote(request.source()) + " is not UTF-8 text: use type file for binaries");
        } catch (IOException e) {
            problems.add(label + ": template " + Quoting.quote(request.source()) + " cannot be read: " + e);
        }
        return null;
    }

    private void collectTree(String label, EntryRequest request, List<Entry> entries, int fileMode, int directoryMode,
            String user, String group, Set<FileFlag> flags, Set<VerifyFlag> verify) {
        Path root = request.source();
        if (root == null || !Files.isDirectory(root)) {
            problems.add(label + ": source " + Quoting.quote(root) + " is not a directory: a tree collects a directory's contents");
            return;
        }
        if (request.path() == null || PathRules.problem(request.path()) != null) {
            problems.add(label + ": path " + (request.path() == null ? "is missing" : PathRules.problem(request.path()))
                    + " (a tree needs the directory to install into)");
            return;
        }
        List<PathMatcher> includes = matchers(request.includes());
        List<PathMatcher> excludes = matchers(request.excludes());
        boolean ownDirectories = request.ownDirectories() == null || request.ownDirectories();
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            problems.add(label + ": source " + Quoting.quote(root) + " cannot be read: " + e);
            return;
        }
        try (Stream<Path> walk = Files.walk(realRoot, FileVisitOption.FOLLOW_LINKS)) {
            for (Path found : (Iterable<Path>) walk.sorted()::iterator) {
                Path relative = realRoot.relativize(found);
                String destination = relative.toString().isEmpty() ? request.path()
                        : request.path() + "/" + relative.toString().replace('\\', '/');
                if (Files.isDirectory(found)) {
                    if (ownDirectories) {
                        entries.add(Entry.directory(destination).withMode(directoryMode).withOwner(user, group)
                                .withVerify(verify));
                    }
                } else if (selected(relative, includes, excludes)) {
                    if (!found.toRealPath().startsWith(realRoot)) {
                        problems.add(label + ": " + Quoting.quote(found) + " leads outside the tree " + Quoting.quote(root) + " through a"
                                + " symlink: remove the link or collect its target separately");
                        continue;
                    }
                    entries.add(Entry.file(destination, Content.ofFile(found)).withMode(fileMode).withOwner(user, group)
                            .withFlags(flags).withVerify(verify));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(label + ": collecting " + Quoting.quote(root) + " failed: " + e.getMessage()
                    + " (a symlink loop or an unreadable directory)");
        }
    }

    private static boolean selected(Path relative, List<PathMatcher> includes, List<PathMatcher> excludes) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(relative));
        return included && excludes.stream().noneMatch(m -> m.matches(relative));
    }

    private static List<PathMatcher> matchers(List<String> patterns) {
        return patterns.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
    }

    private int mode(String label, String setting, String value, int defaultMode) {
        if (value == null || value.isBlank()) {
            return defaultMode;
        }
        String digits = value.strip();
        if (!digits.matches("[0-7]{1,5}") || Integer.parseInt(digits, 8) > 07777) {
            problems.add(label + ": " + setting + " " + Quoting.quote(value) + " is not a mode: use octal digits from 0000 to 7777,"
                    + " e.g. 0644");
            return defaultMode;
        }
        return Integer.parseInt(digits, 8);
    }

    private Set<FileFlag> flags(String label, String value) {
        Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        for (String word : words(value)) {
            FileFlag flag = null;
            for (FileFlag candidate : FileFlag.values()) {
                if (candidate.settingName().equals(word) && candidate != FileFlag.GHOST) {
                    flag = candidate;
                }
            }
            if (flag == null) {
                problems.add(label + ": flag " + Quoting.quote(word) + " is unknown: use config, noreplace, missingok, doc, license"
                        + " or readme (a ghost is a type)");
            } else {
                flags.add(flag);
            }
        }
        return flags;
    }

    private Set<VerifyFlag> verify(String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<VerifyFlag> checks = EnumSet.noneOf(VerifyFlag.class);
        for (String word : words(value)) {
            if (word.equals("none")) {
                continue;
            }
            VerifyFlag check = null;
            for (VerifyFlag candidate : VerifyFlag.values()) {
                if (candidate.settingName().equals(word)) {
                    check = candidate;
                }
            }
            if (check == null) {
                problems.add(label + ": verify " + Quoting.quote(word) + " is unknown: use digest, size, link, user, group, mtime,"
                        + " mode, rdev, caps or none");
            } else {
                checks.add(check);
            }
        }
        return checks;
    }

    private static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Stream.of(value.split("[,\\s|]+")).map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
    }
}

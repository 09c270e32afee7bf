package io.rpmkit.request;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.rpmkit.Choice;
import io.rpmkit.Choices;
import io.rpmkit.Quoting;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PathRules;

/**
 * Turns configured {@link EntryRequest}s into entries: collects trees (see {@link TreeCollector}), filters
 * templates, parses modes and flags. Every problem is collected, none stops the others.
 */
public final class EntryResolver {
    /** A ghost is an entry type, not a flag. */
    private static final List<FileFlag> SETTABLE_FLAGS = List.of(FileFlag.CONFIG, FileFlag.NOREPLACE,
            FileFlag.MISSINGOK, FileFlag.DOC, FileFlag.LICENSE, FileFlag.README);
    /** Every check rpm -V makes, and "none". */
    private static final List<Choice> VERIFY_WORDS = verifyWords();

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
        EntryType type = request.type() != null ? Choices.find(EntryType.class, request.type()).orElse(null)
                : request.source() != null && Files.isDirectory(request.source()) ? EntryType.TREE : EntryType.FILE;
        String label = Quoting.label("entries", index, request.path());
        if (type != null) {
            rejectSettingsThatDoNotApply(label, type, request);
        }
        Set<FileFlag> flags = flags(label, request.flags());
        Set<VerifyFlag> verify = verify(label, request.verify());
        int defaultMode = type == EntryType.DIR ? Entry.DEFAULT_DIRECTORY_MODE : Entry.DEFAULT_FILE_MODE;
        int mode = mode(label, "mode", request.mode(), defaultMode);
        String user = request.user() != null ? request.user() : "root";
        String group = request.group() != null ? request.group() : "root";
        if (type == null) {
            problems.add(label + ": type " + Quoting.quote(request.type()) + " is unknown: use "
                    + Choices.words(List.of(EntryType.values())));
            return;
        }
        Entry entry = switch (type) {
            case FILE -> requireSource(label, request) ? Entry.file(request.path(), Content.ofFile(request.source()))
                    : null;
            case TEMPLATE -> template(label, request);
            case DIR -> Entry.directory(request.path());
            case SYMLINK -> Entry.symlink(request.path(), request.target());
            case GHOST -> Entry.ghost(request.path());
            case TREE -> {
                collectTree(label, request, entries, mode, user, group, flags, verify);
                yield null;
            }
        };
        if (entry == null) {
            return;
        }
        if (type == EntryType.GHOST) {
            flags.add(FileFlag.GHOST);
        }
        entry = entry.withOwner(user, group).withFlags(flags).withVerify(verify)
                .withCaps(type.settings().contains("caps") ? request.caps() : null);
        entries.add(type == EntryType.SYMLINK ? entry : entry.withMode(mode));
    }

    /** Every setting a type ignores is an error, never dropped silently. */
    private void rejectSettingsThatDoNotApply(String label, EntryType type, EntryRequest request) {
        Map<String, Boolean> given = new LinkedHashMap<>();
        given.put("source", request.source() != null);
        given.put("target", request.target() != null);
        given.put("mode", request.mode() != null);
        given.put("directoryMode", request.directoryMode() != null);
        given.put("keepModes", request.keepModes() != null);
        given.put("flags", request.flags() != null);
        given.put("includes", !request.includes().isEmpty());
        given.put("excludes", !request.excludes().isEmpty());
        given.put("ownDirectories", request.ownDirectories() != null);
        given.put("followLinks", request.followLinks() != null);
        given.put("useDefaultExcludes", request.useDefaultExcludes() != null);
        given.put("caps", request.caps() != null);
        given.forEach((setting, set) -> {
            if (set && !type.settings().contains(setting)) {
                problems.add(label + ": " + setting + " does not apply to type " + type.settingName() + ": remove it"
                        + (type == EntryType.SYMLINK && setting.equals("mode") ? " (symlinks always have mode 0777)"
                                : ""));
            }
        });
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

    private void collectTree(String label, EntryRequest request, List<Entry> entries, int fileMode, String user,
            String group, Set<FileFlag> flags, Set<VerifyFlag> verify) {
        int directoryMode = mode(label, "directoryMode", request.directoryMode(), Entry.DEFAULT_DIRECTORY_MODE);
        KeptModes kept = keptModes(label, request);
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
        if (kept == null) {
            return;
        }
        TreeCollector.Options options = new TreeCollector.Options(kept, fileMode, directoryMode, user, group, flags,
                verify, request.ownDirectories() == null || request.ownDirectories(),
                Boolean.TRUE.equals(request.followLinks()), request.useDefaultExcludes() == null
                        || request.useDefaultExcludes(), request.includes(), request.excludes());
        entries.addAll(new TreeCollector(label, root, options, problems).collect(request.path()));
    }

    /** Given mode alone keeps today's meaning, one mode for every file; otherwise the executable bits are kept. */
    private KeptModes keptModes(String label, EntryRequest request) {
        boolean modeGiven = request.mode() != null && !request.mode().isBlank();
        if (request.keepModes() == null) {
            return modeGiven ? KeptModes.NONE : KeptModes.EXECUTABLE;
        }
        KeptModes kept;
        try {
            kept = Choices.parse(KeptModes.class, label + ": keepModes", request.keepModes());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
        boolean directoryModeGiven = request.directoryMode() != null && !request.directoryMode().isBlank();
        if (kept == KeptModes.ALL && (modeGiven || directoryModeGiven)) {
            problems.add(label + ": " + (modeGiven ? "mode " + Quoting.quote(request.mode())
                    : "directoryMode " + Quoting.quote(request.directoryMode())) + " does not apply with keepModes"
                    + " 'all', which keeps the source's modes: remove it, or set keepModes to executable or none");
            return null;
        }
        return kept;
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
            try {
                flags.add(Choices.parse(SETTABLE_FLAGS, label + ": flag", word));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " (a ghost is a type)");
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
            try {
                Choice check = Choices.parse(VERIFY_WORDS, label + ": verify", word);
                if (check instanceof VerifyFlag flag) {
                    checks.add(flag);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return checks;
    }

    private static List<Choice> verifyWords() {
        List<Choice> words = new ArrayList<>(List.of(VerifyFlag.values()));
        words.add(() -> "none");
        return List.copyOf(words);
    }

    private static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Stream.of(value.split("[,\\s|]+")).map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
    }
}

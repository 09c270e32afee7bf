package io.rpmkit.request;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.Choices;
import io.rpmkit.Quoting;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.BaseSystemDirectories;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.PathRules;

/**
 * Turns configured {@link EntryRequest}s into entries: collects trees (see {@link TreeCollector}), filters
 * templates, parses modes and flags. Every problem is collected, none stops the others.
 */
public final class EntryResolver {
    private final TemplateFilter filter;
    private final List<String> problems = new ArrayList<>();
    private final EntryAttributes attributes = new EntryAttributes(problems);

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
            resolve(Quoting.label("entries", i, requests.get(i).path()), requests.get(i), entries);
        }
        return entries;
    }

    /** Entries that come from elsewhere than the entries list (a %files list), each named by its own label. */
    public List<Entry> resolveLabelled(List<LabelledEntry> requests) {
        List<Entry> entries = new ArrayList<>();
        requests.forEach(r -> resolve(r.label(), r.request(), entries));
        return entries;
    }

    /** An entry request and how problems name it, e.g. "filesFile 'src/rpm/files' line 3 '/etc/x'". */
    public record LabelledEntry(String label, EntryRequest request) {
    }

    private void resolve(String label, EntryRequest request, List<Entry> entries) {
        EntryType type = request.type() != null ? Choices.find(EntryType.class, request.type()).orElse(null)
                : request.source() != null && Files.isDirectory(request.source()) ? EntryType.TREE : EntryType.FILE;
        if (type != null) {
            rejectSettingsThatDoNotApply(label, type, request);
        }
        Set<FileFlag> flags = attributes.flags(label, request.flags());
        Set<VerifyFlag> verify = attributes.verify(label, request.verify());
        int defaultMode = type == EntryType.DIR ? Entry.DEFAULT_DIRECTORY_MODE : Entry.DEFAULT_FILE_MODE;
        int mode = attributes.mode(label, "mode", request.mode(), defaultMode);
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
            case DIR -> baseSystemOwner(label, request.path()) ? null : Entry.directory(request.path());
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
        entry = entry.withOwner(user, group).withFlags(flags).withVerify(verify);
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
        given.forEach((setting, set) -> {
            if (set && !type.settings().contains(setting)) {
                problems.add(label + ": " + setting + " does not apply to type " + type.settingName() + ": remove it"
                        + (type == EntryType.SYMLINK && setting.equals("mode") ? " (symlinks always have mode 0777)"
                                : ""));
            }
        });
    }

    /** A base-system directory stays its package's: owning it too would let an erase or a mode change reach it. */
    private boolean baseSystemOwner(String label, String path) {
        String owner = PathRules.problem(path) != null ? null : BaseSystemDirectories.owner(path).orElse(null);
        if (owner != null) {
            problems.add(label + ": " + Quoting.quote(path) + " belongs to the base system (package " + owner
                    + "), which every host has: remove the dir entry; rpm creates what goes into it as it is");
        }
        return owner != null;
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
        int directoryMode = attributes.mode(label, "directoryMode", request.directoryMode(), Entry.DEFAULT_DIRECTORY_MODE);
        KeptModes kept = keptModes(label, request);
        Path root = request.source();
        if (root == null || !Files.isDirectory(root)) {
            problems.add(label + ": source " + Quoting.quote(root) + " is not a directory: a tree collects a directory's contents");
            return;
        }
        boolean intoRoot = "/".equals(request.path()); // a staging root that mirrors the installed tree
        if (!intoRoot && (request.path() == null || PathRules.problem(request.path()) != null)) {
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
        // A tree never owns a directory of the base system, such as /usr/lib/systemd/system or / itself.
        new TreeCollector(label, root, options, problems).collect(request.path()).stream()
                .filter(e -> e.kind() != EntryKind.DIRECTORY || BaseSystemDirectories.owner(e.path()).isEmpty())
                .forEach(entries::add);
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
}

package io.rpmkit.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;

/**
 * A package's tmpfiles.d(5) configuration: shipped as {@code /usr/lib/tmpfiles.d/NAME.conf} and applied
 * in %post with the semantics of systemd's {@code %tmpfiles_create NAME.conf}: {@code systemd-tmpfiles
 * --create} only where the binary exists, {@code || :}, on install and upgrade alike (as an if, which
 * shellcheck prefers to the macro's {@code A && B || C}). No Requires is
 * added: where systemd-tmpfiles is missing (a container, a chroot) there is nothing to run it, and
 * systemd applies the file at every boot anyway.
 */
final class Tmpfiles {
    static final String SETTING = "tmpfiles";
    static final String DIRECTORY = "/usr/lib/tmpfiles.d/";
    /** A line's type (tmpfiles.d(5)'s letters, modifiers + ! - = ~ ^ $ ?), then an absolute path or specifier. */
    private static final Pattern LINE = Pattern.compile(
            "[fFwdDevqQpLcbCxXrRzZtThHaA][+!\\-=~^$?]*\\s+[/%]\\S*(\\s.*)?");

    private Tmpfiles() {
    }

    static GeneratedParts generate(String packageName, TmpfilesRequest request, List<String> problems) {
        if (request == null || request.isEmpty()) {
            return GeneratedParts.none(SETTING);
        }
        if (!request.lines().isEmpty() && request.file() != null) {
            problems.add("tmpfiles and tmpfilesFile are both set: give one of them");
            return GeneratedParts.none(SETTING);
        }
        List<String> lines;
        String setting;
        if (request.file() != null) {
            setting = "tmpfilesFile " + Quoting.quote(request.file());
            Optional<String> text = TextFiles.read(problems, "tmpfilesFile", request.file());
            if (text.isEmpty()) {
                return GeneratedParts.none(SETTING);
            }
            lines = text.get().lines().toList();
        } else {
            setting = SETTING;
            lines = request.lines().stream().map(line -> line == null ? "" : line.strip()).toList();
        }
        int before = problems.size();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (request.file() == null && line.isEmpty()) {
                problems.add(Quoting.label(setting, i, null) + " is empty: give a tmpfiles.d line, or remove it");
            } else if (!line.isEmpty() && !line.startsWith("#") && !LINE.matcher(line).matches()) {
                problems.add((request.file() == null ? Quoting.label(setting, i, line)
                        : setting + " line " + (i + 1) + " " + Quoting.quote(line)) + " is not a tmpfiles.d line:"
                        + " give a type and an absolute path, then mode, user, group, age and argument as needed,"
                        + " e.g. 'd /run/" + packageName + " 0750 root root -'");
            }
            kept.add(line);
        }
        if (problems.size() > before || kept.stream().allMatch(line -> line.isEmpty() || line.startsWith("#"))) {
            if (problems.size() == before) {
                problems.add(setting + " has no tmpfiles.d line, only comments or blank lines: give at least one"
                        + " line, or leave it unset");
            }
            return GeneratedParts.none(SETTING);
        }
        String name = packageName + ".conf";
        String file = String.join("\n", kept) + "\n";
        Entry entry = Entry.file(DIRECTORY + name, Content.ofBytes(file.getBytes(StandardCharsets.UTF_8), setting));
        String post = String.join("\n",
                "# tmpfiles.d (%tmpfiles_create): create what " + name + " declares now, not only at the next boot.",
                "if command -v systemd-tmpfiles >/dev/null; then",
                "    systemd-tmpfiles --create " + name + " || :",
                "fi");
        return new GeneratedParts(SETTING, List.of(entry), List.of(), Map.of(ScriptletPhase.POST, post));
    }
}

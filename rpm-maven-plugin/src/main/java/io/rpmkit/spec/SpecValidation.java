package io.rpmkit.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.ScriptletPhase;

/** Checks a whole {@link PackageSpec} and lists every problem, each naming setting, value and remedy. */
final class SpecValidation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final Pattern VERSION_PART = Pattern.compile("[A-Za-z0-9._+~^]+");
    private static final Pattern DEPENDENCY_VERSION = Pattern.compile("([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?");
    private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]+");
    /** What rpm can store and what useradd accepts: no spaces, colons or control characters. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}\\$?");
    private static final Pattern DEPENDENCY_NAME = Pattern.compile("[^\\s,<>=]+");
    private static final String VERSION_CHARS = "use letters, digits and . _ + ~ ^";
    /**
     * What a header holding one string needs besides the string, counted so that this check is never
     * stricter than rpm: 8 bytes of counts, the region's and the string's index entries, the region
     * trailer and the NUL. The writer checks the whole header against the exact limit.
     */
    private static final int HEADER_OVERHEAD = 8 + 2 * 16 + 16 + 1;

    private final PackageSpec spec;
    private final List<String> problems = new ArrayList<>();

    SpecValidation(PackageSpec spec) {
        this.spec = spec;
    }

    List<String> problems() {
        checkMetadata();
        checkEntries();
        checkDependencies();
        checkScripts();
        checkChangelog();
        checkTree();
        if (problems.isEmpty()) {
            checkTarget();
        }
        return problems;
    }

    private void checkMetadata() {
        if (isBlank(spec.name())) {
            problems.add("name is missing: set the package name, e.g. tectonic-worker");
        } else if (!NAME.matcher(spec.name()).matches()) {
            problems.add("name " + Quoting.quote(spec.name()) + " is not a package name: use letters, digits and . _ + -,"
                    + " starting with a letter or digit");
        }
        if (spec.epoch() != null && spec.epoch() < 0) {
            problems.add("epoch " + Quoting.quote(spec.epoch()) + " is negative: use a whole number from 0, or no epoch");
        }
        checkVersionPart("version", spec.version());
        checkVersionPart("release", spec.release());
        if (isBlank(spec.arch()) || !ARCH.matcher(spec.arch()).matches()) {
            problems.add("arch " + Quoting.quote(spec.arch()) + " is not an architecture: use noarch, x86_64, aarch64, ...");
        }
        if (!"linux".equals(spec.os())) {
            problems.add("os " + Quoting.quote(spec.os()) + " is not supported: use linux");
        }
        requireSingleLine("summary", spec.summary());
        requireSingleLine("license", spec.license());
        requireSingleLine("group", spec.group());
        requireSingleLine("buildHost", spec.buildHost());
        checkText("summary", spec.summary());
        checkText("description", spec.description());
        checkText("license", spec.license());
        checkText("group", spec.group());
        checkText("buildHost", spec.buildHost());
        checkText("vendor", spec.vendor());
        checkText("packager", spec.packager());
        checkText("url", spec.url());
        if (spec.buildTime() == null) {
            problems.add("buildTime is missing: pass the build's timestamp (project.build.outputTimestamp"
                    + " or SOURCE_DATE_EPOCH); the library never reads the clock");
        } else {
            checkTime("buildTime", spec.buildTime().getEpochSecond());
        }
        if (!spec.compression().acceptsLevel(spec.compressionLevel())) {
            problems.add("compressionLevel " + Quoting.quote(spec.compressionLevel()) + " is out of range for "
                    + spec.compression().settingName() + ": use " + spec.compression().acceptedLevels());
        }
    }

    /**
     * Features the target rpm cannot read are refused here, before anything is written. Weak dependencies
     * are not refused: rpm before 4.12 skips header tags it does not know and checks only requires,
     * conflicts and obsoletes, and no rpmlib() feature guards them, so such a package installs there
     * with the weak dependencies doing nothing; the request layer warns of that.
     */
    private void checkTarget() {
        for (RpmFeature feature : Features.used(spec, largestFileSize())) {
            if (feature != RpmFeature.WEAK_DEPENDENCIES && !feature.readableBy(spec.targetRpm())) {
                problems.add(feature.refusal(spec.targetRpm()));
            }
        }
    }

    private long largestFileSize() {
        long largest = 0;
        for (Entry entry : spec.entries()) {
            if (entry.content() instanceof Content.FromFile file && Files.isRegularFile(file.source())) {
                try {
                    largest = Math.max(largest, Files.size(file.source()));
                } catch (java.io.IOException e) {
                    // Reported by checkSource.
                }
            }
        }
        return largest;
    }

    private void checkVersionPart(String setting, String value) {
        if (isBlank(value)) {
            problems.add(setting + " is missing: set it, e.g. 1.2.3");
        } else if (value.contains("-")) {
            problems.add(setting + " " + Quoting.quote(value) + " contains '-', which rpm uses to separate version and release:"
                    + " " + VERSION_CHARS);
        } else if (!VERSION_PART.matcher(value).matches()) {
            problems.add(setting + " " + Quoting.quote(value) + " has characters rpm does not accept in it: " + VERSION_CHARS);
        }
    }

    private void requireSingleLine(String setting, String value) {
        if (isBlank(value)) {
            problems.add(setting + " is missing: set it to one line of text");
        } else if (value.contains("\n") || value.contains("\r")) {
            problems.add(setting + " " + Quoting.quote(value.strip()) + " spans several lines: use one line");
        }
    }

    private void checkTime(String setting, long seconds) {
        if (seconds < 0 || seconds > RpmLimits.MAX_UINT32) {
            problems.add(setting + " " + Quoting.quote(seconds) + " seconds is outside what rpm stores: use a time from 1970"
                    + " to 2106");
        }
    }

    private void checkEntries() {
        Set<String> seen = new HashSet<>();
        for (Entry entry : spec.entries()) {
            String where = entry.path() == null ? "entry (no path)" : Quoting.label("entry", entry.path());
            String pathProblem = PathRules.problem(entry.path());
            if (pathProblem != null) {
                problems.add(where + ": path " + pathProblem);
            } else if (!seen.add(entry.path())) {
                problems.add(where + ": path is listed twice: each path may appear once; remove one of them");
            }
            if (entry.kind() == null) {
                problems.add(where + ": kind is missing: use file, directory or symlink");
                continue;
            }
            if (entry.mode() < 0 || entry.mode() > 07777) {
                problems.add(where + ": mode 0" + Integer.toOctalString(entry.mode())
                        + " is out of range: use an octal mode from 0000 to 7777");
            }
            checkOwner(where, "user", entry.user());
            checkOwner(where, "group", entry.group());
            checkKind(where, entry);
            checkFlags(where, entry);
        }
    }

    private void checkOwner(String where, String setting, String value) {
        if (value == null || !OWNER.matcher(value).matches()) {
            problems.add(where + ": " + setting + " " + Quoting.quote(value) + " is not a name rpm can store: use up to 32"
                    + " letters, digits, . _ - (no spaces or colons), e.g. root");
        }
    }

    private void checkKind(String where, Entry entry) {
        switch (entry.kind()) {
            case FILE -> {
                if (entry.is(FileFlag.GHOST)) {
                    if (entry.content() != null) {
                        problems.add(where + ": a ghost has no content: remove its source");
                    }
                } else if (entry.content() == null) {
                    problems.add(where + ": source is missing: give the file's source, or mark it ghost");
                } else if (entry.content() instanceof Content.FromFile file) {
                    checkSource(where, file.source());
                }
            }
            case DIRECTORY -> {
                if (entry.content() != null || entry.linkTarget() != null) {
                    problems.add(where + ": a directory has no source or link target: remove them");
                }
            }
            case SYMLINK -> {
                if (isBlank(entry.linkTarget()) || entry.linkTarget().indexOf('\0') >= 0) {
                    problems.add(where + ": link target " + Quoting.quote(entry.linkTarget()) + " is empty or invalid: give the"
                            + " path the link points to");
                } else {
                    checkText(where + ": link target", entry.linkTarget());
                    int length = PathRules.utf8Length(entry.linkTarget());
                    if (length >= RpmLimits.PATH_MAX) {
                        problems.add(where + ": link target " + PathRules.shortened(entry.linkTarget()) + " is " + length
                                + " bytes; symlink(2) and rpm accept up to " + (RpmLimits.PATH_MAX - 1)
                                + " (PATH_MAX with its NUL): shorten it");
                    }
                }
                if (entry.is(FileFlag.GHOST)) {
                    problems.add(where + ": a symlink cannot be a ghost: make it a file or directory ghost");
                }
            }
        }
    }

    private void checkSource(String where, Path source) {
        if (!Files.exists(source)) {
            problems.add(where + ": source " + Quoting.quote(source) + " does not exist: give an existing file");
        } else if (!Files.isRegularFile(source)) {
            problems.add(where + ": source " + Quoting.quote(source) + " is not a regular file: use a directory entry or"
                    + " a file");
        } else if (!Files.isReadable(source)) {
            problems.add(where + ": source " + Quoting.quote(source) + " is not readable: fix its permissions");
        }
    }

    private void checkFlags(String where, Entry entry) {
        for (FileFlag flag : EnumSet.of(FileFlag.NOREPLACE, FileFlag.MISSINGOK)) {
            if (entry.is(flag) && !entry.is(FileFlag.CONFIG)) {
                problems.add(where + ": " + flag.settingName() + " applies to config files only: add config");
            }
        }
        if (entry.kind() == EntryKind.DIRECTORY && entry.is(FileFlag.CONFIG)) {
            problems.add(where + ": config applies to files, not directories: remove it");
        }
    }

    private void checkDependencies() {
        for (Dependency dependency : spec.dependencies()) {
            checkDependency(dependency.kind() == null ? "dependency" : dependency.kind().settingName(), dependency);
            if (dependency.kind() != DependencyKind.REQUIRES && !dependency.contexts().isEmpty()) {
                problems.add(dependency.kind().settingName() + " " + Quoting.quote(dependency) + ": install contexts such as"
                        + " (post) apply to requires only: remove them");
            }
        }
        for (Trigger trigger : spec.triggers()) {
            String where = Quoting.label("trigger", trigger.kind().settingName());
            if (trigger.packages().isEmpty()) {
                problems.add(where + ": names no package: give the package(s) that fire it");
            }
            trigger.packages().forEach(p -> checkDependency(where, p));
            checkInterpreter(where, trigger.interpreter());
            if (trigger.body() != null) {
                checkText(where + ": script", trigger.body());
            }
        }
    }

    private void checkDependency(String where, Dependency dependency) {
        if (isBlank(dependency.name()) || !DEPENDENCY_NAME.matcher(dependency.name()).matches()) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " is not a dependency name: use a name without spaces,"
                    + " commas or comparison signs, e.g. systemd");
        } else if (!balanced(dependency.name())) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + " has unbalanced parentheses, which rpm cannot parse:"
                    + " close every '(' after opening it, e.g. 'perl(Foo)'");
        } else {
            checkText(where + " " + Quoting.quote(dependency.name()) + ": name", dependency.name());
        }
        if (dependency.version() != null) {
            checkText(where + " " + Quoting.quote(dependency.name()) + ": version", dependency.version());
        }
        if (dependency.comparison() == null) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + ": comparison is missing: use <, <=, =, >= or >");
        } else if (dependency.comparison() != Comparison.ANY
                && !DEPENDENCY_VERSION.matcher(dependency.version()).matches()) {
            problems.add(where + " " + Quoting.quote(dependency) + ": version " + Quoting.quote(dependency.version()) + " is not an"
                    + " [epoch:]version[-release]: e.g. 219 or 1:2.0-3");
        } else if (dependency.comparison() == Comparison.ANY && !dependency.version().isEmpty()) {
            problems.add(where + " " + Quoting.quote(dependency.name()) + ": version " + Quoting.quote(dependency.version()) + " has no"
                    + " comparison: write e.g. '" + dependency.name() + " >= " + dependency.version() + "'");
        }
    }

    private void checkScripts() {
        Set<ScriptletPhase> phases = EnumSet.noneOf(ScriptletPhase.class);
        for (Scriptlet scriptlet : spec.scriptlets()) {
            String where = Quoting.label("scriptlet", scriptlet.phase().settingName());
            if (!phases.add(scriptlet.phase())) {
                problems.add(where + " is given twice: give one script for each phase");
            }
            checkInterpreter(where, scriptlet.interpreter());
            if (scriptlet.body() == null) {
                problems.add(where + ": the script is missing: give it inline or from a file");
            } else {
                checkText(where + ": script", scriptlet.body());
            }
        }
    }

    private void checkInterpreter(String where, String interpreter) {
        if (interpreter == null || !interpreter.startsWith("/") || interpreter.chars().anyMatch(Character::isWhitespace)) {
            problems.add(where + ": interpreter " + Quoting.quote(interpreter) + " is not an absolute path: use e.g. /bin/sh");
        } else {
            checkText(where + ": interpreter", interpreter);
        }
    }

    private void checkChangelog() {
        for (ChangelogEntry entry : spec.changelog()) {
            if (entry.time() == null) {
                problems.add("changelog entry " + Quoting.quote(entry.author()) + ": date is missing");
            } else {
                checkTime("changelog entry " + Quoting.quote(entry.author()) + ": date", entry.time().getEpochSecond());
            }
            if (isBlank(entry.author())) {
                problems.add("changelog entry: author is missing: e.g. 'Jane Doe <jane@example.com> - 1.0-1'");
            }
            if (isBlank(entry.text())) {
                problems.add("changelog entry " + Quoting.quote(entry.author()) + ": text is missing: e.g. '- First release'");
            }
            checkText("changelog entry " + Quoting.quote(entry.author()) + ": author", entry.author());
            checkText("changelog entry " + Quoting.quote(entry.author()) + ": text", entry.text());
        }
    }

    /**
     * A file, or a link, cannot have entries beneath it: rpm installs {@code /opt/x/a/b} into the
     * directory {@code /opt/x/a} and fails when a file or symlink of the package already stands there.
     */
    private void checkTree() {
        Map<String, Entry> nonDirectories = new HashMap<>();
        for (Entry entry : spec.entries()) {
            if (entry.path() != null && entry.kind() != null && entry.kind() != EntryKind.DIRECTORY) {
                nonDirectories.putIfAbsent(entry.path(), entry);
            }
        }
        if (nonDirectories.isEmpty()) {
            return;
        }
        for (Entry entry : spec.entries()) {
            if (entry.path() == null || PathRules.problem(entry.path()) != null) {
                continue;
            }
            for (int slash = entry.path().lastIndexOf('/'); slash > 0; slash = entry.path().lastIndexOf('/', slash - 1)) {
                Entry parent = nonDirectories.get(entry.path().substring(0, slash));
                if (parent != null) {
                    problems.add(Quoting.label("entry", entry.path()) + ": path lies beneath " + Quoting.quote(parent.path())
                            + ", which the package makes a " + (parent.kind() == EntryKind.SYMLINK ? "symlink" : "file")
                            + ": rpm cannot install both; make " + Quoting.quote(parent.path()) + " a directory or move one"
                            + " of them");
                    break;
                }
            }
        }
    }

    /**
     * Every string ends in a header as UTF-8 up to its first NUL: a NUL would cut it, a lone surrogate
     * has no UTF-8 form, and one string alone may not make the header larger than rpm loads.
     */
    private void checkText(String where, String value) {
        if (value == null) {
            return;
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c == 0) {
                problems.add(where + " " + PathRules.shortened(value) + " has a NUL at byte " + bytes
                        + ", where a header string ends: remove it");
                return;
            }
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                problems.add(where + " " + PathRules.shortened(value) + " has a lone UTF-16 surrogate at byte " + bytes
                        + ", which UTF-8 cannot encode: use valid characters");
                return;
            }
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            i += Character.charCount(c);
        }
        if (bytes >= RpmLimits.MAX_HEADER_BLOB_SIZE - HEADER_OVERHEAD) {
            problems.add(where + " is " + bytes + " bytes, more than a header can hold: rpm refuses headers of "
                    + RpmLimits.MAX_HEADER_BLOB_SIZE + " bytes (256 MiB) or more; package large content as a file");
        }
    }

    /** Whether every ')' closes an earlier '(' and every '(' is closed. */
    private static boolean balanced(String name) {
        int depth = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

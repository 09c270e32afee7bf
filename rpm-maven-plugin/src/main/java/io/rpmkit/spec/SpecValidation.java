package io.rpmkit.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.Utf8;

/** Checks a whole {@link PackageSpec} and lists every problem, each naming setting, value and remedy. */
final class SpecValidation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final Pattern VERSION_PART = Pattern.compile("[A-Za-z0-9._+~^]+");
    private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]+");
    /** What rpm can store and what useradd accepts: no spaces, colons or control characters. */
    private static final String VERSION_CHARS = "use letters, digits and . _ + ~ ^";

    private final PackageSpec spec;
    private final List<String> problems = new ArrayList<>();
    /** Owners already found valid: most entries of a package share one or two. */
    private final Set<String> validOwners = new HashSet<>();
    /** The largest source file checked, for the large-file feature. */
    private long largestSource;
    /** The entries whose path is valid, which the tree's shape is checked over. */
    private final List<Entry> validPaths = new ArrayList<>();

    SpecValidation(PackageSpec spec) {
        this.spec = spec;
    }

    List<String> problems() {
        checkMetadata();
        checkEntries();
        checkDependencies();
        checkScripts();
        checkChangelog();
        TreeShape.check(problems, validPaths);
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
        HeaderText.check(problems, "summary", spec.summary());
        HeaderText.check(problems, "description", spec.description());
        HeaderText.check(problems, "license", spec.license());
        HeaderText.check(problems, "group", spec.group());
        HeaderText.check(problems, "buildHost", spec.buildHost());
        HeaderText.check(problems, "vendor", spec.vendor());
        HeaderText.check(problems, "packager", spec.packager());
        HeaderText.check(problems, "url", spec.url());
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
        for (RpmFeature feature : Features.used(spec, largestSource)) {
            if (feature != RpmFeature.WEAK_DEPENDENCIES && !feature.readableBy(spec.targetRpm())) {
                problems.add(feature.refusal(spec.targetRpm()));
            }
        }
        if (spec.rpmFormat().isV6() && spec.targetRpm().compareTo(RpmFormat.OLDEST_V6_READER) < 0) {
            problems.add("rpmFormat " + Quoting.quote(spec.rpmFormat().settingName()) + " is unreadable for targetRpm "
                    + spec.targetRpm().describe() + ": v6 packages carry no MD5 or SHA-1 digest, the only ones rpm"
                    + " before 4.14 checks, and always the large-file archive of rpm 4.12: set targetRpm to "
                    + RpmFormat.OLDEST_V6_READER.settingName() + " or later, or rpmFormat to 4");
        }
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
            EntryLabel where = new EntryLabel(entry);
            String pathProblem = PathRules.problem(entry.path());
            if (pathProblem != null) {
                problems.add(where + ": path " + pathProblem);
            } else {
                validPaths.add(entry);
                if (!seen.add(entry.path())) {
                    problems.add(where + ": path is listed twice: each path may appear once; remove one of them");
                }
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
            checkCaps(where, entry);
        }
    }

    /** How problems name an entry, made only when one does: a package of 50,000 entries usually has none. */
    private record EntryLabel(Entry entry) {
        @Override
        public String toString() {
            return entry.path() == null ? "entry (no path)" : Quoting.label("entry", entry.path());
        }
    }

    private void checkCaps(EntryLabel where, Entry entry) {
        if (entry.caps() == null) {
            return;
        }
        if (entry.kind() != EntryKind.FILE || entry.is(FileFlag.GHOST)) {
            problems.add(where + ": caps apply to regular files the package ships, which rpm gives them on install:"
                    + " remove them");
        } else if (entry.caps().isBlank()) {
            problems.add(where + ": caps is empty: give capabilities as %caps takes them, e.g."
                    + " cap_net_bind_service=ep, or leave it unset");
        } else {
            ParsedText parsed = FileCapabilities.parse(entry.caps());
            if (!parsed.ok()) {
                problems.add(where + ": caps " + Quoting.quote(entry.caps()) + " is not what libcap's cap_from_text"
                        + " reads: " + parsed.problem().at(0));
            }
        }
    }

    private void checkOwner(EntryLabel where, String setting, String value) {
        if (value != null && validOwners.contains(value)) {
            return;
        }
        String problem = PathRules.ownerProblem(setting, value);
        if (problem != null) {
            problems.add(where + ": " + problem);
        } else {
            validOwners.add(value);
        }
    }

    private void checkKind(EntryLabel where, Entry entry) {
        switch (entry.kind()) {
            case FILE -> {
                if (entry.is(FileFlag.GHOST)) {
                    if (entry.content() != null) {
                        problems.add(where + ": a ghost has no content: remove its source");
                    }
                } else if (entry.content() == null) {
                    problems.add(where + ": source is missing: give the file's source, or mark it ghost");
                } else if (entry.content() instanceof Content.FromFile file) {
                    checkSource(where, file);
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
                    HeaderText.check(problems, where + ": link target", entry.linkTarget());
                    int length = Utf8.length(entry.linkTarget());
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

    /**
     * One stat per source (links followed), which also gives its size: a tree may hold tens of thousands.
     * A file its tree's walk found as a regular file is not asked again, only whether it can be read.
     */
    private void checkSource(EntryLabel where, Content.FromFile file) {
        Path source = file.source();
        if (file.found()) {
            checkReadable(where, source, file.foundSize());
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(source, BasicFileAttributes.class);
        } catch (IOException e) {
            problems.add(where + ": source " + Quoting.quote(source) + " does not exist: give an existing file");
            return;
        }
        if (!attributes.isRegularFile()) {
            problems.add(where + ": source " + Quoting.quote(source) + " is not a regular file: use a directory entry or"
                    + " a file");
        } else {
            checkReadable(where, source, attributes.size());
        }
    }

    private void checkReadable(EntryLabel where, Path source, long size) {
        if (!Files.isReadable(source)) {
            // A found file was not stat'ed again: it may have gone since the walk.
            problems.add(where + ": source " + Quoting.quote(source) + (Files.notExists(source)
                    ? " does not exist: give an existing file" : " is not readable: fix its permissions"));
        } else {
            largestSource = Math.max(largestSource, size);
        }
    }

    private void checkFlags(EntryLabel where, Entry entry) {
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
            DependencyRules.check(problems, dependency.kind() == null ? "dependency" : dependency.kind().settingName(), dependency);
            if (dependency.kind() != DependencyKind.REQUIRES && !dependency.contexts().isEmpty()) {
                problems.add(dependency.kind().settingName() + " " + Quoting.quote(dependency) + ": install contexts such as"
                        + " (post) apply to requires only: remove them");
            }
        }
        for (Trigger trigger : spec.triggers()) {
            String where = Quoting.label("trigger", trigger.kind().settingName());
            if (trigger.kind().isFileTrigger()) {
                TriggerRules.checkFileTrigger(problems, where, trigger);
            } else {
                TriggerRules.checkPackageTrigger(problems, where, trigger);
            }
            checkInterpreter(where, trigger.interpreter());
            if (trigger.body() != null) {
                HeaderText.check(problems, where + ": script", trigger.body());
            }
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
                HeaderText.check(problems, where + ": script", scriptlet.body());
            }
        }
    }

    private void checkInterpreter(String where, String interpreter) {
        if (interpreter == null || !interpreter.startsWith("/") || interpreter.chars().anyMatch(Character::isWhitespace)) {
            problems.add(where + ": interpreter " + Quoting.quote(interpreter) + " is not an absolute path: use e.g. /bin/sh");
        } else {
            HeaderText.check(problems, where + ": interpreter", interpreter);
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
            HeaderText.check(problems, "changelog entry " + Quoting.quote(entry.author()) + ": author", entry.author());
            HeaderText.check(problems, "changelog entry " + Quoting.quote(entry.author()) + ": text", entry.text());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

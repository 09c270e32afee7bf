package io.rpmkit.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.rpmkit.Choice;
import io.rpmkit.Choices;
import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.RpmFeature;
import io.rpmkit.spec.RpmFormat;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.TargetRpm;

/**
 * Resolves a {@link PackageRequest} into a validated spec: looks up every word, parses dependencies
 * and changelogs, collects trees, fills templates, reads scripts, and reports every problem of the
 * request at once in one {@link PackagingException}.
 */
public final class PackageResolver {
    private static final Set<DependencyKind> WEAK_KINDS = Set.of(DependencyKind.RECOMMENDS,
            DependencyKind.SUGGESTS, DependencyKind.SUPPLEMENTS, DependencyKind.ENHANCES);

    private PackageResolver() {
    }

    /**
     * @param console receives the warnings that a build without a timestamp is not reproducible and that
     *     weak dependencies do nothing on the target rpm
     */
    public static ResolvedPackage resolve(PackageRequest request, Console console) throws PackagingException {
        List<String> problems = new ArrayList<>();
        PackageSpec.Builder builder = PackageSpec.builder();
        Instant buildTime = buildTime(request, problems, console);
        ProjectVersions.RpmVersion rpmVersion = request.version() != null || request.projectVersion() == null
                ? new ProjectVersions.RpmVersion(request.version(), request.release())
                : ProjectVersions.fromMaven(request.projectVersion(), request.release(), buildTime);
        Compression compression = request.compression() == null ? null
                : lookUp(Compression.class, "compression", request.compression(), problems);
        TargetRpm target = lookUp(TargetRpm.class, "targetRpm", request.targetRpm(), problems);
        RpmFormat format = request.rpmFormat() == null ? RpmFormat.V4
                : lookUp(RpmFormat.class, "rpmFormat", request.rpmFormat(), problems);
        if (format == RpmFormat.V6 && Boolean.TRUE.equals(request.signLegacy())) {
            problems.add("signLegacy 'true' cannot be met by rpmFormat '6': v6 packages have no header-and-payload"
                    + " signature, and rpm 4.14 and later check the header signature: set signLegacy to false or"
                    + " rpmFormat to 4");
        }
        builder.name(request.name()).epoch(request.epoch()).version(rpmVersion.version())
                .release(rpmVersion.release()).arch(request.arch()).summary(request.summary())
                .description(request.description()).license(request.license()).group(request.group())
                .url(request.url()).vendor(request.vendor()).packager(request.packager())
                .buildHost(request.buildHost()).buildTime(buildTime).targetRpm(target).rpmFormat(format)
                .compression(compression, request.compressionLevel())
                .autoDependencies(request.autoDependencies() == null || request.autoDependencies());

        EntryResolver entries = new EntryResolver(new TemplateFilter(key -> switch (key) {
            case "rpm.name" -> request.name();
            case "rpm.version" -> rpmVersion.version();
            case "rpm.release" -> rpmVersion.release();
            case "rpm.arch" -> request.arch();
            default -> request.properties().apply(key);
        }));
        List<Entry> resolved = new ArrayList<>(entries.resolve(request.entries()));
        resolved.addAll(entries.resolveLabelled(filesList(request, rpmVersion, problems)));
        problems.addAll(entries.problems());
        resolved = OwnedDirectories.complete(request.ownedDirectories(), resolved, problems);
        List<Entry> resolvedEntries = new AttributeRules(request.rules(), problems).apply(resolved);
        builder.entries(resolvedEntries);
        if ((request.autoDependencies() == null || request.autoDependencies()) && SystemUsers.createsUsers(target)) {
            resolvedEntries.stream().filter(SysusersProvides::isSysusersFile)
                    .forEach(entry -> SysusersProvides.ofShippedFile(entry, problems).forEach(builder::dependency));
        }

        for (DependencyKind kind : DependencyKind.values()) {
            List<String> texts = request.dependencies().getOrDefault(kind, List.of());
            for (int i = 0; i < texts.size(); i++) {
                try {
                    builder.dependency(DependencyParser.parse(kind, Quoting.label(kind.settingName(), i, null),
                            texts.get(i)));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        ScriptResolver scripts = new ScriptResolver(problems);
        List<UnitRequest> units = SystemdScriptlets.check(request.systemdUnits(), problems);
        List<Scriptlet> scriptlets = SystemdScriptlets.compose(units, scripts.scriptlets(request.scriptlets()),
                problems);
        for (GeneratedParts parts : generatedParts(request, target, problems)) {
            scriptlets = parts.composeInto(scriptlets, problems);
            parts.entries().forEach(builder::entry);
            parts.dependencies().forEach(builder::dependency);
        }
        scriptlets.forEach(builder::scriptlet);
        if (!units.isEmpty()) {
            builder.dependency(SystemdScriptlets.requires());
        }
        scripts.triggers(request.triggers()).forEach(builder::trigger);
        checkFileName(request, problems);
        changelog(request, problems).ifPresent(text -> {
            try {
                ChangelogParser.parse(request.changelogFile() != null ? "changelogFile " + request.changelogFile()
                        : "changelog", text).forEach(builder::changelog);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        problems.forEach(builder::problem);
        PackageSpec spec = builder.build();
        warnOfIgnoredWeakDependencies(spec, console);
        boolean legacy = request.signLegacy() != null ? request.signLegacy() : spec.targetRpm().needsLegacySignature();
        return new ResolvedPackage(spec, request.fileName() != null ? request.fileName() : spec.fileName(), legacy);
    }

    private static List<EntryResolver.LabelledEntry> filesList(PackageRequest request, ProjectVersions.RpmVersion version,
            List<String> problems) {
        if (request.filesFile() == null) {
            if (!request.filesRoots().isEmpty()) {
                problems.add("filesRoots " + Quoting.quote(request.filesRoots().get(0)) + " does not apply without a"
                        + " filesFile: give the %files list, or remove filesRoots");
            }
            return List.of();
        }
        boolean rootsFound = true;
        for (Path root : request.filesRoots()) {
            if (!Files.isDirectory(root)) {
                problems.add("filesRoots " + Quoting.quote(root) + " is not a directory: give the staging directories"
                        + " whose files the filesFile lists, laid out as installed (by default src/rpm/root)");
                rootsFound = false;
            }
        }
        Optional<String> text = TextFiles.read(problems, "filesFile", request.filesFile());
        if (text.isEmpty() || !rootsFound) {
            return List.of();
        }
        return FilesList.parse(request.filesFile(), text.get(), request.filesRoots(), macro -> switch (macro) {
            case "name" -> request.name();
            case "version" -> version.version();
            case "release" -> version.release();
            default -> null;
        }, problems);
    }

    /**
     * The files, dependencies and scriptlet lines of the settings that generate them; the system users
     * come last, so that their %pre lines run first and tmpfiles.d's %post finds the users.
     */
    private static List<GeneratedParts> generatedParts(PackageRequest request, TargetRpm target,
            List<String> problems) {
        if (request.name() == null) {
            return List.of(); // the missing name is reported; there is no file name to ship under
        }
        return List.of(Tmpfiles.generate(request.name(), request.tmpfiles(), problems),
                SystemUsers.generate(request.name(), request.systemUsers(), request.systemGroups(), target,
                        problems));
    }

    /**
     * rpm before 4.12 (el7's 4.11) does not know the weak dependency tags and skips them, and they need
     * no rpmlib() feature: the package installs there, but these dependencies do nothing.
     */
    private static void warnOfIgnoredWeakDependencies(PackageSpec spec, Console console) {
        if (RpmFeature.WEAK_DEPENDENCIES.readableBy(spec.targetRpm())) {
            return;
        }
        List<String> weak = spec.dependencies().stream().filter(d -> WEAK_KINDS.contains(d.kind()))
                .map(d -> d.kind().settingName() + " " + Quoting.quote(d)).toList();
        if (!weak.isEmpty()) {
            console.warn(String.join(", ", weak) + ": weak dependencies have no effect on targetRpm "
                    + spec.targetRpm().describe() + ", whose rpm ignores them; the package installs there all the"
                    + " same. Set targetRpm to el8 or later if the package is not meant for el7");
        }
    }

    /** The one rule for every goal's timestamp: configured, else SOURCE_DATE_EPOCH, else the fallback with a warning. */
    private static Instant buildTime(PackageRequest request, List<String> problems, Console console) {
        try {
            Optional<Instant> time = BuildTimestamp.resolve(request.outputTimestamp(), request.sourceDateEpoch());
            if (time.isPresent()) {
                return time.get();
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Instant.EPOCH; // the build fails on the problem; no warning about an unset timestamp
        }
        if (request.fallbackTime() == null) {
            return null; // validation asks for a build time
        }
        console.warn(BuildTimestamp.unsetWarning("project.build.outputTimestamp", "package"));
        return Instant.ofEpochSecond(request.fallbackTime().getEpochSecond());
    }

    private static <E extends Enum<E> & Choice> E lookUp(Class<E> type, String setting, String value,
            List<String> problems) {
        try {
            return Choices.parse(type, setting, value);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Optional<String> changelog(PackageRequest request, List<String> problems) {
        if (request.changelog() != null && request.changelogFile() != null) {
            problems.add("changelog and changelogFile are both set: give one of them");
            return Optional.empty();
        }
        if (request.changelogFile() != null) {
            return TextFiles.read(problems, "changelogFile", request.changelogFile());
        }
        return Optional.ofNullable(request.changelog());
    }

    private static void checkFileName(PackageRequest request, List<String> problems) {
        String fileName = request.fileName();
        if (fileName != null && (fileName.isBlank() || fileName.contains("/") || fileName.equals("..")
                || fileName.equals("."))) {
            problems.add("fileName " + Quoting.quote(fileName) + " is not a file name: give a name without '/',"
                    + " e.g. " + request.name() + ".rpm, or leave it unset");
        }
    }
}

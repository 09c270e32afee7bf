package io.rpmkit.request;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.testing.ProjectFiles;
import io.rpmkit.write.RpmWriter;

/**
 * Builds a package the way a front end does, without one: settings named as the rpm goal's parameters
 * and set as a pom would set them (paths relative to a base directory, lists split on commas), turned
 * into a {@link PackageRequest}, resolved and written. The values a Maven project would give by
 * default (name, summary, license, timestamp...) are those of one fixed demo project.
 */
final class RequestHarness {
    static final String NAME = "demo";
    static final String VERSION = "1.0.0";
    static final String OUTPUT_TIMESTAMP = "2026-11-24T10:00:00Z";

    /** Where a failure came from: resolving the request (the user's mistake) or writing the package. */
    enum Stage { RESOLVE, WRITE }

    /** A failure and its stage. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final Stage stage;

        Failure(Stage stage, PackagingException cause) {
            super(cause.getMessage(), cause);
            this.stage = stage;
        }
    }

    final Path basedir;
    private final ProjectFiles files;
    final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> settings = new HashMap<>();
    private final Map<DependencyKind, List<String>> dependencies = new HashMap<>();
    private final List<EntryRequest> entries = new ArrayList<>();
    private final List<ScriptRequest> scriptlets = new ArrayList<>();
    private final List<ScriptRequest> triggers = new ArrayList<>();
    private final List<String> ownedDirectories = new ArrayList<>();
    private final List<AttributeRuleRequest> rules = new ArrayList<>();
    private Path filesFile;
    private final List<Path> filesRoots = new ArrayList<>();
    private final List<UserRequest> systemUsers = new ArrayList<>();
    private final List<GroupRequest> systemGroups = new ArrayList<>();
    private TmpfilesRequest tmpfiles;

    RequestHarness(Path basedir) {
        this.basedir = basedir;
        this.files = new ProjectFiles(basedir);
        settings.put("name", NAME);
        settings.put("release", "1");
        settings.put("arch", "noarch");
        settings.put("summary", "Demo package");
        settings.put("description", "A package the plugin's tests build.");
        settings.put("license", "Apache-2.0");
        settings.put("group", "Unspecified");
        settings.put("url", "https://example.com/demo");
        settings.put("vendor", "Example");
        settings.put("buildHost", "localhost");
        settings.put("outputTimestamp", OUTPUT_TIMESTAMP);
        settings.put("targetRpm", "el7");
        settings.put("outputDirectory", basedir.resolve("target"));
    }

    /** Sets a setting by its parameter name; a string for a path setting is relative to the base directory. */
    RequestHarness set(String setting, Object value) {
        boolean path = setting.equals("changelogFile") || setting.equals("outputDirectory");
        settings.put(setting, path && value instanceof String text ? basedir.resolve(text) : value);
        return this;
    }

    /** Appends a dependency of the kind named as its list parameter, e.g. {@code add("requires", "bash")}. */
    RequestHarness add(String kind, String dependency) {
        DependencyKind found = Arrays.stream(DependencyKind.values()).filter(k -> k.settingName().equals(kind))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no dependency list " + kind));
        dependencies.computeIfAbsent(found, k -> new ArrayList<>()).add(dependency);
        return this;
    }

    /** Adds an entry, e.g. {@code entry("path=/opt/a", "source=src/a.txt", "mode=0600")}. */
    void entry(String... values) {
        Map<String, String> e = parse(values);
        entries.add(new EntryRequest(e.get("type"), e.get("path"), pathOf(e.get("source")), e.get("target"),
                e.get("mode"), e.get("directoryMode"), e.get("user"), e.get("group"), e.get("flags"), e.get("verify"),
                listOf(e.get("includes")), listOf(e.get("excludes")),
                bool(e, "ownDirectories"), e.get("keepModes"), bool(e, "followLinks"), bool(e, "useDefaultExcludes"),
                e.get("caps")));
    }

    /** Adds an ownedDirectories prefix. */
    void ownedDirectory(String prefix) {
        ownedDirectories.add(prefix);
    }

    /** Adds a path rule, e.g. {@code rule("path=/opt/demo/**", "mode=0600")}. */
    void rule(String... values) {
        Map<String, String> r = parse(values);
        rules.add(new AttributeRuleRequest(r.get("path"), r.get("mode"), r.get("directoryMode"), r.get("user"),
                r.get("group"), r.get("flags"), r.get("verify")));
    }

    /** Sets a filesFile and its staging roots, relative to the base directory. */
    void filesFile(String file, String... roots) {
        filesFile = file == null ? null : basedir.resolve(file);
        for (String root : roots) {
            filesRoots.add(basedir.resolve(root));
        }
    }

    void scriptlet(String... values) {
        Map<String, String> s = parse(values);
        scriptlets.add(new ScriptRequest(s.get("phase"), List.of(), s.get("interpreter"), s.get("script"),
                pathOf(s.get("file"))));
    }

    void trigger(String... values) {
        Map<String, String> t = parse(values);
        triggers.add(new ScriptRequest(t.get("kind"), listOf(t.get("packages")), t.get("interpreter"),
                t.get("script"), pathOf(t.get("file")), listOf(t.get("prefixes")), t.get("priority")));
    }

    /** Adds a system user, e.g. {@code systemUser("name=hello", "uid=815", "groups=wheel,adm")}. */
    void systemUser(String... values) {
        Map<String, String> u = parse(values);
        systemUsers.add(new UserRequest(u.get("name"), u.get("uid"), u.get("group"), u.get("gecos"), u.get("home"),
                u.get("shell"), listOf(u.get("groups"))));
    }

    void systemGroup(String... values) {
        Map<String, String> g = parse(values);
        systemGroups.add(new GroupRequest(g.get("name"), g.get("gid")));
    }

    /** The tmpfiles.d lines, or a file relative to the base directory. */
    void tmpfiles(List<String> lines, String file) {
        tmpfiles = new TmpfilesRequest(lines, pathOf(file));
    }

    /** A file under the base directory; parents are created. */
    Path file(String relative, String content) throws IOException {
        return files.file(relative, content);
    }

    Path file(String relative, byte[] content) throws IOException {
        return files.file(relative, content);
    }

    Path dir(String relative) throws IOException {
        return files.dir(relative);
    }

    Path symlink(String relative, String target) throws IOException {
        return files.symlink(relative, target);
    }

    Path path(String relative) {
        return files.path(relative);
    }

    Path outputDirectory() {
        return (Path) settings.get("outputDirectory");
    }

    /** Resolves and writes the package; a failure names its stage. */
    Path execute() throws Failure {
        Console console = new Console() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        ResolvedPackage pkg;
        try {
            pkg = PackageResolver.resolve(request(), console);
        } catch (PackagingException e) {
            throw new Failure(Stage.RESOLVE, e);
        }
        Path output = outputDirectory().resolve(pkg.fileName());
        try {
            new RpmWriter(console).write(pkg.spec(), output);
        } catch (PackagingException e) {
            throw new Failure(Stage.WRITE, e);
        }
        return output;
    }

    private PackageRequest request() {
        PackageRequest.Builder builder = PackageRequest.builder().name(text("name")).projectVersion(VERSION)
                .version(text("version")).release(text("release")).epoch((Integer) settings.get("epoch"))
                .arch(text("arch")).summary(text("summary")).description(text("description"))
                .license(text("license")).group(text("group")).url(text("url")).vendor(text("vendor"))
                .packager(text("packager")).buildHost(text("buildHost"))
                .buildTime(text("outputTimestamp"), null, Instant.parse(OUTPUT_TIMESTAMP))
                .targetRpm(text("targetRpm")).compression(text("compression"), (Integer) settings.get("compressionLevel"))
                .entries(entries).scriptlets(scriptlets).triggers(triggers)
                .ownedDirectories(ownedDirectories).rules(rules).filesFile(filesFile, filesRoots)
                .systemUsers(systemUsers, systemGroups).tmpfiles(tmpfiles)
                .changelog(text("changelog"), (Path) settings.get("changelogFile")).fileName(text("fileName"))
                .signLegacy((Boolean) settings.get("signLegacy")).rpmFormat(text("rpmFormat"))
                .properties(key -> switch (key) {
                    case "project.version" -> VERSION;
                    case "greeting" -> "hello";
                    default -> null;
                });
        dependencies.forEach(builder::dependencies);
        return builder.build();
    }

    private String text(String setting) {
        Object value = settings.get(setting);
        return value == null ? null : value.toString();
    }

    private static Boolean bool(Map<String, String> values, String setting) {
        return values.containsKey(setting) ? Boolean.valueOf(values.get(setting)) : null;
    }

    private Path pathOf(String relative) {
        return relative == null ? null : basedir.resolve(relative);
    }

    private static List<String> listOf(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.asList(commaSeparated.split(","));
    }

    private static Map<String, String> parse(String... values) {
        Map<String, String> parsed = new HashMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("write name=value, not '" + value + "'");
            }
            parsed.put(value.substring(0, equals), value.substring(equals + 1));
        }
        return parsed;
    }
}

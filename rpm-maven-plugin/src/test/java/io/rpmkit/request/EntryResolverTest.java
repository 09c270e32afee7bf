package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;

class EntryResolverTest {
    @TempDir
    Path dir;

    private final EntryResolver resolver = new EntryResolver(new TemplateFilter(Map.of("project.version", "2.0")::get));

    private static EntryRequest request(String type, String path, Path source) {
        return new EntryRequest(type, path, source, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    private String onlyProblem() {
        assertEquals(1, resolver.problems().size(), resolver.problems()::toString);
        return resolver.problems().get(0);
    }

    /** A tree entry installed at /opt/t, e.g. {@code tree(src, "includes=**&#47;*.jar", "mode=0640")}. */
    private static EntryRequest tree(Path source, String... settings) {
        Map<String, String> s = new HashMap<>();
        for (String setting : settings) {
            s.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        return new EntryRequest("tree", "/opt/t", source, null, s.get("mode"), s.get("directoryMode"), s.get("user"),
                s.get("group"), null, null, s.containsKey("includes") ? List.of(s.get("includes").split(",")) : null,
                s.containsKey("excludes") ? List.of(s.get("excludes").split(",")) : null,
                s.containsKey("ownDirectories") ? Boolean.valueOf(s.get("ownDirectories")) : null, s.get("keepModes"),
                s.containsKey("followLinks") ? Boolean.valueOf(s.get("followLinks")) : null,
                s.containsKey("useDefaultExcludes") ? Boolean.valueOf(s.get("useDefaultExcludes")) : null);
    }

    private static Map<String, Entry> byPath(List<Entry> entries) {
        Map<String, Entry> map = new TreeMap<>();
        entries.forEach(e -> map.put(e.path(), e));
        return map;
    }

    private Path write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void collectsATreeWithItsDirectoriesAndPatterns() throws Exception {
        write("app/run.jar", "r");
        write("app/lib/a.jar", "a");
        write("app/lib/sub/b.jar", "b");
        write("app/lib/notes.txt", "n");
        List<Entry> entries = resolver.resolve(List.of(new EntryRequest(null, "/usr/share/app", dir.resolve("app"), null,
                "0640", "0750", "app", "app", null, null, List.of("**/*.jar"), List.of("**/sub/**"), null, null, null,
                null)));
        assertEquals(List.of(), resolver.problems());
        assertEquals(List.of("/usr/share/app", "/usr/share/app/lib", "/usr/share/app/lib/a.jar",
                "/usr/share/app/run.jar"), entries.stream().map(Entry::path).sorted().toList(),
                "**/ matches zero directories too: the top-level jar is taken; sub/ holds nothing shipped");
        Map<String, Entry> found = byPath(entries);
        assertEquals(0750, found.get("/usr/share/app").mode());
        assertEquals(EntryKind.DIRECTORY, found.get("/usr/share/app").kind());
        assertEquals(0640, found.get("/usr/share/app/lib/a.jar").mode());
        assertEquals("app", found.get("/usr/share/app/lib/a.jar").user());
    }

    @Test
    void matchesStarWithinOneNameAndQuestionMarkAsOneCharacter() throws Exception {
        write("p/a.jar", "a");
        write("p/ab.jar", "ab");
        write("p/lib/c.jar", "c");
        List<Entry> star = resolver.resolve(List.of(tree(dir.resolve("p"), "includes=*.jar")));
        assertEquals(List.of("/opt/t", "/opt/t/a.jar", "/opt/t/ab.jar"), star.stream().map(Entry::path).sorted().toList());
        List<Entry> question = resolver.resolve(List.of(tree(dir.resolve("p"), "includes=?.jar,lib/?.jar")));
        assertEquals(List.of("/opt/t", "/opt/t/a.jar", "/opt/t/lib", "/opt/t/lib/c.jar"),
                question.stream().map(Entry::path).sorted().toList());
        assertEquals(List.of(), resolver.problems());
    }

    @Test
    void aPatternThatMatchesNothingNamesTheEntryAndThePattern() throws Exception {
        write("p/a.jar", "a");
        resolver.resolve(List.of(tree(dir.resolve("p"), "includes=**/*.war,**/*.jar", "excludes=**/*.bak")));
        assertEquals(List.of("entries[0] '/opt/t': include '**/*.war' matches nothing in '" + dir.resolve("p") + "':"
                + " correct it or remove it (** matches any number of directories, * part of one name, ? one"
                + " character; e.g. **/*.jar)", "entries[0] '/opt/t': exclude '**/*.bak' matches nothing in '"
                + dir.resolve("p") + "': correct it or remove it (** matches any number of directories, * part of"
                + " one name, ? one character)"), resolver.problems());
    }

    @Test
    void leavesOutMavensDefaultExcludesUnlessAskedNotTo() throws Exception {
        write("p/a.txt", "a");
        write("p/a.txt~", "backup");
        write("p/.git/config", "[core]");
        write("p/sub/.svn/entries", "svn");
        assertEquals(List.of("/opt/t", "/opt/t/a.txt", "/opt/t/sub"),
                resolver.resolve(List.of(tree(dir.resolve("p")))).stream().map(Entry::path).sorted().toList());
        assertEquals(List.of("/opt/t", "/opt/t/.git", "/opt/t/.git/config", "/opt/t/a.txt", "/opt/t/a.txt~",
                "/opt/t/sub", "/opt/t/sub/.svn", "/opt/t/sub/.svn/entries"), resolver.resolve(List.of(
                        tree(dir.resolve("p"), "useDefaultExcludes=false"))).stream().map(Entry::path).sorted().toList());
        assertEquals(List.of(), resolver.problems());
    }

    @Test
    void keepsSymlinksAsWrittenRelativeOrAbsolute() throws Exception {
        write("jdk/v1/lib.so.1", "so");
        Files.createSymbolicLink(dir.resolve("jdk/current"), Path.of("v1"));
        Files.createSymbolicLink(dir.resolve("jdk/v1/lib.so"), Path.of("lib.so.1"));
        Files.createSymbolicLink(dir.resolve("jdk/etc"), Path.of("/etc"));
        Files.createSymbolicLink(dir.resolve("jdk/dangling"), Path.of("../nowhere"));
        Map<String, Entry> found = byPath(resolver.resolve(List.of(tree(dir.resolve("jdk"), "user=app"))));
        assertEquals(List.of(), resolver.problems());
        assertEquals(List.of("/opt/t", "/opt/t/current", "/opt/t/dangling", "/opt/t/etc", "/opt/t/v1", "/opt/t/v1/lib.so",
                "/opt/t/v1/lib.so.1"), List.copyOf(found.keySet()), "/etc is not walked: the link is packaged");
        assertEquals(EntryKind.SYMLINK, found.get("/opt/t/current").kind());
        assertEquals("v1", found.get("/opt/t/current").linkTarget());
        assertEquals("lib.so.1", found.get("/opt/t/v1/lib.so").linkTarget());
        assertEquals("/etc", found.get("/opt/t/etc").linkTarget());
        assertEquals("../nowhere", found.get("/opt/t/dangling").linkTarget());
        assertEquals(Entry.SYMLINK_MODE, found.get("/opt/t/etc").mode());
        assertEquals("app", found.get("/opt/t/etc").user());
    }

    @Test
    void followLinksCopiesTargetsInsideTheTree() throws Exception {
        write("t/v1/lib.so.1", "so");
        Files.createSymbolicLink(dir.resolve("t/current"), Path.of("v1"));
        Files.createSymbolicLink(dir.resolve("t/v1/lib.so"), Path.of("lib.so.1"));
        Map<String, Entry> found = byPath(resolver.resolve(List.of(tree(dir.resolve("t"), "followLinks=true"))));
        assertEquals(List.of(), resolver.problems());
        assertEquals(List.of("/opt/t", "/opt/t/current", "/opt/t/current/lib.so", "/opt/t/current/lib.so.1", "/opt/t/v1",
                "/opt/t/v1/lib.so", "/opt/t/v1/lib.so.1"), List.copyOf(found.keySet()));
        assertEquals(EntryKind.DIRECTORY, found.get("/opt/t/current").kind());
        assertEquals(EntryKind.FILE, found.get("/opt/t/v1/lib.so").kind());
    }

    /**
     * By default a tree keeps the owner's execute bit of each file (adding x where the mode has r): over
     * every owner permission with a few group and other bits, read from the file, and through a followed
     * link from its target, never from the link itself (whose own mode is 0777).
     */
    @Test
    void keepsTheOwnersExecuteBitOfEachFileAndOfAFollowedLinksTarget() throws Exception {
        Map<String, Integer> modes = new TreeMap<>();
        for (int owner = 0; owner < 8; owner++) {
            for (int rest : new int[] {0, 044, 011, 077}) {
                int mode = owner << 6 | rest;
                String name = "t/f" + Integer.toOctalString(mode);
                Path file = write(name, "x");
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                        permissionString(mode)));
                modes.put("/opt/" + name.substring(0, 1) + "/" + name.substring(2), mode);
                Files.createSymbolicLink(dir.resolve("t/link-" + Integer.toOctalString(mode)),
                        Path.of("f" + Integer.toOctalString(mode)));
                modes.put("/opt/t/link-" + Integer.toOctalString(mode), mode);
            }
        }
        // No mode given: the files get 0644, and 0755 where the source's owner may execute it.
        Map<String, Entry> found = byPath(resolver.resolve(List.of(tree(dir.resolve("t"), "followLinks=true"))));
        assertEquals(List.of(), resolver.problems());
        modes.forEach((path, sourceMode) -> assertEquals((sourceMode & 0100) != 0 ? 0755 : 0644,
                found.get(path).mode(), path + " from a source of mode 0" + Integer.toOctalString(sourceMode)));
    }

    /**
     * A tree's regular files carry the size the walk read, so that it is not asked again; a followed
     * link's target is asked (its size is not the link's own).
     */
    @Test
    void aTreesFilesKeepTheSizeTheWalkFoundAndAFollowedLinkIsAskedAgain() throws Exception {
        Map<String, Long> sizes = new TreeMap<>();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 30; i++) {
            int size = i == 0 ? 0 : random.nextInt(100_000);
            write("s/d" + i % 4 + "/f" + i, "x".repeat(size));
            sizes.put("/opt/t/d" + i % 4 + "/f" + i, (long) size);
        }
        Files.createSymbolicLink(dir.resolve("s/link"), Path.of("d1/f1"));
        Map<String, Entry> found = byPath(resolver.resolve(List.of(tree(dir.resolve("s"), "followLinks=true"))));
        assertEquals(List.of(), resolver.problems());
        sizes.forEach((path, size) -> {
            Content.FromFile content = (Content.FromFile) found.get(path).content();
            assertEquals(size, content.foundSize(), path);
        });
        Content.FromFile link = (Content.FromFile) found.get("/opt/t/link").content();
        assertEquals(-1, link.foundSize(), "a followed link's size is its target's, asked when needed");
        assertEquals((long) sizes.get("/opt/t/d1/f1"), link.size());
    }

    private static String permissionString(int mode) {
        StringBuilder text = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode >> bit & 1) == 0 ? '-' : "rwx".charAt(2 - bit % 3));
        }
        return text.toString();
    }

    @Test
    void followLinksRefusesLinksLeadingOutOfTheTree() throws Exception {
        write("tree/a.txt", "a");
        write("secret", "s");
        Files.createSymbolicLink(dir.resolve("tree/escape"), dir.resolve("secret"));
        Files.createSymbolicLink(dir.resolve("tree/etc"), Path.of("/etc"));
        resolver.resolve(List.of(tree(dir.resolve("tree"), "followLinks=true")));
        assertEquals(2, resolver.problems().size(), resolver.problems()::toString);
        assertEquals("entries[0] '/opt/t': '" + dir.resolve("tree/escape") + "' leads outside the tree '"
                + dir.resolve("tree") + "' through a symlink: set followLinks to false to package it as a symlink, or"
                + " collect its target separately", resolver.problems().get(0));
        assertTrue(resolver.problems().get(1).startsWith("entries[0] '/opt/t': '" + dir.resolve("tree/etc")
                + "' leads outside the tree"), resolver.problems()::toString);
    }

    @Test
    void followLinksReportsASymlinkLoopInsteadOfHanging() throws Exception {
        Files.createDirectories(dir.resolve("tree/a"));
        Files.createSymbolicLink(dir.resolve("tree/a/loop"), dir.resolve("tree"));
        resolver.resolve(List.of(tree(dir.resolve("tree"), "followLinks=true")));
        assertEquals("entries[0] '/opt/t': collecting '" + dir.resolve("tree") + "' failed: '"
                + dir.resolve("tree/a/loop") + "' is a symlink loop back to '" + dir.resolve("tree").toRealPath()
                + "': remove the link, or set followLinks to false to package it as a symlink", onlyProblem());
        EntryResolver excluding = new EntryResolver(new TemplateFilter(k -> null));
        Files.writeString(dir.resolve("tree/a/kept.txt"), "k");
        List<Entry> entries = excluding.resolve(List.of(tree(dir.resolve("tree"), "followLinks=true",
                "excludes=a/loop/**")));
        assertEquals(List.of(), excluding.problems(), "an excluded link is never followed");
        assertEquals(List.of("/opt/t", "/opt/t/a", "/opt/t/a/kept.txt"), entries.stream().map(Entry::path).sorted()
                .toList());
    }

    @Test
    void keepsTheExecutableBitByDefault() throws Exception {
        Path launcher = write("s/bin/launch", "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = write("s/conf/secret", "s");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir.resolve("s/conf"), PosixFilePermissions.fromString("rwxr-x---"));
        write("s/lib/a.jar", "a");
        Map<String, Entry> byDefault = byPath(resolver.resolve(List.of(tree(dir.resolve("s")))));
        assertEquals(0755, byDefault.get("/opt/t/bin/launch").mode());
        assertEquals(0644, byDefault.get("/opt/t/conf/secret").mode(), "executable keeps the x bit, nothing else");
        assertEquals(0644, byDefault.get("/opt/t/lib/a.jar").mode());
        assertEquals(0755, byDefault.get("/opt/t/conf").mode());

        Map<String, Entry> fixed = byPath(resolver.resolve(List.of(tree(dir.resolve("s"), "mode=0640"))));
        assertEquals(0640, fixed.get("/opt/t/bin/launch").mode(), "a mode alone means every file, as before");
        Map<String, Entry> both = byPath(resolver.resolve(List.of(tree(dir.resolve("s"), "mode=0640",
                "keepModes=executable"))));
        assertEquals(0750, both.get("/opt/t/bin/launch").mode(), "execute wherever the mode grants read");
        assertEquals(0640, both.get("/opt/t/lib/a.jar").mode());

        Map<String, Entry> all = byPath(resolver.resolve(List.of(tree(dir.resolve("s"), "keepModes=all"))));
        assertEquals(0755, all.get("/opt/t/bin/launch").mode());
        assertEquals(0600, all.get("/opt/t/conf/secret").mode());
        assertEquals(0750, all.get("/opt/t/conf").mode());
        assertEquals(List.of(), resolver.problems());
    }

    @Test
    void aFilteredTreeOwnsOnlyTheDirectoriesOnTheWayToWhatItShips() throws Exception {
        write("svc/lib/app.jar", "a");
        write("svc/conf/app.xml", "<x/>");
        write("svc/systemd/app.service", "[Unit]");
        Files.createDirectories(dir.resolve("svc/empty"));
        assertEquals(List.of("/opt/t", "/opt/t/lib", "/opt/t/lib/app.jar"), resolver.resolve(List.of(
                tree(dir.resolve("svc"), "includes=**/*.jar"))).stream().map(Entry::path).sorted().toList());
        assertEquals(List.of("/opt/t", "/opt/t/conf", "/opt/t/conf/app.xml", "/opt/t/lib", "/opt/t/lib/app.jar"),
                resolver.resolve(List.of(tree(dir.resolve("svc"), "excludes=systemd/**"))).stream().map(Entry::path)
                        .sorted().toList(), "an excluded directory is not owned, nor an empty one");
        assertEquals(List.of("/opt/t", "/opt/t/conf", "/opt/t/conf/app.xml", "/opt/t/empty", "/opt/t/lib",
                "/opt/t/lib/app.jar", "/opt/t/systemd", "/opt/t/systemd/app.service"), resolver.resolve(List.of(
                        tree(dir.resolve("svc")))).stream().map(Entry::path).sorted().toList(),
                "an unfiltered tree owns every directory, as %files does for a directory");
        assertEquals(List.of("/opt/t/lib/app.jar"), resolver.resolve(List.of(tree(dir.resolve("svc"), "includes=**/*.jar",
                "ownDirectories=false"))).stream().map(Entry::path).toList());
        assertEquals(List.of(), resolver.problems());
    }

    @Test
    void treeWithoutOwnDirectoriesListsOnlyFiles() throws Exception {
        Files.createDirectories(dir.resolve("t/d"));
        Files.writeString(dir.resolve("t/d/f"), "f");
        List<Entry> entries = resolver.resolve(List.of(new EntryRequest("tree", "/opt/t", dir.resolve("t"), null, null,
                null, null, null, null, null, null, null, false, null, null, null)));
        assertEquals(List.of("/opt/t/d/f"), entries.stream().map(Entry::path).toList());
    }

    @Test
    void filtersTemplatesWithProjectValues() throws Exception {
        Path template = dir.resolve("kubelet.env");
        Files.writeString(template, "TAG=v${project.version}_coreos.0\n");
        Entry entry = resolver.resolve(List.of(request("template", "/etc/kubelet.env", template))).get(0);
        assertEquals("TAG=v2.0_coreos.0\n", new String(entry.content().open().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void readsFlagsVerifyAndGhosts() {
        Entry ghost = resolver.resolve(List.of(new EntryRequest("ghost", "/etc/x", null, null, "0600", null, null, null,
                "config, missingok", "mode,user", null, null, null, null, null, null))).get(0);
        assertEquals(Set.of(FileFlag.GHOST, FileFlag.CONFIG, FileFlag.MISSINGOK), ghost.flags());
        assertEquals(Set.of(VerifyFlag.MODE, VerifyFlag.USER), ghost.verify());
        assertEquals(0600, ghost.mode());
    }

    @Test
    void namesTheEntryAndSettingOfEachMistake() {
        resolver.resolve(List.of(request("file", "/x", dir.resolve("x")), new EntryRequest("file", "/y", dir, null,
                "0999", null, null, null, null, null, null, null, null, null, null, null)));
        assertEquals("entries[1] '/y': mode '0999' is not a mode: use octal digits from 0000 to 7777, e.g. 0644",
                onlyProblem());
    }

    @Test
    void refusesUnknownTypesFlagsAndChecks() {
        resolver.resolve(List.of(request("socket", "/x", null)));
        assertTrue(onlyProblem().contains("type 'socket' is unknown"), onlyProblem());
        EntryResolver second = new EntryResolver(new TemplateFilter(k -> null));
        second.resolve(List.of(new EntryRequest("dir", "/x", null, null, null, null, null, null, "ghost,shiny", "colour",
                null, null, null, null, null, null)));
        assertEquals(3, second.problems().size(), second.problems()::toString);
    }
}

package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;

class EntryResolverTest {
    @TempDir
    Path dir;

    private final EntryResolver resolver = new EntryResolver(new TemplateFilter(Map.of("project.version", "2.0")::get));

    private static EntryRequest request(String type, String path, Path source) {
        return new EntryRequest(type, path, source, null, null, null, null, null, null, null, null, null, null);
    }

    private String onlyProblem() {
        assertEquals(1, resolver.problems().size(), resolver.problems()::toString);
        return resolver.problems().get(0);
    }

    @Test
    void collectsATreeWithItsDirectoriesAndPatterns() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("app/lib/sub"));
        Files.writeString(dir.resolve("app/lib/a.jar"), "a");
        Files.writeString(dir.resolve("app/lib/sub/b.jar"), "b");
        Files.writeString(dir.resolve("app/lib/notes.txt"), "n");
        List<Entry> entries = resolver.resolve(List.of(new EntryRequest(null, "/usr/share/app", dir.resolve("app"), null,
                "0640", "0750", "app", "app", null, null, List.of("**/*.jar", "*.jar"), List.of("**/sub/**"), null)));
        assertEquals(List.of(), resolver.problems());
        assertEquals(List.of("/usr/share/app", "/usr/share/app/lib", "/usr/share/app/lib/a.jar", "/usr/share/app/lib/sub"),
                entries.stream().map(Entry::path).toList());
        assertEquals(0750, entries.get(0).mode());
        assertEquals(EntryKind.DIRECTORY, entries.get(0).kind());
        assertEquals(0640, entries.get(2).mode());
        assertEquals("app", entries.get(2).user());
        assertTrue(tree.toFile().isDirectory());
    }

    @Test
    void treeWithoutOwnDirectoriesListsOnlyFiles() throws Exception {
        Files.createDirectories(dir.resolve("t/d"));
        Files.writeString(dir.resolve("t/d/f"), "f");
        List<Entry> entries = resolver.resolve(List.of(new EntryRequest("tree", "/opt/t", dir.resolve("t"), null, null,
                null, null, null, null, null, null, null, false)));
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
                "config, missingok", "mode,user", null, null, null))).get(0);
        assertEquals(Set.of(FileFlag.GHOST, FileFlag.CONFIG, FileFlag.MISSINGOK), ghost.flags());
        assertEquals(Set.of(VerifyFlag.MODE, VerifyFlag.USER), ghost.verify());
        assertEquals(0600, ghost.mode());
    }

    @Test
    void namesTheEntryAndSettingOfEachMistake() {
        resolver.resolve(List.of(request("file", "/x", dir.resolve("x")), new EntryRequest("file", "/y", dir, null,
                "0999", null, null, null, null, null, null, null, null)));
        assertEquals("entries[1] '/y': mode '0999' is not a mode: use octal digits from 0000 to 7777, e.g. 0644",
                onlyProblem());
    }

    @Test
    void refusesUnknownTypesFlagsAndChecks() {
        resolver.resolve(List.of(request("socket", "/x", null)));
        assertTrue(onlyProblem().contains("type 'socket' is unknown"), onlyProblem());
        EntryResolver second = new EntryResolver(new TemplateFilter(k -> null));
        second.resolve(List.of(new EntryRequest("dir", "/x", null, null, null, null, null, null, "ghost,shiny", "colour",
                null, null, null)));
        assertEquals(3, second.problems().size(), second.problems()::toString);
    }

    @Test
    void refusesSymlinksLeadingOutOfTheTree() throws Exception {
        Files.createDirectories(dir.resolve("tree"));
        Files.writeString(dir.resolve("secret"), "s");
        Files.createSymbolicLink(dir.resolve("tree/escape"), dir.resolve("secret"));
        resolver.resolve(List.of(request("tree", "/opt/tree", dir.resolve("tree"))));
        assertTrue(onlyProblem().contains("leads outside the tree"), onlyProblem());
    }

    @Test
    void reportsASymlinkLoopInsteadOfHanging() throws Exception {
        Files.createDirectories(dir.resolve("tree/a"));
        Files.createSymbolicLink(dir.resolve("tree/a/loop"), dir.resolve("tree"));
        resolver.resolve(List.of(request("tree", "/opt/tree", dir.resolve("tree"))));
        assertTrue(onlyProblem().contains("symlink loop"), onlyProblem());
    }
}

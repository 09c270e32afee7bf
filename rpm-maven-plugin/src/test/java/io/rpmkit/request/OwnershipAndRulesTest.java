package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.format.FileFlag;
import io.rpmkit.spec.BaseSystemDirectories;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.PathRules;

/** Directories owned by prefix, and attributes by path rule, as the resolved package has them. */
class OwnershipAndRulesTest {
    @TempDir
    Path dir;

    private static final Console QUIET = new Console() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    private static EntryRequest entry(String type, String path, Path source) {
        return new EntryRequest(type, path, source, type.equals("symlink") ? "target" : null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private Map<String, Entry> resolve(List<EntryRequest> entries, List<String> owned, List<AttributeRuleRequest> rules)
            throws Exception {
        PackageRequest request = PackageRequest.builder().name("demo").version("1.0").summary("Demo")
                .description("Demo.").license("MIT").buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH)
                .entries(entries).ownedDirectories(owned).rules(rules).build();
        Map<String, Entry> byPath = new TreeMap<>();
        PackageResolver.resolve(request, QUIET).spec().entries().forEach(e -> byPath.put(e.path(), e));
        return byPath;
    }

    private List<EntryRequest> files(String... paths) throws Exception {
        Path source = Files.writeString(dir.resolve("content"), "x\n");
        return Stream.of(paths).map(p -> p.endsWith("/") ? entry("dir", p.substring(0, p.length() - 1), null)
                : p.startsWith("ghost:") ? entry("ghost", p.substring(6), null)
                : p.startsWith("link:") ? entry("symlink", p.substring(5), null) : entry("file", p, source)).toList();
    }

    static Stream<Arguments> ownedLayouts() {
        return Stream.of(
                Arguments.of(List.of("/usr/share/hello/lib/a.jar"), List.of("/usr/share/hello"),
                        Set.of("/usr/share/hello", "/usr/share/hello/lib")),
                Arguments.of(List.of("/usr/share/hello/a", "/usr/share/hello/x/y/z/b"), List.of("/usr/share/hello"),
                        Set.of("/usr/share/hello", "/usr/share/hello/x", "/usr/share/hello/x/y", "/usr/share/hello/x/y/z")),
                // a prefix's parents stay unowned, whoever owns them
                Arguments.of(List.of("/opt/vendor/hello/bin/run"), List.of("/opt/vendor/hello"),
                        Set.of("/opt/vendor/hello", "/opt/vendor/hello/bin")),
                // two prefixes, and entries outside both get no directories
                Arguments.of(List.of("/etc/hello/a.conf", "/usr/lib/hello/x", "/usr/lib/systemd/system/h.service"),
                        List.of("/etc/hello", "/usr/lib/hello"), Set.of("/etc/hello", "/usr/lib/hello")),
                // a directory already listed is not added twice; ghosts and links count as entries
                Arguments.of(List.of("/var/lib/hello/", "/var/lib/hello/db/", "ghost:/var/log/hello/hello.log",
                        "link:/var/lib/hello/current"), List.of("/var/lib/hello", "/var/log/hello"),
                        Set.of("/var/lib/hello", "/var/lib/hello/db", "/var/log/hello")),
                // a prefix holding nothing is an empty directory of its own
                Arguments.of(List.of("/usr/share/hello/a"), List.of("/usr/share/hello", "/var/lib/hello"),
                        Set.of("/usr/share/hello", "/var/lib/hello")),
                // nested prefixes own the same directories once
                Arguments.of(List.of("/usr/share/hello/plugins/p/x.jar"), List.of("/usr/share/hello",
                        "/usr/share/hello/plugins"), Set.of("/usr/share/hello", "/usr/share/hello/plugins",
                        "/usr/share/hello/plugins/p")));
    }

    @ParameterizedTest
    @MethodSource("ownedLayouts")
    void ownsThePrefixesAndTheDirectoriesOnTheWayToTheirEntries(List<String> paths, List<String> owned,
            Set<String> directories) throws Exception {
        Map<String, Entry> entries = resolve(files(paths.toArray(String[]::new)), owned, List.of());
        Set<String> found = entries.values().stream().filter(e -> e.kind() == EntryKind.DIRECTORY).map(Entry::path)
                .collect(Collectors.toSet());
        assertEquals(directories, found);
        for (String directory : directories) {
            Entry entry = entries.get(directory);
            assertEquals(0755, entry.mode(), directory);
            assertEquals("root", entry.user());
        }
    }

    @Test
    void theLastRuleThatSetsAnAttributeWinsAndOthersAccumulate() throws Exception {
        Map<String, Entry> entries = resolve(files("/usr/share/hello/bin/hello", "/usr/share/hello/lib/a.jar",
                "ghost:/usr/share/hello/cache.db", "link:/usr/share/hello/current"), List.of("/usr/share/hello"), List.of(
                        new AttributeRuleRequest("/usr/share/hello/**", "0640", "0750", "hello", "hello", null, null),
                        new AttributeRuleRequest("/usr/share/hello/bin/*", "0755", null, null, null, null, null),
                        new AttributeRuleRequest("/usr/share/hello/**/*.jar", null, null, "root", null, "doc", "none"),
                        new AttributeRuleRequest("/usr/share/hello/*", null, null, null, null, "config", null)));
        assertEquals(0755, entries.get("/usr/share/hello/bin/hello").mode());
        assertEquals("hello", entries.get("/usr/share/hello/bin/hello").user());
        Entry jar = entries.get("/usr/share/hello/lib/a.jar");
        assertEquals(List.of(0640, "root", "hello", Set.of(FileFlag.DOC), Set.of()),
                List.of(jar.mode(), jar.user(), jar.group(), jar.flags(), jar.verify()));
        assertEquals(0750, entries.get("/usr/share/hello/lib").mode());
        assertEquals(0750, entries.get("/usr/share/hello").mode());
        assertEquals("hello", entries.get("/usr/share/hello").group());
        assertEquals(Set.of(FileFlag.CONFIG, FileFlag.GHOST), entries.get("/usr/share/hello/cache.db").flags(),
                "a ghost stays a ghost");
        assertEquals(0777, entries.get("/usr/share/hello/current").mode(), "a symlink keeps rpm's 0777");
        assertEquals("hello", entries.get("/usr/share/hello/current").user());
        assertNull(entries.get("/usr/share/hello/bin/hello").verify(), "no rule set verify: rpm's default");
    }

    @Test
    void flagsNoneClearsAnEntrysFlags() throws Exception {
        List<EntryRequest> entries = List.of(new EntryRequest("file", "/etc/hello.conf",
                Files.writeString(dir.resolve("c"), "x\n"), null, null, null, null, null, "config,noreplace", null, null,
                null, null, null, null, null));
        Map<String, Entry> resolved = resolve(entries, List.of(), List.of(
                new AttributeRuleRequest("/etc/hello.conf", null, null, null, null, "none", null)));
        assertEquals(Set.of(), resolved.get("/etc/hello.conf").flags());
    }

    @Test
    void aTreeIntoTheRootOwnsItsDirectoriesButNeverTheBaseSystems() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        Files.writeString(root.resolve("usr/lib/systemd/system/hello.service"), "[Unit]\n");
        Files.createDirectories(root.resolve("usr/share/hello/lib"));
        Files.writeString(root.resolve("usr/share/hello/lib/a.jar"), "jar\n");
        Files.createDirectories(root.resolve("etc/sysconfig"));
        Files.writeString(root.resolve("etc/sysconfig/hello"), "X=1\n");
        Map<String, Entry> entries = resolve(List.of(entry("tree", "/", root)), List.of(), List.of());
        assertEquals(Set.of("/usr/lib/systemd/system/hello.service", "/usr/share/hello", "/usr/share/hello/lib",
                "/usr/share/hello/lib/a.jar", "/etc/sysconfig/hello"), entries.keySet());
    }

    @Test
    void theBaseSystemListIsWellFormedAndClosedUnderParents() {
        Map<String, String> all = BaseSystemDirectories.all();
        assertTrue(all.size() > 150, all.size() + " directories");
        for (String directory : all.keySet()) {
            if (!directory.equals("/")) {
                assertNull(PathRules.problem(directory), directory);
                String parent = directory.substring(0, Math.max(1, directory.lastIndexOf('/')));
                assertTrue(all.containsKey(parent), directory + "'s parent " + parent + " is not listed");
            }
        }
        for (String named : new String[] {"/", "/etc", "/usr", "/usr/lib/systemd/system", "/etc/sysconfig",
                "/usr/lib/firewalld/services", "/usr/lib/sysusers.d", "/usr/lib/tmpfiles.d", "/var/lib", "/var/log"}) {
            assertTrue(BaseSystemDirectories.owner(named).isPresent(), named);
        }
        assertEquals("systemd", BaseSystemDirectories.owner("/usr/lib/systemd/system").orElseThrow());
        assertTrue(BaseSystemDirectories.owner("/usr/share/hello").isEmpty());
    }
}

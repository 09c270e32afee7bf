package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Dependency;

class ParsersTest {
    @Test
    void parsesDependenciesAsSpecFilesWriteThem() {
        Dependency plain = DependencyParser.parse(DependencyKind.REQUIRES, "r", "openssh-server");
        assertEquals(new Dependency(DependencyKind.REQUIRES, "openssh-server", Comparison.ANY, "", Set.of()), plain);
        Dependency versioned = DependencyParser.parse(DependencyKind.REQUIRES, "r", "rkt >= 1.28.1");
        assertEquals(Comparison.GREATER_OR_EQUAL, versioned.comparison());
        assertEquals("1.28.1", versioned.version());
        Dependency contexts = DependencyParser.parse(DependencyKind.REQUIRES, "r", "(post, preun) systemd");
        assertEquals(Set.of(InstallContext.POST, InstallContext.PREUN), contexts.contexts());
        assertEquals(0x400 | 0x800, contexts.senseFlags());
        assertEquals(Comparison.LESS, DependencyParser.parse(DependencyKind.CONFLICTS, "c", "x<2").comparison());
        assertEquals(Comparison.EQUAL, DependencyParser.parse(DependencyKind.PROVIDES, "p", "x == 1:2-3").comparison());
    }

    @Test
    void tellsInstallContextsFromRichDependencies() {
        Dependency meta = DependencyParser.parse(DependencyKind.REQUIRES, "r", "(post, meta) (a or b)");
        assertEquals(Set.of(InstallContext.POST, InstallContext.META), meta.contexts());
        assertEquals("(a or b)", meta.name());
        assertEquals(0x400 | 1 << 29, meta.senseFlags());
        Dependency rich = DependencyParser.parse(DependencyKind.REQUIRES, "r", " (a  ==  1 or b) ");
        assertEquals(new Dependency(DependencyKind.REQUIRES, "(a = 1 or b)", Comparison.ANY, "", Set.of()), rich);
        assertEquals("r '(or) x' is not a rich dependency rpm reads: at character 6, text follows the closing ')'"
                + " of the dependency: give one dependency per item, or join them with 'and'",
                assertThrows(IllegalArgumentException.class, () -> DependencyParser.parse(DependencyKind.REQUIRES, "r",
                        "(or) x")).getMessage(), "a group with an operator word is a rich dependency, not contexts");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DependencyParser.parse(DependencyKind.REQUIRES, "requires[0]", "(meta) (a or"));
        assertTrue(error.getMessage().startsWith("requires[0] '(meta) (a or' is not a rich dependency rpm reads: at"
                + " character 8, the '(' is never closed"), error.getMessage());
        Dependency order = DependencyParser.parse(DependencyKind.ORDER, "o", "first >= 2");
        assertEquals(Comparison.GREATER_OR_EQUAL, order.comparison());
    }

    @Test
    void refusesDependenciesItCannotRead() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DependencyParser.parse(DependencyKind.REQUIRES, "requires[3]", "a b c"));
        assertTrue(error.getMessage().startsWith("requires[3] 'a b c' is not a dependency"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> DependencyParser.parse(DependencyKind.REQUIRES, "requires[0]", "systemd >="));
        assertTrue(error.getMessage().startsWith("requires[0] 'systemd >='"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> DependencyParser.parse(DependencyKind.REQUIRES, "requires[0]", "(install) systemd"));
        assertTrue(error.getMessage().contains("install context 'install'"), error.getMessage());
    }

    @Test
    void mapsMavenVersionsSoSnapshotsSortBeforeReleases() {
        Instant time = Instant.parse("2026-11-24T10:11:12Z");
        assertEquals(new ProjectVersions.RpmVersion("1.2.3", "1"), ProjectVersions.fromMaven("1.2.3", "1", time));
        assertEquals(new ProjectVersions.RpmVersion("1.2.3", "0.SNAPSHOT.20261124101112"),
                ProjectVersions.fromMaven("1.2.3-SNAPSHOT", "1", time));
        assertEquals(new ProjectVersions.RpmVersion("2.0", "0.rc.1.1"), ProjectVersions.fromMaven("2.0-rc-1", "1", time));
    }

    @Test
    void readsSpecFileChangelogs() {
        List<ChangelogEntry> entries = ChangelogParser.parse("changelog", """
                * Tue Nov 24 2026 Jane Doe <jane@example.com> - 1.0-2
                - Second
                - with two lines

                * Mon Nov 23 2026 Jane Doe <jane@example.com> - 1.0-1
                - First
                """);
        assertEquals(2, entries.size());
        assertEquals("Jane Doe <jane@example.com> - 1.0-2", entries.get(0).author());
        assertEquals("- Second\n- with two lines", entries.get(0).text());
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), entries.get(1).time());
    }

    @Test
    void refusesChangelogDatesWithTheWrongWeekday() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ChangelogParser.parse("changelog", "* Mon Nov 24 2026 Jane - 1-1\n- x"));
        assertTrue(error.getMessage().contains("date 'Mon Nov 24 2026'"), error.getMessage());
    }

    @Test
    void filtersKnownPlaceholdersAndKeepsShellVariables() {
        TemplateFilter filter = new TemplateFilter(Map.of("project.version", "1.8.9")::get);
        assertEquals("TAG=v1.8.9_coreos.0 HOME=${HOME} $1",
                filter.apply("TAG=v${project.version}_coreos.0 HOME=${HOME} $1"));
    }

    @Test
    void readsTimestampsTheWayMavenDefinesThem() {
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), BuildTimestamp.resolve("2026-11-24T00:00:00Z", null).get());
        assertEquals(Instant.ofEpochSecond(1700000000), BuildTimestamp.resolve(null, "1700000000").get());
        assertEquals(Instant.ofEpochSecond(10), BuildTimestamp.resolve("10", "1700000000").get());
        assertEquals(Instant.ofEpochSecond(1700000000), BuildTimestamp.resolve("5", "1700000000").get(),
                "a one-character outputTimestamp is Maven's 'unset'");
        assertTrue(BuildTimestamp.resolve("a", null).isEmpty(), "one character switches it off");
        assertThrows(IllegalArgumentException.class, () -> BuildTimestamp.resolve("yesterday", null));
    }
}

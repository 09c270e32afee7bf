package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.Flags;
import io.rpmkit.format.InstallContext;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Entry;

class PackageIndexerTest {
    @TempDir
    Path dir;

    @Test
    void splitsVersionsAsCreaterepoDoes() {
        assertEquals(dep("0", "1.0", ""), PackageIndexer.entry("x", "GE", "1.0", false).orElseThrow());
        assertEquals(dep("2", "1.0", ""), PackageIndexer.entry("x", "GE", "2:1.0", false).orElseThrow());
        assertEquals(dep("0", "1.0", "5"), PackageIndexer.entry("x", "GE", "1.0-5", false).orElseThrow());
        assertEquals(dep("1", "0.9", "2.el9"), PackageIndexer.entry("x", "GE", "1:0.9-2.el9", false).orElseThrow());
        // An empty release is no release; an empty epoch is 0; the release is everything after the first '-'.
        assertEquals(dep("0", "1.0", ""), PackageIndexer.entry("x", "GE", "1.0-", false).orElseThrow());
        assertEquals(dep("0", "1.0", ""), PackageIndexer.entry("x", "GE", ":1.0", false).orElseThrow());
        assertEquals(dep("0", "1", "2-3"), PackageIndexer.entry("x", "GE", "1-2-3", false).orElseThrow());
        assertEquals(new MetadataDependency("x", "", "", "", "", true),
                PackageIndexer.entry("x", "", "", true).orElseThrow(), "no version, no epoch");
        assertEquals(Optional.empty(), PackageIndexer.entry("x", "GE", "abc:1.0", false), "createrepo_c skips it");
        assertEquals(new MetadataDependency("x", "", "", "", "", false),
                PackageIndexer.entry("x", "", "1.0-1", false).orElseThrow(), "without flags no version is written");
        assertEquals(Optional.empty(), PackageIndexer.entry("x", "", "abc:1.0", false), "but its epoch is checked");
    }

    @Test
    void namesOnlyTheFiveComparisons() {
        assertEquals("", PackageIndexer.flagName(0));
        assertEquals("LT", PackageIndexer.flagName(Flags.SENSE_LESS));
        assertEquals("LE", PackageIndexer.flagName(Flags.SENSE_LESS | Flags.SENSE_EQUAL));
        assertEquals("EQ", PackageIndexer.flagName(Flags.SENSE_EQUAL | Flags.SENSE_SCRIPT_POST));
        assertEquals("GE", PackageIndexer.flagName(Flags.SENSE_GREATER | Flags.SENSE_EQUAL | Flags.SENSE_RPMLIB));
        assertEquals("GT", PackageIndexer.flagName(Flags.SENSE_GREATER));
        assertEquals("", PackageIndexer.flagName(Flags.SENSE_LESS | Flags.SENSE_GREATER));
    }

    @Test
    void keepsTheHighestLibcSymbolVersion() {
        assertTrue(PackageIndexer.libcSymbolIsHigher("libc.so.6()(64bit)", "libc.so.6(GLIBC_2.2.5)(64bit)"));
        assertTrue(PackageIndexer.libcSymbolIsHigher("libc.so.6(GLIBC_2.4)(64bit)", "libc.so.6(GLIBC_2.34)(64bit)"));
        assertFalse(PackageIndexer.libcSymbolIsHigher("libc.so.6(GLIBC_2.34)(64bit)", "libc.so.6(GLIBC_2.4)(64bit)"));
        assertFalse(PackageIndexer.libcSymbolIsHigher("libc.so.6(GLIBC_2.34)", "libc.so.6"));
        assertTrue(PackageIndexer.libcSymbolIsHigher("libc.so.6", "libc.so.6()"));
    }

    @Test
    void comparesVersionsAsRpmDoes() {
        assertEquals(0, RpmVersions.compare("1.0", "1.0"));
        assertEquals(0, RpmVersions.compare("010", "10"), "numbers compare as numbers");
        assertEquals(0, RpmVersions.compare("1.0", "1_0"), "separators only separate");
        assertEquals(-1, RpmVersions.compare("1.0", "1.0.1"));
        assertEquals(1, RpmVersions.compare("2.34", "2.4"));
        assertEquals(1, RpmVersions.compare("1.0a", "1.0"));
        assertEquals(1, RpmVersions.compare("1.1", "1.a"), "a number is newer than letters");
        assertEquals(-1, RpmVersions.compare("1.0~rc1", "1.0"), "tilde sorts before the end");
        assertEquals(-1, RpmVersions.compare("1.0~rc1", "1.0~rc2"));
        assertEquals(1, RpmVersions.compare("1.0^git1", "1.0"), "caret sorts after the end");
        assertEquals(-1, RpmVersions.compare("1.0^git1", "1.0.1"), "but before anything else");
        assertEquals(-1, RpmVersions.compare("abc", "abd"));
    }

    @Test
    void spreadsChangelogEntriesOfOneTimeAndKeepsTheNewest() {
        Instant day = Instant.parse("2026-11-24T12:00:00Z");
        long t = day.getEpochSecond();
        // The header lists the newest first; three entries share a day.
        List<ChangelogEntry> header = List.of(
                new ChangelogEntry(day, "Jane <j@x> - 3   ", "- third"),
                new ChangelogEntry(day, "Jane <j@x> - 2", "- second"),
                new ChangelogEntry(day, "Jane <j@x> - 1", "- first"),
                new ChangelogEntry(day.minusSeconds(86_400), "Jane <j@x> - 0", "- zeroth"));

        assertEquals(List.of(
                new MetadataChangelog("Jane <j@x> - 0", t - 86_400, "- zeroth"),
                new MetadataChangelog("Jane <j@x> - 1", t, "- first"),
                new MetadataChangelog("Jane <j@x> - 2", t + 1, "- second"),
                new MetadataChangelog("Jane <j@x> - 3", t + 2, "- third")),
                PackageIndexer.changelog(header, 10));
        assertEquals(List.of("- second", "- third"),
                PackageIndexer.changelog(header, 2).stream().map(MetadataChangelog::text).toList());
        assertEquals(List.of(), PackageIndexer.changelog(header, 0));
    }

    @Test
    void leavesOutRequirementsThePackageMeetsItselfOrRepeats() throws Exception {
        Path rpm = RepoFixtures.write(RepoFixtures.small("tool", "1.0")
                .entry(Entry.file("/usr/bin/tool", Content.ofBytes("#!/bin/true\n".getBytes(StandardCharsets.UTF_8),
                        "inline")).withMode(0755))
                .dependency(Dependency.of(DependencyKind.PROVIDES, "tool-api", Comparison.EQUAL, "2"))
                // Met by the package itself: a primary file and an identical provide.
                .dependency(Dependency.of(DependencyKind.REQUIRES, "/usr/bin/tool"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "tool-api", Comparison.EQUAL, "2"))
                // Kept: an own file primary.xml does not list, a provide with another version.
                .dependency(Dependency.of(DependencyKind.REQUIRES, "/usr/share/tool/tool.txt"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "tool-api", Comparison.GREATER_OR_EQUAL, "1"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "setup").withContexts(Set.of(InstallContext.PRETRANS)))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "cleanup").withContexts(Set.of(InstallContext.POSTUN)))
                .build(), dir);
        List<String> warnings = new ArrayList<>();
        PackageMetadata pkg = new PackageIndexer(new Console() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }).index(RpmReader.read(rpm), "tool.rpm", "0".repeat(64), 0, 10);

        List<MetadataDependency> requires = pkg.dependencies(io.rpmkit.format.DependencyKind.REQUIRES);
        assertEquals(List.of(
                // the interpreter of the package's executable script, as rpmbuild's script.req finds it
                new MetadataDependency("/bin/true", "", "", "", "", false),
                new MetadataDependency("/usr/share/tool/tool.txt", "", "", "", "", false),
                new MetadataDependency("cleanup", "", "", "", "", false),
                new MetadataDependency("setup", "", "", "", "", true),
                new MetadataDependency("tool-api", "GE", "0", "1", "", false)),
                requires.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
        assertEquals(List.of(), warnings);
    }

    private static MetadataDependency dep(String epoch, String version, String release) {
        return new MetadataDependency("x", "GE", epoch, version, release, false);
    }
}

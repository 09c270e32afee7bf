package io.rpmkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.InstallContext;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.testing.SamplePackages;

class SpecValidationTest {
    @TempDir
    Path dir;

    private static PackageSpec.Builder minimal() {
        return PackageSpec.builder().name("ok").version("1.0").summary("A package").license("MIT")
                .buildTime(SamplePackages.BUILD_TIME);
    }

    private static List<String> problems(PackageSpec.Builder builder) {
        return assertThrows(PackagingException.class, builder::build).problems();
    }

    private static void assertProblem(PackageSpec.Builder builder, String... fragments) {
        List<String> problems = problems(builder);
        assertEquals(1, problems.size(), problems::toString);
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), () -> "'" + fragment + "' not in: " + problems.get(0));
        }
    }

    @Test
    void acceptsAMinimalPackageAndFillsDefaults() throws PackagingException {
        PackageSpec spec = minimal().build();
        assertEquals("1", spec.release());
        assertEquals("noarch", spec.arch());
        assertEquals("A package", spec.description());
        assertEquals(Compression.GZIP, spec.compression());
        assertEquals(6, spec.compressionLevel());
        assertEquals("ok-1.0-1.noarch.rpm", spec.fileName());
    }

    @Test
    void acceptsEverythingTheSampleUses() throws Exception {
        SamplePackages.everything(dir).build();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problems(PackageSpec.builder().name("bad name").version("1-2").release("")
                .epoch(-1).summary("").license("MIT"));
        assertEquals(6, problems.size(), problems::toString);
    }

    @Test
    void refusesADashInVersionOrRelease() {
        assertProblem(minimal().version("1.0-beta"), "version '1.0-beta'", "'-'", "letters, digits");
        assertProblem(minimal().release("1-2"), "release '1-2'", "'-'");
    }

    @Test
    void refusesBadNamesAndCharacters() {
        assertProblem(minimal().name("my package"), "name 'my package'", "letters, digits");
        assertProblem(minimal().version("1.0 beta"), "version '1.0 beta'");
        assertProblem(minimal().arch("x86-64"), "arch 'x86-64'");
        assertProblem(minimal().summary("two\nlines"), "summary", "one line");
        assertProblem(minimal().buildTime(null), "buildTime is missing", "SOURCE_DATE_EPOCH");
    }

    @Test
    void refusesBadPaths() {
        Entry dirEntry = Entry.directory("/x");
        assertProblem(minimal().entry(Entry.directory("etc/app")), "'etc/app' is relative", "/etc/app");
        assertProblem(minimal().entry(Entry.directory("/usr/../etc")), "'..'");
        assertProblem(minimal().entry(Entry.directory("/usr/./lib")), "'.'");
        assertProblem(minimal().entry(Entry.directory("/usr//lib")), "empty segment");
        assertProblem(minimal().entry(Entry.directory("/")), "root");
        assertProblem(minimal().entry(Entry.directory("/a\tb")), "control character", "code 9");
        assertProblem(minimal().entry(dirEntry).entry(dirEntry), "'/x'", "listed twice");
    }

    @Test
    void refusesModesOwnersAndFlagsRpmCannotStore() {
        assertProblem(minimal().entry(Entry.directory("/x").withMode(010000)), "mode 010000", "0000 to 7777");
        assertProblem(minimal().entry(Entry.directory("/x").withOwner("web user", "root")), "user 'web user'");
        assertProblem(minimal().entry(Entry.directory("/x").withOwner("root", "a:b")), "group 'a:b'");
        assertProblem(minimal().entry(Entry.ghost("/x").withFlags(Set.of(FileFlag.GHOST, FileFlag.NOREPLACE))),
                "noreplace applies to config files only");
        assertProblem(minimal().entry(Entry.directory("/x").withFlags(Set.of(FileFlag.CONFIG))),
                "config applies to files");
    }

    @Test
    void refusesMissingSourcesAndEmptyLinks() {
        assertProblem(minimal().entry(Entry.file("/x", Content.ofFile(dir.resolve("absent")))),
                "source '" + dir.resolve("absent") + "' does not exist");
        assertProblem(minimal().entry(Entry.file("/x", Content.ofFile(dir))), "is not a regular file");
        assertProblem(minimal().entry(Entry.file("/x", null)), "source is missing");
        assertProblem(minimal().entry(Entry.symlink("/x", "")), "link target");
    }

    @Test
    void refusesBadDependenciesAndScripts() {
        assertProblem(minimal().dependency(new Dependency(DependencyKind.PROVIDES, "x", Comparison.ANY, "",
                Set.of(InstallContext.POST))), "apply to requires only");
        assertProblem(minimal().scriptlet(new Scriptlet(ScriptletPhase.POST, "sh", "true")),
                "scriptlet 'post'", "interpreter 'sh'", "/bin/sh");
        assertProblem(minimal().scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/sh", "a"))
                .scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/sh", "b")), "given twice");
    }

    @Test
    void refusesFeaturesTheTargetRpmCannotRead() {
        assertProblem(minimal().compression(Compression.ZSTD, null), "targetRpm el7 (rpm 4.11) cannot read a zstd"
                + " payload, which needs rpm 4.14");
        assertProblem(minimal().version("1.0^git1").targetRpm(TargetRpm.EL8).compression(Compression.GZIP, null),
                "el8 (rpm 4.14)", "'^'");
    }

    @Test
    void acceptsWeakDependenciesOnEl7WhoseRpmSkipsThem() throws PackagingException {
        List<Dependency> weak = List.of(Dependency.of(DependencyKind.RECOMMENDS, "less"),
                Dependency.of(DependencyKind.SUGGESTS, "vim"), Dependency.of(DependencyKind.SUPPLEMENTS, "ok-base"),
                Dependency.of(DependencyKind.ENHANCES, "ok-extra"));
        PackageSpec.Builder builder = minimal().targetRpm(TargetRpm.EL7);
        weak.forEach(builder::dependency);
        assertEquals(weak, builder.build().dependencies());
        // The refusals the target does make still hold alongside weak dependencies.
        assertProblem(minimal().dependency(weak.get(0)).compression(Compression.ZSTD, null),
                "targetRpm el7 (rpm 4.11) cannot read a zstd payload");
    }

    @Test
    void choosesTheCompressionFromTheTarget() throws PackagingException {
        assertEquals(Compression.GZIP, minimal().build().compression());
        assertEquals(Compression.ZSTD, minimal().targetRpm(TargetRpm.EL8).build().compression());
        assertEquals(3, minimal().targetRpm(TargetRpm.EL9).build().compressionLevel());
        assertEquals(Compression.XZ, minimal().compression(Compression.XZ, null).build().compression());
    }

    @Test
    void refusesCompressionLevelsOutOfRange() {
        assertProblem(minimal().compression(Compression.GZIP, 10), "compressionLevel '10'", "1 to 9");
        assertProblem(minimal().targetRpm(TargetRpm.EL8).compression(Compression.ZSTD, 0), "1 to 19");
    }
}

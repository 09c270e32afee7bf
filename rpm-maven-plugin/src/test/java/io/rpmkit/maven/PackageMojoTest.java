package io.rpmkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rpm goal's binding to Maven, run on a project without Maven: the project's defaults reach the
 * package, the package is attached, the user's mistakes are MojoFailureExceptions and I/O failures
 * MojoExecutionExceptions, and a failure is thrown, never also logged. (What the core makes of each
 * setting is tested on requests, in io.rpmkit.request.)
 */
class PackageMojoTest {
    private static final Path PACKAGE = Path.of("demo-1.0.0-1.noarch.rpm");

    @TempDir
    Path dir;

    private MojoHarness<PackageMojo> project() throws Exception {
        MojoHarness<PackageMojo> h = MojoHarness.packageGoal(dir);
        h.file("src/demo.conf", "greeting=${greeting}\nversion=${project.version}\n");
        h.entry("type=template", "path=/etc/demo.conf", "source=src/demo.conf", "flags=config,noreplace");
        h.add("requires", "bash >= 4.0");
        h.scriptlet("phase=post", "script=echo installed");
        return h;
    }

    @Test
    void buildsAndAttachesThePackageWithTheProjectsDefaults() throws Exception {
        MojoHarness<PackageMojo> h = project();
        h.execute();
        Path rpm = dir.resolve("target").resolve(PACKAGE);
        assertEquals(List.of("rpm:null:" + rpm), h.helper.attached);
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            assertEquals(List.of(rpm), files.toList(), "only the package, no temporary file");
        }
        assertEquals(List.of(), h.log.at("WARN"), h.log.text());
        var pkg = io.rpmkit.read.RpmReader.read(rpm);
        assertEquals("Demo package", pkg.summary().orElseThrow());
        assertEquals("Apache-2.0", pkg.license().orElseThrow());
    }

    @Test
    void aMistakeFailsTheBuildAndIsNotLoggedToo() throws Exception {
        MojoHarness<PackageMojo> h = project();
        h.set("compression", "brotli");
        MojoFailureException e = assertThrows(MojoFailureException.class, h::execute);
        assertTrue(e.getMessage().contains("compression 'brotli' is unknown"), e.getMessage());
        assertEquals(List.of(), h.helper.attached);
        assertEquals(List.of(), h.log.lines.stream().filter(l -> l.startsWith("WARN") || l.startsWith("ERROR"))
                .toList());
    }

    @Test
    void anUnwritableOutputIsAnExecutionFailure() throws Exception {
        MojoHarness<PackageMojo> h = project();
        h.file("blocker", "not a directory\n");
        h.set("outputDirectory", "blocker/out");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, h::execute);
        assertTrue(e.getMessage().contains("outputDirectory '" + dir.resolve("blocker/out") + "'"), e.getMessage());
    }

    @Test
    void systemUsersGroupsAndTmpfilesReachThePackage() throws Exception {
        MojoHarness<PackageMojo> h = project();
        SystemUserConfig user = new SystemUserConfig();
        user.name = "demo";
        user.uid = "815";
        user.groups = List.of("data");
        SystemGroupConfig group = new SystemGroupConfig();
        group.name = "data";
        h.add("systemUsers", user).add("systemGroups", group).add("tmpfiles", "d /run/demo 0750 demo demo -");
        h.execute();
        var pkg = io.rpmkit.read.RpmReader.read(dir.resolve("target").resolve(PACKAGE));
        assertEquals(List.of("/etc/demo.conf", "/usr/lib/sysusers.d/demo.conf", "/usr/lib/tmpfiles.d/demo.conf"),
                pkg.files().stream().map(io.rpmkit.read.RpmFile::path).sorted().toList());
        assertTrue(pkg.dependencies(io.rpmkit.format.DependencyKind.PROVIDES).stream()
                .anyMatch(d -> d.name().equals("groupmember(demo/data)")), pkg.toString());
    }

    @Test
    void aBadUidFailsTheBuild() throws Exception {
        MojoHarness<PackageMojo> h = project();
        SystemUserConfig user = new SystemUserConfig();
        user.name = "demo";
        user.uid = "0";
        h.add("systemUsers", user);
        MojoFailureException e = assertThrows(MojoFailureException.class, h::execute);
        assertTrue(e.getMessage().contains("systemUsers[0] 'demo': uid '0' is not a system id"), e.getMessage());
    }

    @Test
    void skipBuildsNothing() throws Exception {
        MojoHarness<PackageMojo> h = project();
        h.set("skip", true);
        h.execute();
        assertTrue(Files.notExists(dir.resolve("target").resolve(PACKAGE)));
        assertEquals(List.of(), h.helper.attached);
    }
}

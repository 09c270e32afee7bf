package io.rpmkit.write;

import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Console;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.request.EntryRequest;
import io.rpmkit.request.GroupRequest;
import io.rpmkit.request.PackageRequest;
import io.rpmkit.request.PackageResolver;
import io.rpmkit.request.ResolvedPackage;
import io.rpmkit.request.TmpfilesRequest;
import io.rpmkit.request.UnitRequest;
import io.rpmkit.request.UserRequest;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RecordingTools;
import io.rpmkit.testing.RpmGeneration;

/**
 * Declared system users and groups judged by the real tools: rpmbuild 4.20 and 6.1 derive the same
 * provides and requires from the same sysusers.d file and owned files; rpm 4.20 and 6.1 create the users
 * from them before they unpack the files (el10 target); rpm 4.18 runs the generated %pre (el9 target) through install,
 * upgrade and erase with recording stand-ins for getent, groupadd, useradd and usermod, next to the
 * generated systemd and tmpfiles.d commands; shellcheck finds nothing in the generated scripts.
 */
class SystemUsersRealRpmTest {
    /** One of each sysusers.d form: u with a fixed uid, u with '-', u with uid:group, g with and without gid, m. */
    private static final List<UserRequest> USERS = List.of(
            new UserRequest("hello", "815", null, "Hello service", "/var/lib/hello", "/sbin/nologin",
                    List.of("data")),
            new UserRequest("helper", null, null, "Hello helper", null, null, List.of()),
            new UserRequest("worker", "817", "data", null, "/var/lib/worker", null, List.of()));
    private static final List<GroupRequest> GROUPS = List.of(new GroupRequest("data", "816"),
            new GroupRequest("spool", null));
    /** Flag bits that only say who wrote a dependency: a generator (rpmbuild) or the spec (us). */
    private static final int FOUND_BY_GENERATOR = (1 << 14) | (1 << 15);

    @TempDir
    Path dir;

    /** A sysusers.d file shipped as a plain entry, which rpmbuild's generator reads as well. */
    private static final String SHIPPED = String.join("\n", "# more accounts, shipped as a file",
            "u! locked 830 \"Locked  account\"", "g extragrp 900", "  m locked extragrp", "r - 500-900", "", "x", "");

    private ResolvedPackage resolve(String target, String release, List<UserRequest> users, boolean service)
            throws Exception {
        return resolve(target, release, users, service, false);
    }

    private ResolvedPackage resolve(String target, String release, List<UserRequest> users, boolean service,
            boolean shipped) throws Exception {
        Path state = Files.writeString(dir.resolve("state"), "state\n");
        Path unit = Files.writeString(dir.resolve("hello.service"), "[Service]\nExecStart=/bin/true\nUser=hello\n");
        List<EntryRequest> entries = new ArrayList<>(List.of(
                entry("dir", "/var/lib/hello", null, "0750", "hello", "hello"),
                entry("file", "/var/lib/hello/state", state, "0640", "hello", "hello"),
                entry("file", "/etc/hello-secret", state, "0640", "root", "data")));
        PackageRequest.Builder request = PackageRequest.builder().name("hello").version("1.0").release(release)
                .summary("Hello").license("MIT").targetRpm(target)
                .buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH)
                .systemUsers(users, GROUPS);
        if (shipped) {
            entries.add(entry("file", "/usr/lib/sysusers.d/extra.conf", Files.writeString(dir.resolve("extra.conf"),
                    SHIPPED), null, null, null));
        }
        if (service) {
            entries.add(entry("file", "/usr/lib/systemd/system/hello.service", unit, null, null, null));
            request.systemdUnits(List.of(new UnitRequest("hello.service", null)))
                    .tmpfiles(new TmpfilesRequest(List.of("d /run/hello 0750 hello hello -"), null));
        }
        return PackageResolver.resolve(request.entries(entries).build(), Console.SILENT);
    }

    private Path build(String target, String release, List<UserRequest> users, boolean service) throws Exception {
        return write(resolve(target, release, users, service), target, release);
    }

    private Path write(ResolvedPackage pkg, String target, String release) throws Exception {
        Path rpm = Files.createDirectories(dir.resolve(target + "-" + release)).resolve(pkg.fileName());
        new RpmWriter(Console.SILENT).write(pkg.spec(), rpm);
        return rpm;
    }

    private static EntryRequest entry(String type, String path, Path source, String mode, String user, String group) {
        return new EntryRequest(type, path, source, null, mode, null, user, group, null, null, null, null, null, null,
                null, null);
    }

    /** rpmbuild 4.20 (trixie) and 6.1 (sid); rpmbuild 4.18 has no sysusers generator to compare with. */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_20", "RPM_6_1"})
    void rpmbuildDerivesTheSameProvidesAndRequiresFromTheSameFiles(RpmGeneration generation) throws Exception {
        generation.requireTool("rpmbuild");
        ResolvedPackage pkg = resolve("el10", "1", USERS, false, true);
        Path ours = write(pkg, "el10", "1");
        Path work = generation.workDir(dir);
        Files.write(work.resolve("hello.conf"), sysusersFile(pkg));
        String source = generation.path(work.resolve("hello.conf"));
        Files.writeString(work.resolve("extra.conf"), SHIPPED);
        String extra = generation.path(work.resolve("extra.conf"));
        Path spec = Files.writeString(work.resolve("hello.spec"), String.join("\n",
                "Name: hello", "Version: 1.0", "Release: 1", "Summary: Hello", "License: MIT", "BuildArch: noarch",
                "%description", "Hello", "%install",
                "mkdir -p %{buildroot}/usr/lib/sysusers.d %{buildroot}/var/lib/hello %{buildroot}/etc",
                "cp " + source + " %{buildroot}/usr/lib/sysusers.d/hello.conf",
                "cp " + extra + " %{buildroot}/usr/lib/sysusers.d/extra.conf",
                "echo state > %{buildroot}/var/lib/hello/state", "echo state > %{buildroot}/etc/hello-secret",
                "%files", "/usr/lib/sysusers.d/hello.conf", "/usr/lib/sysusers.d/extra.conf",
                "%dir %attr(0750,hello,hello) /var/lib/hello",
                "%attr(0640,hello,hello) /var/lib/hello/state", "%attr(0640,root,data) /etc/hello-secret", ""));
        String top = generation.path(Files.createDirectories(work.resolve("top")));
        generation.ok("rpmbuild", "--quiet", "--define", "_topdir " + top, "-bb", generation.path(spec));
        Path theirs;
        try (var found = Files.walk(work.resolve("top/RPMS"))) {
            theirs = found.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        for (String kind : List.of("PROVIDE", "REQUIRE")) {
            String format = "[%{" + kind + "NAME}|%{" + kind + "FLAGS}|%{" + kind + "VERSION}\\n]";
            assertEquals(dependencies(generation.query(theirs, format)), dependencies(generation.query(ours, format)),
                    kind + "S of rpmbuild " + generation.version() + " (left) and ours (right), rpmlib() aside");
        }
        assertTrue(generation.query(ours, "[%{REQUIRENAME} %{REQUIREFLAGS:deptype}\\n]")
                .contains("user(hello) pre,postun"),
                "the owners are required before install and until erase");
        assertTrue(generation.query(ours, "[%{PROVIDENAME}\\n]").contains("groupmember(locked/extragrp)"),
                "the shipped file's lines are provided too");
    }

    /** name|flags|version lines without rpmlib(), the generator bits masked, sorted. */
    private static TreeSet<String> dependencies(String query) {
        TreeSet<String> lines = new TreeSet<>();
        for (String line : query.strip().split("\n")) {
            String[] fields = line.split("\\|", -1);
            if (!fields[0].startsWith("rpmlib(")) {
                lines.add(fields[0] + "|" + (Integer.parseInt(fields[1]) & ~FOUND_BY_GENERATOR) + "|" + fields[2]);
            }
        }
        return lines;
    }

    private static byte[] sysusersFile(ResolvedPackage pkg) throws Exception {
        Entry entry = pkg.spec().entries().stream().filter(e -> e.path().equals("/usr/lib/sysusers.d/hello.conf"))
                .findFirst().orElseThrow();
        try (InputStream in = entry.content().open()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_20", "RPM_6_1"})
    void rpmCreatesTheUsersBeforeItUnpacksTheirFiles(RpmGeneration generation) throws Exception {
        UserRequest hello = USERS.get(0);
        List<UserRequest> users = List.of(new UserRequest(hello.name(), hello.uid(), null, hello.gecos(), hello.home(),
                hello.shell(), List.of()), USERS.get(1), USERS.get(2));
        RealRpm.Root root = install(generation, build("el10", "1", users, false));
        Map<String, String[]> passwd = entries(root.dir().resolve("etc/passwd"));
        Map<String, String[]> group = entries(root.dir().resolve("etc/group"));
        // The user's own group gets the uid as gid only where that gid is free: sysusers.sh made spool first.
        String helloGid = group.get("hello")[2];
        assertEquals(List.of("hello", "815", helloGid, "Hello service", "/var/lib/hello", "/sbin/nologin"),
                fields(passwd.get("hello")));
        assertEquals(List.of("worker", "817", "816", "", "/var/lib/worker", "/sbin/nologin"),
                fields(passwd.get("worker")));
        assertEquals("Hello helper", passwd.get("helper")[4]);
        assertEquals("816", group.get("data")[2]);
        assertTrue(group.containsKey("spool") && group.containsKey("helper"), String.join(",", group.keySet()));
        assertEquals("815:" + helloGid, owner(root, "var/lib/hello/state"));
        assertEquals("815:" + helloGid, owner(root, "var/lib/hello"));
        assertEquals("0:816", owner(root, "etc/hello-secret"));
    }

    /**
     * Debian's rpm 4.20 and 6.1 hand the lines to its own sysusers.sh in the provides' sorted order, so the
     * membership (groupmember()) creates the user before its u line does, with a uid from the range; the
     * membership itself holds. systemd-sysusers, which Fedora's rpm calls, orders the lines itself.
     */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_20", "RPM_6_1"})
    void rpmAddsTheMembership(RpmGeneration generation) throws Exception {
        RealRpm.Root root = install(generation, build("el10", "1", USERS, false));
        Map<String, String[]> group = entries(root.dir().resolve("etc/group"));
        assertEquals("hello", group.get("data")[3]);
        assertTrue(entries(root.dir().resolve("etc/passwd")).containsKey("hello"));
    }

    /**
     * A package whose file belongs to the user of another, in one transaction: its {@code Requires(pre):
     * user(hello)} orders the user's package first, so the file gets its owner. rpm installs unrelated
     * packages of one command last first: without the requires (autoDependencies false) this order
     * fails with "user hello does not exist - using root" on both generations.
     */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_20", "RPM_6_1"})
    void aPackageNeedingTheUserIsInstalledAfterTheOneThatCreatesIt(RpmGeneration generation) throws Exception {
        Path state = Files.writeString(dir.resolve("plugin-state"), "plugin\n");
        ResolvedPackage plugin = PackageResolver.resolve(PackageRequest.builder().name("hello-plugin").version("1.0")
                .summary("Plugin").license("MIT").targetRpm("el10").buildTime("2026-11-24T00:00:00Z", null,
                        Instant.EPOCH)
                .entries(List.of(entry("file", "/var/lib/hello-plugin.state", state, "0640", "hello", "hello")))
                .build(), Console.SILENT);
        Path pluginRpm = write(plugin, "plugin", "1");
        UserRequest hello = USERS.get(0);
        Path helloRpm = build("el10", "1", List.of(new UserRequest(hello.name(), hello.uid(), null, hello.gecos(),
                hello.home(), hello.shell(), List.of())), false);
        RealRpm.Root root = install(generation, helloRpm, pluginRpm);
        assertEquals("815", owner(root, "var/lib/hello-plugin.state").split(":")[0]);
    }

    /**
     * rpm runs the sysusers helper from outside the install root (rpm's users_and_groups.md), and
     * Debian's sysusers.sh reads its input through /dev/fd, which needs /proc in the Debian root: it is
     * mounted in a private mount namespace, gone with the command. Without the mount the users are
     * silently not created ("user hello does not exist - using root"). No --nodeps: the package's own
     * provides satisfy the requires on its users, groups and memberships.
     */
    private RealRpm.Root install(RpmGeneration generation, Path... rpms) throws Exception {
        generation.require();
        requireTool("unshare");
        RealRpm.Root root = generation.newRoot(dir.resolve("root"));
        Files.createDirectories(root.dir().resolve("etc"));
        Files.writeString(root.dir().resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.dir().resolve("etc/group"), "root:x:0:\n");
        String script = "root=$1; target=$2; shift 2; mount -t proc proc \"$root/proc\""
                + " && exec chroot \"$root\" rpm --root \"$target\" --dbpath /var/lib/rpm \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script, "sh", generation.root().toString(), generation.path(root.dir()), "-i"));
        for (Path rpm : rpms) {
            command.add(generation.path(rpm));
        }
        RealRpm.Result result = RealRpm.run(command);
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("does not exist"), result.output());
        return root;
    }

    private static Map<String, String[]> entries(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(line -> line.split(":", -1))
                .collect(Collectors.toMap(fields -> fields[0], fields -> fields));
    }

    /** A passwd line's fields without the password. */
    private static List<String> fields(String[] passwd) {
        return List.of(passwd[0], passwd[2], passwd[3], passwd[4], passwd[5], passwd[6]);
    }

    private static String owner(RealRpm.Root root, String path) throws Exception {
        return RealRpm.ok("stat", "-c", "%u:%g", root.dir().resolve(path).toString()).strip();
    }

    @Test
    void rpm418InstallUpgradeAndEraseRunWhatFedorasMacrosWould() throws Exception {
        requireTool("rpm");
        Path first = build("el9", "1", USERS, true);
        Path second = build("el9", "2", USERS, true);
        RealRpm.Root root = new RealRpm.Root(dir.resolve("root")).withShell();
        standIns(root);
        int[] seen = {0};
        root.rpmOk("-i", "--nodeps", first.toString());
        assertEquals(List.of(
                "getent group data", "groupadd -f -g 816 -r data",
                "getent group spool", "groupadd -f -r spool",
                "getent group hello", "groupadd -f -g 815 -r hello",
                "getent passwd hello", "getent passwd 815",
                "useradd -r -u 815 -g hello -d /var/lib/hello -s /sbin/nologin -c 'Hello service' hello",
                "getent group helper", "groupadd -f -r helper",
                "getent passwd helper", "useradd -r -g helper -d / -s /sbin/nologin -c 'Hello helper' helper",
                "getent passwd worker", "getent passwd 817",
                "useradd -r -u 817 -g data -d /var/lib/worker -s /sbin/nologin worker",
                "getent group data", "usermod -a -G data hello",
                "systemd-tmpfiles --create hello.conf",
                "systemctl --no-reload preset hello.service"), commandsSince(root, seen),
                "first install: %pre creates groups, users and the membership; %post applies tmpfiles.d, then presets");
        assertEquals("815:815", owner(root, "var/lib/hello/state"), "unpacked after %pre made the user");
        assertEquals("0:816", owner(root, "etc/hello-secret"));
        root.rpmOk("-U", "--nodeps", second.toString());
        assertEquals(List.of("getent group data", "getent group spool", "getent group hello", "getent passwd hello",
                "getent group helper", "getent passwd helper", "getent passwd worker", "getent group data",
                "systemd-tmpfiles --create hello.conf", "systemctl daemon-reload",
                "systemctl try-restart hello.service"),
                commandsSince(root, seen), "upgrade: what exists is left alone");
        root.rpmOk("-e", "hello");
        assertEquals(List.of("systemctl --no-reload disable --now hello.service", "systemctl daemon-reload"),
                commandsSince(root, seen), "erase: users and groups stay, as Fedora's guidelines ask");
        assertTrue(Files.readString(root.dir().resolve("etc/passwd")).contains("hello:x:815:815:"));
    }

    private static void standIns(RealRpm.Root root) throws Exception {
        RecordingTools.install(root);
    }

    private static List<String> commandsSince(RealRpm.Root root, int[] seen) throws Exception {
        return RecordingTools.commandsSince(root, seen);
    }

    @Test
    void everyScriptletSucceedsWithoutSystemdTmpfiles() throws Exception {
        requireTool("rpm");
        RealRpm.Root root = new RealRpm.Root(dir.resolve("bare")).withShell();
        standIns(root);
        Files.delete(root.dir().resolve("usr/bin/systemd-tmpfiles"));
        root.rpmOk("-i", "--nodeps", build("el9", "1", USERS, true).toString());
        assertFalse(Files.readString(root.dir().resolve("commands.log")).contains("systemd-tmpfiles"));
    }

    @Test
    void aFailingUseraddFailsTheInstallInsteadOfUnpackingFilesOwnedByRoot() throws Exception {
        requireTool("rpm");
        RealRpm.Root root = new RealRpm.Root(dir.resolve("failing")).withShell();
        standIns(root);
        Files.writeString(root.dir().resolve("usr/sbin/useradd"), "#!/bin/sh\nexit 1\n");
        RealRpm.Result result = root.rpm("-i", "--nodeps", build("el9", "1", USERS, true).toString());
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("scriptlet failed"), result.output());
        assertFalse(Files.exists(root.dir().resolve("var/lib/hello/state")), "nothing unpacked");
        assertNotEquals(0, root.rpm("-q", "hello").exitCode(), "not installed");
    }

    @Test
    void shellcheckFindsNothingInTheGeneratedScripts() throws Exception {
        requireTool("shellcheck");
        for (Scriptlet scriptlet : resolve("el9", "1", USERS, true).spec().scriptlets()) {
            Path script = Files.writeString(dir.resolve(scriptlet.phase().settingName() + ".sh"),
                    "#!/bin/sh\n" + scriptlet.body() + "\n", StandardCharsets.UTF_8);
            RealRpm.Result result = RealRpm.run("shellcheck", "-s", "sh", script.toString());
            assertEquals(0, result.exitCode(), scriptlet.phase() + ":\n" + result.output());
        }
        assertTrue(resolve("el9", "1", USERS, true).spec().scriptlets().stream()
                .anyMatch(s -> s.phase() == ScriptletPhase.PRE && s.body().contains("useradd -r")));
    }
}

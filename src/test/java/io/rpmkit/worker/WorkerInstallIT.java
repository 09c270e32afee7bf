package io.rpmkit.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * The real rpm installs, verifies, upgrades and erases tectonic-worker in a throwaway root, where
 * recording stand-ins for systemctl and firewall-cmd show which commands the scriptlets ran; with
 * rpm 4.18 (the host's), 4.20 and 6.1 (in the Debian roots .ci/rpm-roots caches).
 */
class WorkerInstallIT {
    static final Path UPGRADE_RPM = Path.of(System.getProperty("tectonic.upgrade.rpm",
            "target/upgrade-test/tectonic-worker-1.8.9-2.noarch.rpm"));
    static final String SYSCONFIG = "etc/sysconfig/tectonic-worker";

    @TempDir
    Path dir;

    /** A root with a shell, the rkt-admin group, and stand-ins that log their arguments to /commands.log. */
    private RealRpm.Root root(RpmGeneration generation, boolean systemdRunning, boolean standIns) throws Exception {
        RealRpm.Root root = generation.newRoot(dir.resolve("root")).withShell();
        Path etc = Files.createDirectories(root.dir().resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nrkt-admin:x:990:\n");
        if (systemdRunning) {
            Files.createDirectories(root.dir().resolve("run/systemd/system"));
        }
        if (standIns) {
            Path bin = Files.createDirectories(root.dir().resolve("usr/bin"));
            standIn(bin.resolve("systemctl"), "echo \"systemctl $*\" >> /commands.log");
            // firewalld is running: --state succeeds.
            standIn(bin.resolve("firewall-cmd"), "echo \"firewall-cmd $*\" >> /commands.log");
        }
        return root;
    }

    private static void standIn(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Each call returns the commands logged since the last one. */
    private static List<String> commandsSince(RealRpm.Root root, int[] seen) throws Exception {
        Path log = root.dir().resolve("commands.log");
        List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
        List<String> fresh = all.subList(seen[0], all.size());
        seen[0] = all.size();
        return List.copyOf(fresh);
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void scriptletsFollowTheSystemdMacros(RpmGeneration generation) throws Exception {
        generation.require();
        RealRpm.Root root = root(generation, true, true);
        int[] seen = {0};

        root.rpmOk("-i", "--nodeps", generation.path(WorkerPackageIT.RPM));
        assertEquals(List.of(
                "systemctl --no-reload preset kubelet.path kubelet.service wait-for-dns.service",
                "firewall-cmd --state",
                "firewall-cmd --reload"), commandsSince(root, seen), "first install: presets and a firewalld reload");

        root.rpmOk("-U", "--nodeps", generation.path(UPGRADE_RPM));
        assertEquals(List.of(
                "firewall-cmd --state",
                "firewall-cmd --reload",
                "systemctl daemon-reload",
                "firewall-cmd --state",
                "firewall-cmd --reload"), commandsSince(root, seen),
                "upgrade: no preset, no disable, no restart; daemon-reload after the old package's removal");

        root.rpmOk("-e", "tectonic-worker");
        List<String> erase = commandsSince(root, seen);
        assertEquals(List.of(
                "systemctl --no-reload disable --now kubelet.path kubelet.service wait-for-dns.service",
                "systemctl daemon-reload",
                "firewall-cmd --state",
                "firewall-cmd --reload"), erase, "erase: disable and stop, then daemon-reload");
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void everyScriptletSucceedsWithoutSystemdOrFirewalld(RpmGeneration generation) throws Exception {
        generation.require();
        RealRpm.Root root = root(generation, false, false);
        for (List<String> step : List.of(List.of("-i", "--nodeps", generation.path(WorkerPackageIT.RPM)),
                List.of("-U", "--nodeps", generation.path(UPGRADE_RPM)), List.of("-e", "tectonic-worker"))) {
            RealRpm.Result result = root.rpm(step.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.output());
            assertFalse(result.output().contains("scriptlet failed"), result.output());
        }
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void installsVerifiesKeepsTheAdminsEditsAndErasesCleanly(RpmGeneration generation) throws Exception {
        generation.require();
        RealRpm.Root root = root(generation, true, true);
        assertEquals("", stripAlienNotice(root.rpmOk("-i", "--nodeps", generation.path(WorkerPackageIT.RPM))));
        assertEquals("", root.rpmOk("-V", "--nodeps", "tectonic-worker"), "rpm -V is clean after install");
        assertEquals(990, Files.getAttribute(root.dir().resolve("etc/rkt/trustedkeys/prefix.d/quay.io"), "unix:gid"),
                "owned by the root's rkt-admin group");
        assertFalse(Files.exists(root.dir().resolve("etc/kubernetes/kubeconfig")), "the kubeconfig is the admin's");

        Path sysconfig = root.dir().resolve(SYSCONFIG);
        String edited = Files.readString(sysconfig).replace("KUBERNETES_DNS_SERVICE_IP=\n",
                "KUBERNETES_DNS_SERVICE_IP=10.3.0.10\n");
        Files.writeString(sysconfig, edited);
        assertEquals("S.5....T.  c /" + SYSCONFIG + "\n", root.rpm("-V", "--nodeps", "tectonic-worker").output(),
                "rpm -V reports the admin's edit as a changed config file");

        root.rpmOk("-U", "--nodeps", generation.path(UPGRADE_RPM));
        assertEquals("tectonic-worker-1.8.9-2.noarch\n", root.rpmOk("-q", "tectonic-worker"));
        assertEquals(edited, Files.readString(sysconfig), "the upgrade keeps the admin's values");
        assertEquals(List.of(), leftovers(root.dir(), ".rpmnew"),
                "no .rpmnew: the shipped sysconfig did not change between releases");

        root.rpmOk("-e", "tectonic-worker");
        assertEquals(List.of("/" + SYSCONFIG + ".rpmsave"), leftovers(root.dir(), ".rpmsave"));
        assertEquals(edited, Files.readString(root.dir().resolve(SYSCONFIG + ".rpmsave")));
        for (String gone : List.of("usr/lib/coreos", "etc/kubernetes", "usr/lib/systemd/system/kubelet.service",
                "usr/lib/firewalld/services/tectonic-worker.xml", "etc/rkt/trustedkeys/prefix.d/quay.io",
                "usr/share/doc/tectonic-worker", SYSCONFIG)) {
            assertFalse(Files.exists(root.dir().resolve(gone)), gone + " is removed on erase");
        }
        assertTrue(Files.isDirectory(root.dir().resolve("etc/sysconfig")), "a directory the package never owned stays");
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsTheDigests(RpmGeneration generation) throws Exception {
        generation.require();
        String check = generation.ok("rpm", "-Kv", "--nosignature", generation.path(WorkerPackageIT.RPM));
        assertFalse(check.contains("BAD") || check.contains("NOTFOUND"), check);
    }

    /**
     * rpmlint 2.4 (the host's), 2.7 (trixie's) and 2.8 (sid's): the newer two come with an English
     * dictionary, whose spelling findings on Kubernetes' own words the filters cover with their reason.
     */
    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmlintFindsOnlyFilteredErrors(RpmGeneration generation) throws Exception {
        generation.requireTool("rpmlint");
        RealRpm.Result lint = generation.run("rpmlint", "-c", generation.path(Path.of("rpmlint-filters.toml")),
                generation.path(WorkerPackageIT.RPM));
        assertTrue(lint.output().contains(" 0 errors"), generation + ":\n" + lint.output());
    }

    /**
     * Debian's rpm warns on every install that Debian prefers alien; harmless, and not ours. Debian
     * sid's rpm 6.1 enables the unshare plugin (private /tmp and /home for scriptlets), which under
     * {@code --root} warns "private mounts in chroot not implemented" and runs them anyway.
     */
    private static String stripAlienNotice(String output) {
        return output.lines().filter(l -> !l.contains("use Alien instead") && !l.contains("assuming you know what")
                && !l.equals("warning: private mounts in chroot not implemented"))
                .map(l -> l + "\n")
                .reduce("", String::concat);
    }

    private static List<String> leftovers(Path root, String suffix) throws Exception {
        try (Stream<Path> walk = Files.walk(root.resolve("etc"))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).map(p -> "/" + root.relativize(p)).sorted().toList();
        }
    }
}

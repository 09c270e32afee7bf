package io.rpmkit.worker;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the files that go into the tectonic-worker package with the tools that will read
 * them: shellcheck, bash and busybox sh, {@code systemd-analyze verify} and firewalld's own
 * service reader. A missing tool skips its checks loudly (CI has them all).
 */
class WorkerFilesTest {

    private static final Path RPM = Path.of("src/rpm");
    private static final Path WRAPPER = RPM.resolve("coreos/kubelet-wrapper");
    private static final Path PREFLIGHT = RPM.resolve("coreos/kubelet-wrapper-preflight.sh");
    private static final Path UNITS = RPM.resolve("systemd");
    private static final List<String> UNIT_NAMES =
            List.of("kubelet.service", "kubelet.path", "wait-for-dns.service");
    /** The hand-written parts; the plugin generates the systemd commands before them (systemdUnits). */
    private static final List<String> SCRIPTLETS = List.of("post.sh", "postun.sh");
    private static final Path FIREWALLD_SERVICE = RPM.resolve("firewalld/tectonic-worker.xml");
    private static final String PYTHON = "/usr/bin/python3"; // another python lacks firewalld's module

    @TempDir
    Path tmp;

    @Nested
    class Shellcheck {

        @Test
        void acceptsTheBashScripts() throws Exception {
            String shellcheck = requireTool("shellcheck");
            for (Path script : List.of(WRAPPER, PREFLIGHT)) {
                Run run = run(List.of(shellcheck, script.toString()), Map.of());
                assertEquals(0, run.exit(), () -> script + ":\n" + run.out());
            }
        }

        @Test
        void acceptsTheScriptletsAsPosixSh() throws Exception {
            String shellcheck = requireTool("shellcheck");
            for (String name : SCRIPTLETS) {
                Path script = RPM.resolve("scriptlets").resolve(name);
                Run run = run(List.of(shellcheck, "-s", "sh", script.toString()), Map.of());
                assertEquals(0, run.exit(), () -> script + ":\n" + run.out());
            }
        }
    }

    @Nested
    class Scriptlets {

        private final boolean systemdRuns = Files.isDirectory(Path.of("/run/systemd/system"));

        @Test
        void postAndPostunReloadARunningFirewalld() throws Exception {
            for (String instances : List.of("1", "2")) {
                assertEquals(List.of("firewall-cmd --state", "firewall-cmd --reload"),
                        scriptlet("post.sh", instances, true), "post " + instances);
                assertEquals(List.of("firewall-cmd --state"), scriptlet("post.sh", instances, false),
                        "post " + instances + " without firewalld");
            }
            assertEquals(List.of("firewall-cmd --state", "firewall-cmd --reload"), scriptlet("postun.sh", "1", true),
                    "postun on upgrade");
            assertEquals(List.of("firewall-cmd --state", "firewall-cmd --reload"), scriptlet("postun.sh", "0", true),
                    "postun on erase, no zone using the service");
        }

        @Test
        void theHandWrittenPartsLeaveSystemdToTheGeneratedCommands() throws Exception {
            for (String name : SCRIPTLETS) {
                for (String arg : List.of("0", "1", "2")) {
                    assertTrue(scriptlet(name, arg, true).stream().noneMatch(call -> call.startsWith("systemctl")),
                            name + " " + arg + " calls systemctl itself");
                }
            }
        }

        @Test
        void succeedWhenSystemctlAndFirewallCmdFailOrAreAbsent() throws Exception {
            String busybox = requireTool("busybox");
            Path empty = Files.createDirectories(tmp.resolve("empty-path"));
            Path failing = Files.createDirectories(tmp.resolve("failing-path"));
            for (String tool : List.of("systemctl", "firewall-cmd")) {
                executable(failing.resolve(tool), "#!/bin/sh\necho \"$0: not running\" >&2\nexit 1\n");
            }
            for (String name : SCRIPTLETS) {
                for (String arg : List.of("0", "1", "2")) {
                    for (Path path : List.of(empty, failing)) {
                        Run run = run(List.of(busybox, "sh", RPM.resolve("scriptlets").resolve(name).toString(), arg),
                                Map.of("PATH", path.toString()));
                        assertEquals(0, run.exit(), () -> name + " " + arg + " with PATH=" + path + ":\n" + run.out());
                    }
                }
            }
        }

        /** Runs a scriptlet under busybox sh with recording stand-ins; returns their calls. */
        private List<String> scriptlet(String name, String arg, boolean firewalldRuns) throws Exception {
            String busybox = requireTool("busybox");
            Path bin = Files.createDirectories(tmp.resolve("bin-" + name + "-" + arg + "-" + firewalldRuns));
            Path log = bin.resolve("calls.log");
            String record = "#!/bin/sh\necho \"${0##*/} $*\" >> '" + log + "'\n";
            executable(bin.resolve("systemctl"), record);
            executable(bin.resolve("firewall-cmd"), record
                    + "[ \"$1\" != --state ] || exit " + (firewalldRuns ? 0 : 252) + "\n");
            Run run = run(List.of(busybox, "sh", RPM.resolve("scriptlets").resolve(name).toString(), arg),
                    Map.of("PATH", bin + ":/usr/bin:/bin"));
            assertEquals(0, run.exit(), () -> name + " " + arg + ":\n" + run.out());
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        }
    }

    @Nested
    class SystemdUnits {

        /** What the units run from other packages, at their paths on RHEL 7 (bash, coreutils, rkt). */
        private static final List<String> HOST_EXECUTABLES = List.of("/usr/bin/bash", "/usr/bin/mkdir", "/usr/bin/rkt");

        @Test
        void systemdAnalyzeVerifiesThem() throws Exception {
            String problems = verify(unitRoot("shipped", Map.of()));
            assertEquals("", problems, "systemd-analyze verify");
        }

        @Test
        void systemdAnalyzeRejectsBrokenCopies() throws Exception {
            record Broken(String why, String unit, String from, String to) {}
            for (Broken broken : List.of(
                    new Broken("missing wrapper", "kubelet.service",
                            "ExecStart=/usr/lib/coreos/kubelet-wrapper ", "ExecStart=/usr/lib/coreos/kubelet-wrappr "),
                    new Broken("bad RestartSec", "kubelet.service", "RestartSec=5", "RestartSec=five"),
                    new Broken("missing preflight", "kubelet.service",
                            "ExecStartPre=/usr/lib/coreos/kubelet-wrapper-preflight.sh",
                            "ExecStartPre=/usr/lib/coreos/kubelet-preflight.sh"),
                    new Broken("misspelt PathExists", "kubelet.path", "PathExists=", "PathExits="),
                    new Broken("no ExecStart", "wait-for-dns.service", "ExecStart=", "ExecStrat="))) {
                String text = readUnit(broken.unit());
                assertTrue(text.contains(broken.from()), broken.why() + ": nothing to break");
                Path root = unitRoot(broken.why().replace(' ', '-'),
                        Map.of(broken.unit(), text.replace(broken.from(), broken.to())));
                assertFalse(verify(root).isEmpty(), broken.why() + ": accepted by systemd-analyze verify");
            }
        }

        @Test
        void everyCommandIsShippedOrFromTheHost() throws Exception {
            // verify looks at the first command of each Exec*= kind only; this looks at all.
            for (String name : UNIT_NAMES) {
                for (Map.Entry<String, List<String>> entry : parseUnit(UNITS.resolve(name)).entrySet()) {
                    if (!entry.getKey().startsWith("Service.Exec")) {
                        continue;
                    }
                    for (String command : entry.getValue()) {
                        String executable = command.replaceFirst("^[-@:+!]+", "").split("\\s+")[0];
                        boolean ours = executable.equals("/usr/lib/coreos/" + WRAPPER.getFileName())
                                || executable.equals("/usr/lib/coreos/" + PREFLIGHT.getFileName());
                        assertTrue(ours || HOST_EXECUTABLES.contains(executable),
                                name + " " + entry.getKey() + " runs an unknown " + executable);
                    }
                }
            }
        }

        @Test
        void kubeletServiceRunsTheWrapperWithTheWorkerFlags() throws Exception {
            Map<String, List<String>> unit = parseUnit(UNITS.resolve("kubelet.service"));
            List<String> execStart = unit.get("Service.ExecStart");
            assertEquals(1, execStart.size());
            List<String> words = Arrays.asList(execStart.get(0).trim().split("\\s+"));
            assertEquals("/usr/lib/coreos/kubelet-wrapper", words.get(0));
            assertEquals(List.of(
                    "--kubeconfig=/etc/kubernetes/kubeconfig",
                    "--require-kubeconfig",
                    "--client-ca-file=/etc/kubernetes/ca.crt",
                    "--anonymous-auth=false",
                    "--network-plugin=cni",
                    "--cni-conf-dir=/etc/kubernetes/cni/net.d",
                    "--lock-file=/var/run/lock/kubelet.lock",
                    "--exit-on-lock-contention",
                    "--pod-manifest-path=/etc/kubernetes/manifests",
                    "--allow-privileged",
                    "--cgroup-driver=systemd",
                    "--hostname-override=%H",
                    "--node-labels=node-role.kubernetes.io/node",
                    "--cluster-dns=${KUBERNETES_DNS_SERVICE_IP}",
                    "--cluster-domain=${CLUSTER_DOMAIN}"), words.subList(1, words.size()));
            assertAll(
                    () -> assertEquals(List.of("wait-for-dns.service"), unit.get("Unit.Requires")),
                    () -> assertTrue(unit.get("Unit.After").contains("wait-for-dns.service")),
                    () -> assertEquals(List.of("/etc/kubernetes/kubelet.env", "-/etc/sysconfig/tectonic-worker"),
                            unit.get("Service.EnvironmentFile")),
                    () -> assertEquals(List.of("always"), unit.get("Service.Restart")),
                    () -> assertEquals(List.of("5"), unit.get("Service.RestartSec")),
                    () -> assertEquals(List.of("-/usr/bin/rkt stop --uuid-file=/var/run/kubelet-pod.uuid"),
                            unit.get("Service.ExecStop")),
                    () -> assertEquals(List.of("multi-user.target"), unit.get("Install.WantedBy")));
            List<String> pre = unit.get("Service.ExecStartPre");
            assertEquals("/usr/lib/coreos/kubelet-wrapper-preflight.sh", pre.get(0), "preflight first");
            assertEquals(List.of("/usr/bin/mkdir", "--parents", "/etc/kubernetes/manifests",
                    "/etc/kubernetes/cni/net.d", "/etc/kubernetes/checkpoint-secrets",
                    "/etc/kubernetes/inactive-manifests", "/var/lib/cni"),
                    Arrays.asList(pre.get(1).trim().split("\\s+")));
            assertTrue(pre.contains("-/usr/bin/rkt rm --uuid-file=/var/run/kubelet-pod.uuid"), pre::toString);
        }

        @Test
        void kubeletServiceWritesTheClusterCaFromTheKubeconfig() throws Exception {
            String bash = requireTool("bash");
            String command = parseUnit(UNITS.resolve("kubelet.service")).get("Service.ExecStartPre").stream()
                    .filter(c -> c.contains("ca.crt")).findFirst().orElseThrow();
            assertTrue(command.startsWith("/usr/bin/bash -c '") && command.endsWith("'"), command);
            String script = command.substring(command.indexOf('\'') + 1, command.length() - 1);
            // systemd would expand these; the script must not need them escaped.
            assertFalse(script.contains("$") || script.contains("%") || script.contains("\\"), script);

            Path etc = Files.createDirectories(tmp.resolve("etc-kubernetes"));
            String ca = "-----BEGIN CERTIFICATE-----\nMIIC+test\n-----END CERTIFICATE-----\n";
            Files.writeString(etc.resolve("kubeconfig"), "apiVersion: v1\nclusters:\n- cluster:\n"
                    + "    certificate-authority-data: "
                    + Base64.getEncoder().encodeToString(ca.getBytes(StandardCharsets.US_ASCII))
                    + "\n    server: https://cluster.example:443\n  name: tectonic\n");
            String local = script.replace("/etc/kubernetes/", etc + "/");
            Run run = run(List.of(bash, "-c", local), Map.of());
            assertEquals(0, run.exit(), run::out);
            assertEquals(ca, Files.readString(etc.resolve("ca.crt")));

            Files.writeString(etc.resolve("kubeconfig"), "apiVersion: v1\nclusters: []\n");
            assertNotEquals(0, run(List.of(bash, "-c", local), Map.of()).exit(), "no CA in the kubeconfig");
        }

        @Test
        void kubeletPathAndWaitForDnsHoldTheKubeletBack() throws Exception {
            Map<String, List<String>> path = parseUnit(UNITS.resolve("kubelet.path"));
            Map<String, List<String>> dns = parseUnit(UNITS.resolve("wait-for-dns.service"));
            assertAll(
                    () -> assertEquals(List.of("/etc/kubernetes/kubeconfig"), path.get("Path.PathExists")),
                    () -> assertEquals(List.of("multi-user.target"), path.get("Install.WantedBy")),
                    () -> assertEquals(List.of("oneshot"), dns.get("Service.Type")),
                    () -> assertEquals(List.of("yes"), dns.get("Service.RemainAfterExit")),
                    () -> assertEquals(List.of("kubelet.service"), dns.get("Unit.Before")),
                    () -> assertEquals(List.of("kubelet.service"), dns.get("Install.RequiredBy")));
        }

        @Test
        void waitForDnsReturnsOnlyOnceResolvConfNamesAServer() throws Exception {
            String bash = requireTool("bash");
            String command = parseUnit(UNITS.resolve("wait-for-dns.service")).get("Service.ExecStart").get(0);
            String script = command.substring(command.indexOf('\'') + 1, command.length() - 1);
            assertFalse(script.contains("$") || script.contains("%") || script.contains("\\"), script);
            Path resolvConf = tmp.resolve("resolv.conf");
            String local = script.replace("/etc/resolv.conf", resolvConf.toString());

            Files.writeString(resolvConf, "# no servers yet\nsearch example.com\n");
            Process waiting = new ProcessBuilder(bash, "-c", local).redirectErrorStream(true).start();
            try {
                assertFalse(waiting.waitFor(2, TimeUnit.SECONDS), "returned without a nameserver");
            } finally {
                waiting.descendants().forEach(ProcessHandle::destroyForcibly);
                waiting.destroyForcibly();
            }
            Files.writeString(resolvConf, "search example.com\nnameserver 10.0.0.2\n");
            assertEquals(0, run(List.of(bash, "-c", local), Map.of()).exit());
        }

        /** Lays out a root holding the units (some replaced) and what they refer to. */
        private Path unitRoot(String label, Map<String, String> replacedUnits) throws IOException {
            Path root = tmp.resolve("root-" + label);
            Path unitDir = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
            for (String name : UNIT_NAMES) {
                Files.writeString(unitDir.resolve(name), replacedUnits.getOrDefault(name, readUnit(name)));
            }
            for (String executable : HOST_EXECUTABLES) {
                executable(root.resolve(executable.substring(1)), "#!/bin/sh\n");
            }
            // Ours, from the sources: a wrapper renamed in the unit only must be caught.
            for (Path script : List.of(WRAPPER, PREFLIGHT)) {
                executable(root.resolve("usr/lib/coreos").resolve(script.getFileName()), Files.readString(script));
            }
            // The targets every service and path unit is ordered against by default.
            for (String target : List.of("sysinit.target", "shutdown.target", "paths.target", "multi-user.target")) {
                Files.writeString(unitDir.resolve(target), "[Unit]\nDescription=" + target + "\n");
            }
            return root;
        }

        /** Everything systemd-analyze says; verify exits 0 on a mere warning, which counts here. */
        private String verify(Path root) throws Exception {
            String analyze = requireTool("systemd-analyze");
            List<String> command = new ArrayList<>(List.of(analyze, "verify", "--man=no",
                    "--root=" + root.toAbsolutePath()));
            command.addAll(UNIT_NAMES);
            Run run = run(command, Map.of("SYSTEMD_LOG_COLOR", "0"));
            String said = (run.stdout() + run.stderr()).strip();
            return run.exit() == 0 ? said : ("exit " + run.exit() + "\n" + said);
        }

        private String readUnit(String name) throws IOException {
            return Files.readString(UNITS.resolve(name));
        }
    }

    @Nested
    class Firewalld {

        @Test
        void readerAcceptsTheServiceWithItsTwoPorts() throws Exception {
            requireFirewalldReader();
            Run run = readService(FIREWALLD_SERVICE.getParent());
            assertEquals(0, run.exit(), run::out);
            assertEquals("[('10250', 'tcp'), ('4789', 'udp')]", run.stdout().strip());
        }

        @Test
        void readerRejectsABadPort() throws Exception {
            requireFirewalldReader();
            Path dir = Files.createDirectories(tmp.resolve("firewalld"));
            String xml = Files.readString(FIREWALLD_SERVICE);
            String broken = xml.replace("port=\"4789\"", "port=\"4789x\"");
            assertNotEquals(xml, broken);
            Files.writeString(dir.resolve("tectonic-worker.xml"), broken);
            Run run = readService(dir);
            assertNotEquals(0, run.exit());
            assertTrue(run.out().contains("INVALID_PORT"), run::out);
        }

        private void requireFirewalldReader() throws Exception {
            assume(Files.isExecutable(Path.of(PYTHON)), PYTHON + " not found");
            assume(run(List.of(PYTHON, "-c", "import firewall.core.io.service"), Map.of()).exit() == 0,
                    "firewalld's python module is not importable by " + PYTHON);
        }

        private Run readService(Path dir) throws Exception {
            return run(List.of(PYTHON, "-c", "from firewall.core.io.service import service_reader\n"
                    + "print(sorted(service_reader('tectonic-worker.xml', '" + dir.toAbsolutePath() + "').ports))"),
                    Map.of());
        }
    }

    @Nested
    class Preflight {

        private Path sysconfig;
        private Path kubeconfig;

        @Test
        void passesWhenEverythingIsSet() throws Exception {
            Run run = preflight("KUBERNETES_DNS_SERVICE_IP=10.3.0.10\nCLUSTER_DOMAIN=cluster.local\n", true);
            assertEquals(0, run.exit(), run::out);
        }

        @Test
        void refusesTheShippedDefaultsNamingTheFiles() throws Exception {
            Run run = preflight(Files.readString(RPM.resolve("sysconfig/tectonic-worker")), false);
            assertEquals(1, run.exit(), run::out);
            assertTrue(run.stderr().contains("KUBERNETES_DNS_SERVICE_IP in " + sysconfig), run::out);
            assertFalse(run.stderr().contains("CLUSTER_DOMAIN in"), run::out);
            assertTrue(run.stderr().contains(kubeconfig.toString()), run::out);
        }

        @Test
        void refusesAnEmptyClusterDomain() throws Exception {
            Run run = preflight("KUBERNETES_DNS_SERVICE_IP=10.3.0.10\nCLUSTER_DOMAIN=\n", true);
            assertEquals(1, run.exit(), run::out);
            assertTrue(run.stderr().contains("CLUSTER_DOMAIN in " + sysconfig), run::out);
            assertFalse(run.stderr().contains(kubeconfig.toString()), run::out);
        }

        @Test
        void refusesAMissingKubeconfig() throws Exception {
            Run run = preflight("KUBERNETES_DNS_SERVICE_IP=10.3.0.10\nCLUSTER_DOMAIN=cluster.local\n", false);
            assertEquals(1, run.exit(), run::out);
            assertTrue(run.stderr().contains(kubeconfig.toString()), run::out);
        }

        @Test
        void refusesAMissingSysconfigEvenIfTheEnvironmentHasTheValues() throws Exception {
            Run run = preflight(null, true);
            assertEquals(1, run.exit(), run::out);
            assertTrue(run.stderr().contains(sysconfig.toString()), run::out);
        }

        private Run preflight(String sysconfigText, boolean withKubeconfig) throws Exception {
            String bash = requireTool("bash");
            sysconfig = tmp.resolve("tectonic-worker");
            kubeconfig = tmp.resolve("kubeconfig");
            if (sysconfigText != null) {
                Files.writeString(sysconfig, sysconfigText);
            }
            if (withKubeconfig) {
                Files.writeString(kubeconfig, "apiVersion: v1\n");
            }
            return run(List.of(bash, PREFLIGHT.toString()), Map.of(
                    "TECTONIC_WORKER_SYSCONFIG", sysconfig.toString(),
                    "KUBECONFIG_PATH", kubeconfig.toString(),
                    "KUBERNETES_DNS_SERVICE_IP", "10.9.9.9",
                    "CLUSTER_DOMAIN", "from.environment"));
        }
    }

    @Nested
    class Wrapper {

        /** The volumes every run mounts, in order. */
        private static final List<String> VOLUMES = List.of(
                "--volume", "host-etc-kubernetes,kind=host,source=/etc/kubernetes,readOnly=false",
                "--mount", "volume=host-etc-kubernetes,target=/etc/kubernetes",
                "--volume", "host-tls-certs,kind=host,source=/etc/pki/tls/certs,readOnly=true",
                "--mount", "volume=host-tls-certs,target=/etc/ssl/certs",
                "--volume", "host-ca-certs,kind=host,source=/etc/pki/CA/certs,readOnly=true",
                "--mount", "volume=host-ca-certs,target=/usr/share/ca-certificates",
                "--volume", "host-var-lib-docker,kind=host,source=/var/lib/docker,readOnly=false",
                "--mount", "volume=host-var-lib-docker,target=/var/lib/docker",
                "--volume", "host-var-lib-kubelet,kind=host,source=/var/lib/kubelet,readOnly=false,recursive=true",
                "--mount", "volume=host-var-lib-kubelet,target=/var/lib/kubelet",
                "--volume", "host-var-log,kind=host,source=/var/log,readOnly=false",
                "--mount", "volume=host-var-log,target=/var/log",
                "--volume", "host-os-release,kind=host,source=/etc/os-release,readOnly=true",
                "--mount", "volume=host-os-release,target=/etc/os-release",
                "--volume", "host-run,kind=host,source=/run,readOnly=false",
                "--mount", "volume=host-run,target=/run",
                "--volume", "host-lib-modules,kind=host,source=/lib/modules,readOnly=true",
                "--mount", "volume=host-lib-modules,target=/lib/modules",
                "--hosts-entry", "host");

        private Path root;
        private Path argv;

        @Test
        void runsTheTaggedImageWithTheDefaults() throws Exception {
            Run run = wrapper(Map.of("KUBELET_IMAGE_TAG", "v1.8.4_coreos.0"), "--kubeconfig=/k", "--node-labels=a b");
            assertEquals(0, run.exit(), run::out);
            assertEquals(rktRun(List.of(), List.of(), "--stage1-from-dir=stage1-fly.aci",
                    "quay.io/coreos/hyperkube:v1.8.4_coreos.0", List.of("--exec=/kubelet"),
                    "--kubeconfig=/k", "--node-labels=a b"), recorded());
            for (String dir : List.of("etc/kubernetes", "var/lib/docker", "var/lib/kubelet", "run/kubelet")) {
                assertTrue(Files.isDirectory(root.resolve(dir)), dir + " not created");
            }
            assertEquals("", run.stderr());
        }

        @Test
        void takesEverySetting() throws Exception {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KUBELET_IMAGE_URL", "registry.example/hyperkube");
            env.put("KUBELET_IMAGE_TAG", "v1.8.5_coreos.0");
            env.put("RKT_GLOBAL_ARGS", "--debug --dir=/var/lib/rkt");
            env.put("RKT_RUN_ARGS", "--uuid-file-save=/u\n  --net=host");
            env.put("RKT_STAGE1_ARG", "--stage1-name=coreos.com/rkt/stage1-fly:1.29.0");
            env.put("KUBELET_IMAGE_ARGS", "--exec=/hyperkube --user=0");
            Run run = wrapper(env, "kubelet");
            assertEquals(0, run.exit(), run::out);
            assertEquals(rktRun(List.of("--debug", "--dir=/var/lib/rkt"), List.of("--uuid-file-save=/u", "--net=host"),
                    "--stage1-name=coreos.com/rkt/stage1-fly:1.29.0", "registry.example/hyperkube:v1.8.5_coreos.0",
                    List.of("--exec=/hyperkube", "--user=0"), "kubelet"), recorded());
        }

        @Test
        void takesTheRunArgsOfKubeletService() throws Exception {
            String unitArgs = parseUnit(UNITS.resolve("kubelet.service")).get("Service.Environment").stream()
                    .map(e -> e.replaceAll("^\"|\"$", "")).filter(e -> e.startsWith("RKT_RUN_ARGS="))
                    .map(e -> e.substring("RKT_RUN_ARGS=".length())).findFirst().orElseThrow();
            Run run = wrapper(Map.of("KUBELET_IMAGE_TAG", "v1", "RKT_RUN_ARGS", unitArgs));
            assertEquals(0, run.exit(), run::out);
            assertEquals(rktRun(List.of(), List.of(
                    "--uuid-file-save=/var/run/kubelet-pod.uuid",
                    "--volume", "host-resolv-conf,kind=host,source=/etc/resolv.conf",
                    "--mount", "volume=host-resolv-conf,target=/etc/resolv.conf",
                    "--volume", "host-var-lib-cni,kind=host,source=/var/lib/cni",
                    "--mount", "volume=host-var-lib-cni,target=/var/lib/cni",
                    "--volume", "host-var-log-unit,kind=host,source=/var/log",
                    "--mount", "volume=host-var-log-unit,target=/var/log"),
                    "--stage1-from-dir=stage1-fly.aci", "quay.io/coreos/hyperkube:v1",
                    List.of("--exec=/kubelet")), recorded());
        }

        @Test
        void fallsBackToTheDeprecatedNamesWithAWarning() throws Exception {
            Run run = wrapper(Map.of("KUBELET_VERSION", "v1.7.0_coreos.0", "RKT_RUN_ARGS", "--a", "RKT_OPTS", "--b --c"));
            assertEquals(0, run.exit(), run::out);
            assertEquals(rktRun(List.of(), List.of("--a", "--b", "--c"), "--stage1-from-dir=stage1-fly.aci",
                    "quay.io/coreos/hyperkube:v1.7.0_coreos.0", List.of("--exec=/kubelet")), recorded());
            assertTrue(run.stderr().contains("KUBELET_VERSION is deprecated"), run::out);
            assertTrue(run.stderr().contains("RKT_OPTS is deprecated"), run::out);
        }

        @Test
        void prefersTheTagToTheDeprecatedVersionAndTheImageToBoth() throws Exception {
            wrapper(Map.of("KUBELET_IMAGE_TAG", "v2", "KUBELET_VERSION", "v1"));
            List<String> tagged = recorded();
            assertTrue(tagged.contains("quay.io/coreos/hyperkube:v2"), tagged::toString);
            wrapper(Map.of("KUBELET_IMAGE", "docker://gcr.io/hyperkube:v3", "KUBELET_IMAGE_TAG", "v2"));
            List<String> full = recorded();
            assertTrue(full.contains("docker://gcr.io/hyperkube:v3"), full::toString);
            assertFalse(full.contains("quay.io/coreos/hyperkube:v2"), full::toString);
        }

        @Test
        void refusesToRunWithoutATagOrImage() throws Exception {
            Run run = wrapper(Map.of("KUBELET_IMAGE_URL", "quay.io/coreos/hyperkube"));
            assertEquals(1, run.exit(), run::out);
            assertTrue(run.stderr().contains("KUBELET_IMAGE_TAG") && run.stderr().contains("KUBELET_IMAGE "), run::out);
            assertFalse(Files.exists(argv), "rkt was run");
        }

        private List<String> rktRun(List<String> global, List<String> runArgs, String stage1, String image,
                List<String> imageArgs, String... args) {
            List<String> expected = new ArrayList<>(global);
            expected.add("run");
            expected.addAll(runArgs);
            expected.addAll(VOLUMES);
            expected.add(stage1);
            expected.add(image);
            expected.addAll(imageArgs);
            expected.add("--");
            expected.addAll(List.of(args));
            return expected;
        }

        private Run wrapper(Map<String, String> settings, String... args) throws Exception {
            String bash = requireTool("bash");
            root = Files.createDirectories(tmp.resolve("root"));
            argv = tmp.resolve("rkt.argv");
            Files.deleteIfExists(argv);
            Path rkt = tmp.resolve("rkt");
            executable(rkt, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argv + "'\n");
            Map<String, String> env = new LinkedHashMap<>(settings);
            env.put("RKT", rkt.toString());
            env.put("KUBELET_WRAPPER_ROOT", root.toString());
            List<String> command = new ArrayList<>(List.of(bash, WRAPPER.toString()));
            command.addAll(List.of(args));
            return run(command, env);
        }

        private List<String> recorded() throws IOException {
            return Files.readAllLines(argv);
        }
    }

    @Nested
    class Configuration {

        @Test
        void kubeletEnvIsATemplateOfTheImageVersion() throws Exception {
            List<String> lines = settings(RPM.resolve("templates/kubelet.env"));
            assertEquals(List.of("KUBELET_IMAGE_URL=quay.io/coreos/hyperkube",
                    "KUBELET_IMAGE_TAG=v${project.version}_coreos.0"), lines);
            // Maven filtering would also replace any other ${...} or @...@ in the comments.
            String text = Files.readString(RPM.resolve("templates/kubelet.env"));
            assertEquals(1, Pattern.compile("\\$\\{").matcher(text).results().count(), text);
            assertFalse(text.contains("@"), text);
        }

        @Test
        void sysconfigLeavesTheDnsServiceIpToTheAdministrator() throws Exception {
            Path sysconfig = RPM.resolve("sysconfig/tectonic-worker");
            assertEquals(List.of("KUBERNETES_DNS_SERVICE_IP=", "CLUSTER_DOMAIN=cluster.local"), settings(sysconfig));
            assertTrue(Files.readString(sysconfig).contains("jq -r '.tectonic_kube_dns_service_ip' terraform.tfvars"));
        }

        @Test
        void installGuideGivesEveryCommand() throws Exception {
            String guide = Files.readString(RPM.resolve("doc/INSTALL.md"));
            for (String command : List.of(
                    "/etc/sysconfig/tectonic-worker", "/etc/kubernetes/kubeconfig", "0600",
                    "jq -r '.tectonic_kube_dns_service_ip' terraform.tfvars",
                    "firewall-cmd --add-service=tectonic-worker\n",
                    "firewall-cmd --add-service=tectonic-worker --permanent",
                    "firewall-cmd --add-port=10250/tcp\n", "firewall-cmd --add-port=10250/tcp --permanent",
                    "firewall-cmd --add-port=4789/udp\n", "firewall-cmd --add-port=4789/udp --permanent",
                    "setenforce 0", "SELINUX=permissive", "/etc/selinux/config",
                    "systemctl enable --now kubelet.path", "systemctl status kubelet", "journalctl -u kubelet",
                    "systemctl restart kubelet")) {
                assertTrue(guide.contains(command), "INSTALL.md lacks: " + command);
            }
        }

        @Test
        void licenseAndKeyAreTheRealThing() throws Exception {
            String license = Files.readString(RPM.resolve("doc/LICENSE"));
            assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                    && license.contains("END OF TERMS AND CONDITIONS"), "doc/LICENSE is not the Apache License 2.0");
            String key = Files.readString(RPM.resolve("rkt/bff313cdaa560b16a8987b8f72abf5f6799d33bc"));
            assertTrue(key.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
                    && key.strip().endsWith("-----END PGP PUBLIC KEY BLOCK-----"), "not an armored public key");
        }

        /** The assignments of an environment file, comments and blank lines left out. */
        private List<String> settings(Path file) throws IOException {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    // ---- helpers

    private record Run(int exit, String stdout, String stderr) {
        String out() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs a command to completion with a small, fixed environment plus {@code env}. */
    private Run run(List<String> command, Map<String, String> env) throws Exception {
        Path stdout = Files.createTempFile(tmp, "stdout", ".txt");
        Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        // Nothing from the developer's or CI's environment may steer the scripts.
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        environment.put("LANG", "C.UTF-8");
        Optional.ofNullable(System.getenv("HOME")).ifPresent(home -> environment.put("HOME", home));
        environment.putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** The tool's path, or a loud skip: CI has every tool, a laptop may not. */
    private static String requireTool(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        assume(found.isPresent(), name + " not found on PATH");
        return found.get().toString();
    }

    private static void assume(boolean condition, String why) {
        if (!condition) {
            String message = "WorkerFilesTest SKIPS A CHECK: " + why + " (CI must have it)";
            System.err.println(message);
            Assumptions.assumeTrue(false, message);
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Reads a unit file as systemd does for what these tests ask: sections, {@code Key=value}
     * lines, comments, and a trailing backslash that joins the next line with a space.
     * Keys are "Section.Key"; repeated keys keep every value in order.
     */
    private static Map<String, List<String>> parseUnit(Path unit) throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        String section = "";
        StringBuilder pending = new StringBuilder();
        Pattern sectionLine = Pattern.compile("^\\[(.+)]$");
        for (String raw : Files.readAllLines(unit)) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String logical = pending.append(line).toString();
            pending.setLength(0);
            Matcher header = sectionLine.matcher(logical);
            if (header.matches()) {
                section = header.group(1);
                continue;
            }
            int equals = logical.indexOf('=');
            String key = section + "." + logical.substring(0, equals).strip();
            String value = logical.substring(equals + 1).strip();
            for (String item : key.endsWith(".Requires") || key.endsWith(".After") || key.endsWith(".Before")
                    || key.endsWith(".Wants") ? value.split("\\s+") : new String[] {value}) {
                entries.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
            }
        }
        return entries;
    }
}

package io.rpmkit.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.read.RpmFile;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/** Reads the tectonic-worker package that {@code mvn package} left and checks every promise of it. */
class WorkerPackageIT {
    static final Path RPM = Path.of(System.getProperty("tectonic.rpm", "target/tectonic-worker-1.8.9-1.noarch.rpm"));
    static final String VERSION = System.getProperty("tectonic.version", "1.8.9");

    private static RpmPackage pkg;

    @BeforeAll
    static void read() throws Exception {
        assertTrue(Files.isRegularFile(RPM), "mvn package leaves " + RPM);
        pkg = RpmReader.read(RPM);
    }

    @Test
    void carriesTheMetadataOfTheIssue() throws Exception {
        assertEquals("tectonic-worker", pkg.name());
        assertEquals(VERSION, pkg.version());
        assertEquals("1", pkg.release());
        assertEquals("noarch", pkg.arch().orElseThrow());
        assertEquals("Apache-2.0", pkg.license().orElseThrow());
        assertEquals("A Kubernetes worker configured for Tectonic", pkg.summary().orElseThrow());
        assertEquals("System Environment/Daemons", pkg.group().orElseThrow());
        assertEquals("https://coreos.com/tectonic", pkg.url().orElseThrow());
        var digests = pkg.verifyDigests();
        assertTrue(digests.allOk(), digests::toString);
        assertEquals(1, pkg.changelog().size());
        assertTrue(pkg.changelog().get(0).author().endsWith("- " + VERSION + "-1"), pkg.changelog().get(0).author());
    }

    @Test
    void holdsExactlyTheListedPathsWithModesOwnersAndFlags() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("/etc/kubernetes", "40755 root root");
        expected.put("/etc/kubernetes/kube.version", "100644 root root config,missingok,ghost");
        expected.put("/etc/kubernetes/kubeconfig", "100600 root root config,missingok,ghost");
        expected.put("/etc/kubernetes/kubelet.env", "100644 root root config");
        expected.put("/etc/rkt/trustedkeys/prefix.d/quay.io", "40775 root rkt-admin");
        expected.put("/etc/rkt/trustedkeys/prefix.d/quay.io/bff313cdaa560b16a8987b8f72abf5f6799d33bc",
                "100664 root rkt-admin config");
        expected.put("/etc/sysconfig/tectonic-worker", "100644 root root config,noreplace");
        expected.put("/usr/lib/coreos", "40755 root root");
        expected.put("/usr/lib/coreos/kubelet-wrapper", "100755 root root");
        expected.put("/usr/lib/coreos/kubelet-wrapper-preflight.sh", "100755 root root");
        expected.put("/usr/lib/firewalld/services/tectonic-worker.xml", "100644 root root");
        expected.put("/usr/lib/systemd/system/kubelet.path", "100644 root root");
        expected.put("/usr/lib/systemd/system/kubelet.service", "100644 root root");
        expected.put("/usr/lib/systemd/system/wait-for-dns.service", "100644 root root");
        expected.put("/usr/share/doc/tectonic-worker", "40755 root root");
        expected.put("/usr/share/doc/tectonic-worker/INSTALL.md", "100644 root root doc");
        expected.put("/usr/share/licenses/tectonic-worker", "40755 root root");
        expected.put("/usr/share/licenses/tectonic-worker/LICENSE", "100644 root root license");
        Map<String, String> actual = new TreeMap<>();
        for (RpmFile file : pkg.files()) {
            actual.put(file.path(), (Integer.toOctalString(file.mode()) + " " + file.user() + " " + file.group() + " "
                    + flags(file.flags())).strip());
        }
        assertEquals(expected, actual);
    }

    private static String flags(int bits) {
        Map<Integer, String> names = new LinkedHashMap<>();
        names.put(1, "config");
        names.put(2, "doc");
        names.put(8, "missingok");
        names.put(16, "noreplace");
        names.put(64, "ghost");
        names.put(128, "license");
        List<String> set = names.entrySet().stream().filter(e -> (bits & e.getKey()) != 0).map(Map.Entry::getValue)
                .toList();
        return String.join(",", set);
    }

    @Test
    void shipsTheFilesWithFilteredValues() throws Exception {
        Map<String, String> contents = new TreeMap<>();
        pkg.forEachPayloadEntry(entry -> {
            if (!entry.isDirectory()) {
                contents.put("/" + entry.name(), new String(entry.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        String env = contents.get("/etc/kubernetes/kubelet.env");
        assertTrue(env.contains("\nKUBELET_IMAGE_URL=quay.io/coreos/hyperkube\n"), env);
        assertTrue(env.contains("\nKUBELET_IMAGE_TAG=v" + VERSION + "_coreos.0\n"), env);
        String sysconfig = contents.get("/etc/sysconfig/tectonic-worker");
        assertTrue(sysconfig.contains("\nKUBERNETES_DNS_SERVICE_IP=\n"), sysconfig);
        assertTrue(sysconfig.contains("\nCLUSTER_DOMAIN=cluster.local"), sysconfig);
        assertTrue(sysconfig.contains("tectonic_kube_dns_service_ip"), sysconfig);
        assertEquals(Files.readString(Path.of("src/rpm/rkt/bff313cdaa560b16a8987b8f72abf5f6799d33bc")),
                contents.get("/etc/rkt/trustedkeys/prefix.d/quay.io/bff313cdaa560b16a8987b8f72abf5f6799d33bc"));
        assertEquals(Files.readString(Path.of("src/rpm/systemd/kubelet.service")),
                contents.get("/usr/lib/systemd/system/kubelet.service"));
        assertTrue(!contents.containsKey("/etc/kubernetes/kubeconfig"), "ghosts are not shipped");
    }

    @Test
    void declaresTheDependenciesOfTheIssue() {
        List<String> requires = pkg.dependencies(DependencyKind.REQUIRES).stream()
                .filter(d -> !d.isRpmlib() && !d.name().equals("/bin/sh")).map(d -> d + " " + d.contexts()).toList();
        // Then what rpmbuild would generate: the wrapper's #!/bin/bash, and config() for the config files.
        assertEquals(List.of("systemd >= 219 []", "openssh-server []", "rkt >= 1.28.1 []", "docker >= 1.12.0 []",
                "systemd [post, preun, postun]", "/bin/bash []", "config(tectonic-worker) = 1.8.9-1 []"), requires);
        assertEquals(List.of("kubernetes", "kubernetes-master", "kubernetes-node"),
                pkg.dependencies(DependencyKind.CONFLICTS).stream().map(Object::toString).toList());
    }

    @Test
    void carriesTheGeneratedSystemdCommandsBeforeTheHandWrittenScriptlets() throws Exception {
        Map<ScriptletPhase, String> bodies = new TreeMap<>();
        pkg.scriptlets().forEach(s -> bodies.put(s.phase(), s.body()));
        assertEquals(List.of(ScriptletPhase.POST, ScriptletPhase.PREUN, ScriptletPhase.POSTUN),
                List.copyOf(bodies.keySet()));
        String units = "kubelet.path kubelet.service wait-for-dns.service";
        String post = bodies.get(ScriptletPhase.POST);
        assertTrue(post.startsWith("# systemd units (%systemd_post)"), post);
        assertTrue(post.contains("if [ \"$1\" -eq 1 ]; then\n    systemctl --no-reload preset " + units + " "), post);
        assertTrue(post.endsWith("\n\n" + Files.readString(Path.of("src/rpm/scriptlets/post.sh")).strip()), post);
        String preun = bodies.get(ScriptletPhase.PREUN);
        assertTrue(preun.contains("systemctl --no-reload disable --now " + units + " "), preun);
        assertTrue(preun.contains("systemctl --no-reload disable " + units + " "), preun);
        String postun = bodies.get(ScriptletPhase.POSTUN);
        assertTrue(postun.startsWith("# systemd units (%systemd_postun)"), postun);
        assertTrue(postun.contains("systemctl daemon-reload"), postun);
        assertFalse(postun.contains("try-restart"), "the kubelet is never restarted on upgrade: " + postun);
        assertTrue(postun.endsWith("\n\n" + Files.readString(Path.of("src/rpm/scriptlets/postun.sh")).strip()),
                postun);
        pkg.scriptlets().forEach(s -> assertEquals("/bin/sh", s.program()));
    }
}

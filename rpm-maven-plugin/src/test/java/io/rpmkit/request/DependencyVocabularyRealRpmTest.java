package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.HeaderDependency;
import io.rpmkit.read.HeaderTrigger;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.testing.RpmGeneration;

/**
 * The rest of rpm's dependency and trigger vocabulary (rich dependencies, Requires(meta),
 * OrderWithRequires, file and transaction file triggers with prefixes and priorities, file
 * capabilities), written once as a spec file that the real rpmbuild builds, and once as the same
 * settings for our writer. rpm must list the same tags for both, rpmlib() requires included; our
 * reader must read ours back.
 */
class DependencyVocabularyRealRpmTest {
    /** A dependency as a spec file line and as our setting writes it. */
    record Dep(String specLine, String setting, String value) {
    }

    private static final List<Dep> DEPENDENCIES = List.of(
            new Dep("Requires: (a or b)", "requires", "(a or b)"),
            new Dep("Requires: (c >= 1.2 if d else e)", "requires", "(c >= 1.2 if d else e)"),
            new Dep("Requires: ((f and g) or (h unless i))", "requires", "((f and g)  or (h unless i))"),
            new Dep("Requires: (j == 1:2.0-3 with k)", "requires", "(j == 1:2.0-3 with k)"),
            new Dep("Requires(meta): metadep", "requires", "(meta) metadep"),
            new Dep("Requires(post,meta): postmeta >= 2", "requires", "(post,meta) postmeta >= 2"),
            new Dep("Requires(meta): (m1 or m2)", "requires", "(meta) (m1 or m2)"),
            new Dep("OrderWithRequires: ordered >= 2", "orderWithRequires", "ordered >= 2"),
            new Dep("OrderWithRequires: ordered2", "orderWithRequires", "ordered2"),
            new Dep("Recommends: (x if y)", "recommends", "(x if y)"),
            new Dep("Conflicts: (old unless new)", "conflicts", "(old unless new)"),
            new Dep("Supplements: (base and (gui or tui))", "supplements", "(base and (gui or tui))"));

    /** A trigger as spec-file words and as our settings. */
    record Trig(String kind, String prefixes, String priority, String interpreter, String script) {
        String specHeader() {
            return "%" + kind + (interpreter == null ? "" : " -p " + interpreter)
                    + (priority == null ? "" : " -P " + priority) + " -- " + prefixes.replace(',', ' ');
        }
    }

    private static final List<Trig> TRIGGERS = List.of(
            new Trig("filetriggerin", "/usr/lib/probe", null, null, "echo in"),
            new Trig("filetriggerun", "/usr/lib/a,/usr/lib/b", "500", "/bin/bash", "echo un"),
            new Trig("filetriggerpostun", "/usr/lib/probe", null, null, "echo postun"),
            new Trig("transfiletriggerin", "/usr/share/probe", "10", null, "echo tin"),
            new Trig("transfiletriggerun", "/usr/share/probe", null, null, "echo tun"),
            new Trig("transfiletriggerpostun", "/usr/share/probe/", "2000000", "/usr/bin/perl", "print 1"));

    /** Files with capabilities, as %caps takes them; null for none. */
    private static final List<String[]> FILES = List.of(
            new String[] {"/usr/bin/probe-bind", "cap_net_bind_service+ep cap_chown=p"},
            new String[] {"/usr/bin/probe-nice", "CAP_SYS_NICE,cap_ipc_lock=eip cap_ipc_lock-i"},
            new String[] {"/usr/bin/probe-all", "all=p cap_setfcap-p"},
            new String[] {"/usr/bin/probe-plain", null});

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void everyTagEqualsRpmbuildsForTheSameSpec(RpmGeneration generation) throws Exception {
        generation.requireTool("rpmbuild");
        Path theirs = rpmbuild(generation);
        Path ours = ours(generation.query(theirs, "%{PAYLOADCOMPRESSOR}"), generation.query(theirs, "%{PAYLOADFLAGS}"));
        List<String> sortedFormats = new ArrayList<>();
        for (String kind : List.of("REQUIRE", "ORDER", "RECOMMEND", "CONFLICT", "SUPPLEMENT")) {
            sortedFormats.add("[%{" + kind + "NAME}|%{" + kind + "FLAGS}|%{" + kind + "VERSION}\\n]");
        }
        for (String family : List.of("TRIGGER", "FILETRIGGER", "TRANSFILETRIGGER")) {
            sortedFormats.add("[%{" + family + "NAME}|%{" + family + "FLAGS}|%{" + family + "VERSION}|%{" + family
                    + "INDEX}\\n]");
        }
        sortedFormats.add("[%{FILENAMES}|%{FILECAPS}\\n]");
        for (String format : sortedFormats) {
            assertEquals(sorted(generation.query(theirs, format)), sorted(generation.query(ours, format)),
                    generation + ": " + format);
        }
        for (String family : List.of("TRIGGER", "FILETRIGGER", "TRANSFILETRIGGER")) {
            String format = "[%{" + family + "SCRIPTS}|%{" + family + "SCRIPTPROG}"
                    + (family.equals("TRIGGER") ? "" : "|%{" + family + "PRIORITIES}") + "\\n]";
            assertEquals(generation.query(theirs, format), generation.query(ours, format), generation + ": " + format);
        }
        for (String query : List.of("--filetriggers", "--triggers")) {
            assertEquals(generation.ok("rpm", "-qp", "--nosignature", query, generation.path(theirs)),
                    generation.ok("rpm", "-qp", "--nosignature", query, generation.path(ours)), generation + ": " + query);
        }
        // rpmbuild sorts dependency lists; rpm reads them in any order.
        for (String query : List.of("--requires", "--recommends", "--conflicts", "--supplements")) {
            assertEquals(sorted(generation.ok("rpm", "-qp", "--nosignature", query, generation.path(theirs))),
                    sorted(generation.ok("rpm", "-qp", "--nosignature", query, generation.path(ours))),
                    generation + ": " + query);
        }
        List<String> requires = sorted(generation.query(ours, "[%{REQUIRENAME} %{REQUIREVERSION}\\n]"));
        assertTrue(requires.containsAll(List.of("rpmlib(RichDependencies) 4.12.0-1", "rpmlib(FileCaps) 4.6.1-1")),
                () -> "the rpmlib() features rpmbuild adds: " + requires);
        readsOursBack(ours);
    }

    private static void readsOursBack(Path ours) throws Exception {
        RpmPackage pkg = RpmReader.read(ours);
        List<HeaderDependency> requires = pkg.dependencies(DependencyKind.REQUIRES);
        assertTrue(requires.stream().anyMatch(d -> d.name().equals("((f and g) or (h unless i))")
                && d.version().isEmpty() && d.operator().isEmpty()), requires::toString);
        assertTrue(requires.stream().anyMatch(d -> d.name().equals("postmeta") && d.contexts().equals(
                List.of("post", "meta")) && d.toString().equals("postmeta >= 2")), requires::toString);
        assertEquals(List.of("ordered >= 2", "ordered2"), pkg.dependencies(DependencyKind.ORDER).stream()
                .map(HeaderDependency::toString).toList());
        List<HeaderTrigger> fileTriggers = pkg.fileTriggers();
        assertEquals(TRIGGERS.stream().map(Trig::kind).toList(), fileTriggers.stream().map(HeaderTrigger::type)
                .toList());
        assertEquals(List.of(1000000, 500, 1000000, 10, 1000000, 2000000), fileTriggers.stream()
                .map(HeaderTrigger::priority).toList());
        assertEquals(List.of("/usr/lib/a", "/usr/lib/b"), fileTriggers.get(1).conditions().stream()
                .map(HeaderDependency::name).toList());
        assertEquals("/bin/bash", fileTriggers.get(1).interpreter());
        assertEquals(List.of("=p cap_setfcap-p", "cap_net_bind_service=ep cap_chown+p",
                "cap_sys_nice=eip cap_ipc_lock+ep", ""), pkg.strings(RpmTag.FILECAPS));
    }

    private Path ours(String compressor, String level) throws Exception {
        RequestHarness h = new RequestHarness(dir.resolve("ours"));
        h.set("targetRpm", "el9");
        if (!compressor.equals("(none)")) {
            h.set("compression", compressor);
            h.set("compressionLevel", level.equals("(none)") ? null : Integer.valueOf(level));
        }
        for (Dep dep : DEPENDENCIES) {
            h.add(dep.setting(), dep.value());
        }
        for (Trig trig : TRIGGERS) {
            List<String> settings = new ArrayList<>(List.of("kind=" + trig.kind(), "prefixes=" + trig.prefixes(),
                    "script=" + trig.script()));
            if (trig.priority() != null) {
                settings.add("priority=" + trig.priority());
            }
            if (trig.interpreter() != null) {
                settings.add("interpreter=" + trig.interpreter());
            }
            h.trigger(settings.toArray(String[]::new));
        }
        h.trigger("kind=triggerin", "packages=httpd >= 2.4", "script=echo httpd");
        for (String[] file : FILES) {
            String name = file[0].substring(file[0].lastIndexOf('/') + 1);
            h.file("src/" + name, name + "\n");
            h.entry(Stream.of("path=" + file[0], "source=src/" + name, file[1] == null ? null : "caps=" + file[1])
                    .filter(s -> s != null).toArray(String[]::new));
        }
        return h.execute();
    }

    private Path rpmbuild(RpmGeneration generation) throws Exception {
        Path top = Files.createDirectories(generation.workDir(dir).resolve("rpmbuild"));
        StringBuilder spec = new StringBuilder("""
                Name: demo
                Version: 1.0.0
                Release: 1
                Summary: probe
                License: MIT
                BuildArch: noarch
                """);
        DEPENDENCIES.forEach(d -> spec.append(d.specLine()).append('\n'));
        spec.append("%description\nprobe\n%install\nmkdir -p %{buildroot}/usr/bin\n");
        for (String[] file : FILES) {
            String name = file[0].substring(file[0].lastIndexOf('/') + 1);
            spec.append("echo ").append(name).append(" > %{buildroot}").append(file[0]).append('\n');
        }
        for (Trig trig : TRIGGERS) {
            spec.append(trig.specHeader()).append('\n').append(trig.script()).append('\n');
        }
        spec.append("%triggerin -- httpd >= 2.4\necho httpd\n%files\n");
        for (String[] file : FILES) {
            spec.append(file[1] == null ? "" : "%caps(" + file[1] + ") ").append(file[0]).append('\n');
        }
        Path specFile = Files.writeString(top.resolve("demo.spec"), spec);
        generation.ok("rpmbuild", "--define", "_topdir " + generation.path(top), "--define", "_rpmformat 4",
                "--define", "_build_id_links none", "-bb", generation.path(specFile));
        try (Stream<Path> built = Files.walk(top.resolve("RPMS"))) {
            return built.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }

    private static List<String> sorted(String lines) {
        return Arrays.stream(lines.split("\n")).filter(l -> !l.isBlank()).sorted().toList();
    }
}

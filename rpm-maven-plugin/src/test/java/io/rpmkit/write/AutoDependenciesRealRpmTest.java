package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.testing.RealRpm;

/**
 * The dependencies rpmbuild generates, made by our writer from the same staging tree: the real
 * rpmbuild packages the tree with a spec file, we package it from entries, and rpm must list the same
 * requires and provides (name, flags, version) for both. What rpmbuild derives from ELF files is out
 * of scope and the tree has none.
 */
class AutoDependenciesRealRpmTest {
    /** Relative path, mode, first bytes: scripts of every shape script.req knows, and files it skips. */
    private static final Map<String, Object[]> TREE = new TreeMap<>(Map.of(
            "etc/probe.conf", new Object[] {"rw-r--r--", "a=1\n"},
            "usr/bin/probe-bash", new Object[] {"rwxr-xr-x", "#!/bin/bash\necho hi\n"},
            "usr/bin/probe-space", new Object[] {"rwxr-x---", "#! /bin/sh -e\necho\n"},
            "usr/bin/probe-env-name", new Object[] {"rwxr-xr-x", "#!/usr/bin/env python3\nprint(1)\n"},
            "usr/bin/probe-env-path", new Object[] {"r-xr--r--", "#!/usr/bin/env /usr/bin/awk\n{ print }\n"},
            "usr/bin/probe-relative", new Object[] {"rwxr-xr-x", "#!awk\n"},
            "usr/bin/probe-data", new Object[] {"rwxr-xr-x", "\u0001\u0002 data, no interpreter\n"},
            "usr/libexec/probe/owner-only", new Object[] {"rwx------", "#!/usr/bin/tclsh\nputs 1\n"},
            "usr/share/probe/not-executable.sh", new Object[] {"rw-r--r--", "#!/bin/zsh\necho\n"}));

    @TempDir
    Path dir;

    @Test
    void requiresAndProvidesEqualRpmbuildsForTheSameTree() throws Exception {
        RealRpm.requireTool("rpmbuild");
        Path stage = dir.resolve("stage");
        for (var file : TREE.entrySet()) {
            Path path = stage.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, (String) file.getValue()[1], StandardCharsets.ISO_8859_1);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString((String) file.getValue()[0]));
        }
        Path theirs = rpmbuild(stage);
        Path ours = ours(stage, RealRpm.query(theirs, "%{PAYLOADCOMPRESSOR}"),
                RealRpm.query(theirs, "%{PAYLOADFLAGS}"));
        for (String kind : List.of("REQUIRE", "PROVIDE")) {
            String format = "[%{" + kind + "NAME}|%{" + kind + "FLAGS}|%{" + kind + "VERSION}\\n]";
            List<String> expected = sorted(RealRpm.query(theirs, format));
            assertEquals(expected, sorted(RealRpm.query(ours, format)), kind + "S of rpmbuild and of ours");
            if (kind.equals("REQUIRE")) {
                assertTrue(expected.containsAll(List.of("/bin/bash|16384|", "/bin/sh|16384|", "/usr/bin/env|16384|",
                        "/usr/bin/awk|16384|", "/usr/bin/tclsh|16384|", "config(probe)|268435464|1.0-1")),
                        "the probe covers each kind of generated dependency: " + expected);
            }
        }
    }

    @Test
    void noneWhenSwitchedOff() throws Exception {
        RealRpm.requireTool("rpm");
        Path script = Files.writeString(dir.resolve("run"), "#!/bin/bash\n");
        PackageSpec spec = base().autoDependencies(false)
                .entry(Entry.file("/usr/bin/run", Content.ofFile(script)).withMode(0755))
                .entry(Entry.file("/etc/run.conf", Content.ofBytes(new byte[] {'x'}, "test"))
                        .withFlags(Set.of(FileFlag.CONFIG)))
                .build();
        Path rpm = dir.resolve(spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, rpm);
        String requires = RealRpm.query(rpm, "[%{REQUIRENAME}\\n]") + RealRpm.query(rpm, "[%{PROVIDENAME}\\n]");
        assertTrue(!requires.contains("/bin/bash") && !requires.contains("config("), requires);
    }

    private static PackageSpec.Builder base() {
        return PackageSpec.builder().name("probe").version("1.0").summary("probe").license("MIT")
                .buildTime(Instant.parse("2026-11-24T00:00:00Z"));
    }

    private Path ours(Path stage, String compressor, String level) throws Exception {
        PackageSpec.Builder builder = base()
                .compression(compressor.equals("(none)") ? Compression.NONE
                        : io.rpmkit.Choices.find(Compression.class, compressor).orElseThrow(),
                        level.equals("(none)") ? null : Integer.valueOf(level))
                .scriptlet(new Scriptlet(ScriptletPhase.PRE, "/bin/sh", "echo pre"))
                .scriptlet(new Scriptlet(ScriptletPhase.POST, "/usr/bin/perl", "print 1"));
        for (var file : TREE.entrySet()) {
            Path source = stage.resolve(file.getKey());
            int mode = Integer.parseInt(Integer.toOctalString(Files.getPosixFilePermissions(source).stream()
                    .mapToInt(p -> 1 << (8 - p.ordinal())).sum()), 8);
            Entry entry = Entry.file("/" + file.getKey(), Content.ofFile(source)).withMode(mode);
            builder.entry(file.getKey().startsWith("etc/") ? entry.withFlags(Set.of(FileFlag.CONFIG,
                    FileFlag.NOREPLACE)) : entry);
        }
        PackageSpec spec = builder.build();
        Path rpm = dir.resolve("ours-" + spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, rpm);
        return rpm;
    }

    private Path rpmbuild(Path stage) throws Exception {
        Path top = Files.createDirectories(dir.resolve("rpmbuild"));
        StringBuilder files = new StringBuilder();
        for (String path : TREE.keySet()) {
            files.append(path.startsWith("etc/") ? "%config(noreplace) " : "").append('/').append(path).append('\n');
        }
        Path spec = Files.writeString(top.resolve("probe.spec"), """
                Name: probe
                Version: 1.0
                Release: 1
                Summary: probe
                License: MIT
                BuildArch: noarch
                %%description
                probe
                %%install
                cp -a %s/. %%{buildroot}/
                %%pre
                echo pre
                %%post -p /usr/bin/perl
                print 1
                %%files
                %s""".formatted(stage, files));
        RealRpm.ok("rpmbuild", "--define", "_topdir " + top, "--define", "__brp_mangle_shebangs %{nil}", "-bb",
                spec.toString());
        try (Stream<Path> built = Files.walk(top.resolve("RPMS"))) {
            return built.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }

    private static List<String> sorted(String lines) {
        return Arrays.stream(lines.split("\n")).filter(l -> !l.isBlank()).sorted().toList();
    }
}

package io.rpmkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * File capabilities read as rpmbuild reads {@code %caps(...)} (through libcap's cap_from_text) and
 * stored as it stores them (cap_to_text): every accepted row is one file of one rpmbuild package,
 * whose FILECAPS must equal our form; every refused row must fail rpmbuild and our parser alike.
 */
class FileCapabilitiesRealRpmTest {
    private static final List<String> ACCEPTED = List.of(
            "cap_net_bind_service=ep", "cap_net_bind_service+ep", "CAP_NET_RAW+p", "cap_chown,cap_fowner+ep",
            "cap_chown=", "=ep cap_sys_admin-ep", "all+ep", "all=eip cap_setfcap-e", "=",
            "cap_setuid,cap_setgid=ep cap_setuid-e", "cap_chown=e+p-e", "cap_chown=+ep", "cap_chown=-p", "10=ep",
            "0x0a+ep", "012+p", "45+ep", "cap_kill+i cap_kill-i", "  cap_bpf,cap_perfmon+ep   cap_checkpoint_restore=i",
            "cap_dac_override=ep cap_dac_override=");
    private static final List<String> REFUSED = List.of(
            "cap_foo+ep", "cap_chown", "+ep", "cap_chown+", "cap_chown+x", "cap_chown,+e", "cap_chown=e=p", "64+e",
            "cap_chown+e-", "=e+p", "cap_chown ep", "08+e", "cap_chown2+e", "cap_chown;+e");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void storesWhatRpmbuildStores(RpmGeneration generation) throws Exception {
        generation.requireTool("rpmbuild");
        Path rpm = build(generation, ACCEPTED).orElseThrow();
        String stored = generation.query(rpm, "[%{FILENAMES}|%{FILECAPS}\\n]");
        List<String> expected = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < ACCEPTED.size(); i++) {
            ParsedText parsed = FileCapabilities.parse(ACCEPTED.get(i));
            assertTrue(parsed.ok(), () -> "we refuse what rpmbuild takes: " + parsed.problem());
            ours.add(String.format("/caps/f%02d|%s", i, parsed.normalized()));
        }
        stored.lines().filter(l -> l.startsWith("/caps/f")).forEach(expected::add);
        assertEquals(expected, ours, generation + ": FILECAPS, one row a file");
    }

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void refusesWhatRpmbuildRefuses(RpmGeneration generation) throws Exception {
        generation.requireTool("rpmbuild");
        for (String caps : REFUSED) {
            assertTrue(build(generation, List.of(caps)).isEmpty(), () -> generation + " builds %caps(" + caps + ")");
            ParsedText parsed = FileCapabilities.parse(caps);
            assertFalse(parsed.ok(), () -> "we take %caps(" + caps + ") as " + parsed.normalized());
        }
    }

    /** A package with one file per capability text; empty when rpmbuild refuses it. */
    private java.util.Optional<Path> build(RpmGeneration generation, List<String> caps) throws Exception {
        Path top = Files.createDirectories(generation.workDir(dir).resolve("rpmbuild-" + System.nanoTime()));
        StringBuilder spec = new StringBuilder("""
                Name: caps
                Version: 1
                Release: 1
                Summary: caps
                License: MIT
                BuildArch: noarch
                %description
                caps
                %install
                mkdir -p %{buildroot}/caps
                """);
        for (int i = 0; i < caps.size(); i++) {
            spec.append(String.format("echo %d > %%{buildroot}/caps/f%02d%n", i, i));
        }
        spec.append("%files\n%dir /caps\n");
        for (int i = 0; i < caps.size(); i++) {
            spec.append("%caps(").append(caps.get(i)).append(String.format(") /caps/f%02d%n", i));
        }
        Path specFile = Files.writeString(top.resolve("caps.spec"), spec);
        RealRpm.Result result = generation.run("rpmbuild", "--define", "_topdir " + generation.path(top), "-bb",
                generation.path(specFile));
        if (result.exitCode() != 0) {
            assertTrue(result.output().contains("Invalid capability"), result::output);
            return java.util.Optional.empty();
        }
        try (Stream<Path> built = Files.walk(top.resolve("RPMS"))) {
            return built.filter(p -> p.toString().endsWith(".rpm")).findFirst();
        }
    }
}

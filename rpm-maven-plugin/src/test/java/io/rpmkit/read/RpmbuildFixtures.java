package io.rpmkit.read;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real packages made by the real rpmbuild, built once per test run into a temporary directory. A
 * test that needs them is skipped, loudly, where rpmbuild is not installed.
 */
final class RpmbuildFixtures {
    static final Path RPMBUILD = Path.of("/usr/bin/rpmbuild");
    static final Path RPM = Path.of("/usr/bin/rpm");

    /** The %_binary_payload of each fixture: rpmio's mode and compressor. */
    static final List<String> PAYLOADS = List.of("w6.gzdio", "w3.zstdio", "w6.xzdio", "w9.bzdio", "w6.lzdio",
            "w.ufdio");

    static final String CONFIG_CONTENT = "key=value\n";
    static final String README_CONTENT = "hello\n";

    /** Exercises every view: config, ghost, dir, symlink, hard links, doc, license, odd owners, scripts. */
    static final String SPEC = """
            Name: demo
            Epoch: 2
            Version: 1.2
            Release: 3
            Summary: A demo package
            License: MIT
            URL: https://example.com/demo
            Vendor: Example Vendor
            Packager: Jane Doe <jane@example.com>
            Group: Applications/Demo
            BuildArch: noarch
            Requires(post): /bin/sh
            Requires: systemd >= 219
            Recommends: bash
            Suggests: less
            Supplements: demo-base
            Enhances: demo-extra > 1:2.0-1
            OrderWithRequires: demo-first >= 1.0
            Provides: democap = 1.2
            Conflicts: olddemo < 1.0
            Obsoletes: ancient <= 0.9

            %description
            Demo description.
            Second line.

            %install
            mkdir -p %{buildroot}/etc/demo %{buildroot}/usr/share/demo/dir %{buildroot}/usr/bin
            mkdir -p %{buildroot}/usr/share/doc/demo %{buildroot}/usr/share/licenses/demo
            printf 'key=value\\n' > %{buildroot}/etc/demo/demo.conf
            printf 'secret\\n' > %{buildroot}/etc/demo/secret.conf
            printf 'hello\\n' > %{buildroot}/usr/share/demo/readme.txt
            seq 1 60000 > %{buildroot}/usr/share/demo/numbers.txt
            printf 'linked\\n' > %{buildroot}/usr/share/demo/hard1
            ln %{buildroot}/usr/share/demo/hard1 %{buildroot}/usr/share/demo/hard2
            printf '#!/bin/sh\\necho demo\\n' > %{buildroot}/usr/bin/demo
            ln -s ../share/demo/readme.txt %{buildroot}/usr/bin/demo-readme
            printf 'Read me\\n' > %{buildroot}/usr/share/doc/demo/README
            printf 'MIT\\n' > %{buildroot}/usr/share/licenses/demo/LICENSE

            %files
            %config(noreplace) /etc/demo/demo.conf
            %attr(0640, nobody, nogroup) %config /etc/demo/secret.conf
            %ghost /var/log/demo.log
            %dir /usr/share/demo/dir
            /usr/share/demo/readme.txt
            /usr/share/demo/numbers.txt
            /usr/share/demo/hard1
            /usr/share/demo/hard2
            %attr(0755, root, root) /usr/bin/demo
            /usr/bin/demo-readme
            %doc /usr/share/doc/demo/README
            %license /usr/share/licenses/demo/LICENSE

            %pre
            echo pre
            %post
            echo post $1
            %postun -p /bin/sh
            echo postun
            %posttrans -p /sbin/ldconfig
            %triggerin -- bash
            echo trigger
            %triggerun -- coreutils >= 8
            echo untrigger

            %changelog
            * Mon Jan 01 2024 Jane Doe <jane@example.com> - 2:1.2-3
            - First release
            - With two lines
            """;

    private static final Map<String, Path> BUILT = new HashMap<>();
    private static Path workDir;

    private RpmbuildFixtures() {
    }

    /** Skips the calling test, with a message on stderr, unless rpmbuild and rpm are installed. */
    static void requireRpmbuild() {
        boolean present = Files.isExecutable(RPMBUILD) && Files.isExecutable(RPM);
        if (!present) {
            System.err.println("*** SKIPPED: " + RPMBUILD + " or " + RPM + " is not installed; the tests that compare "
                    + "our reader with real rpm packages did NOT run. Install rpm (apt-get install rpm) to run them.");
        }
        assumeTrue(present, "rpmbuild is not installed: comparison with real rpm packages skipped");
    }

    /** The fixture package built with this %_binary_payload. */
    static synchronized Path build(String payload) {
        requireRpmbuild();
        return BUILT.computeIfAbsent(payload, RpmbuildFixtures::rpmbuild);
    }

    private static Path rpmbuild(String payload) {
        try {
            Path top = workDir().resolve(payload);
            Files.createDirectories(top.resolve("SPECS"));
            Path spec = top.resolve("SPECS/demo.spec");
            Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
            run(List.of(RPMBUILD.toString(), "-bb", "--quiet", "--define", "_topdir " + top,
                    "--define", "_binary_payload " + payload, "--define", "_build_id_links none", spec.toString()));
            try (Stream<Path> rpms = Files.walk(top.resolve("RPMS"))) {
                return rpms.filter(p -> p.toString().endsWith(".rpm")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("rpmbuild made no package in " + top));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command and returns its standard output; fails the test on a non-zero exit. */
    static String run(List<String> command) {
        try {
            Path errors = Files.createTempFile("rpmkit-command", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: " + Files.readString(errors));
                }
                return out;
            } finally {
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code rpm -qp --qf FORMAT} on a package. */
    static String query(Path rpm, String format) {
        return run(List.of(RPM.toString(), "-qp", "--nosignature", "--nodigest", "--qf", format, rpm.toString()));
    }

    private static Path workDir() throws IOException {
        if (workDir == null) {
            workDir = Files.createTempDirectory("rpmkit-read-fixtures");
            Path dir = workDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        }
        return workDir;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}

package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.luben.zstd.ZstdInputStream;

import io.rpmkit.Console;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;
import io.rpmkit.testing.SamplePackages;

/**
 * The real rpm judges what the writer makes: digests, every tag, install, verify, erase; each check on
 * every rpm generation (4.18 on the host, 4.20 and 6.1 in the roots CI caches).
 */
class RpmWriterRealRpmTest {
    @TempDir
    Path dir;

    private Path build(PackageSpec spec) throws Exception {
        Path output = dir.resolve("out").resolve(spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, output);
        return output;
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void everyDigestChecksOutWithRpm(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm");
        for (Compression compression : Compression.values()) {
            Path rpm = build(SamplePackages.everything(dir).compression(compression, null).build());
            String report = generation.ok("rpm", "-Kv", "--nosignature", generation.path(rpm));
            assertTrue(report.contains("Header SHA256 digest: OK"), report);
            assertTrue(report.contains("Payload SHA256 digest: OK"), report);
            if (generation.isRpm6()) {
                // rpm 6 neither checks nor reports the SHA-1 header and MD5 digests any more (a package
                // with both broken passes -K there); older rpm still reads them, so we still write them.
                assertFalse(report.contains("SHA1") || report.contains("MD5"), report);
            } else {
                assertTrue(report.contains("Header SHA1 digest: OK"), report);
                assertTrue(report.contains("MD5 digest: OK"), report);
            }
            assertFalse(report.contains("BAD") || report.contains("NOTFOUND"), report);
            Files.delete(rpm);
        }
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmReadsTheMetadataWeWrote(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm");
        Path rpm = build(SamplePackages.everything(dir).build());
        assertEquals("sample|1.2.3|4|noarch|linux|Greets the world from a test|Apache-2.0|Applications/System"
                + "|https://example.com/sample|Example|Jane Doe <jane@example.com>|localhost|"
                + SamplePackages.BUILD_TIME.getEpochSecond() + "|sample-1.2.3-4.src.rpm|gzip|6",
                generation.query(rpm, "%{NAME}|%{VERSION}|%{RELEASE}|%{ARCH}|%{OS}|%{SUMMARY}|%{LICENSE}"
                        + "|%{GROUP}|%{URL}"
                        + "|%{VENDOR}|%{PACKAGER}|%{BUILDHOST}|%{BUILDTIME}|%{SOURCERPM}|%{PAYLOADCOMPRESSOR}"
                        + "|%{PAYLOADFLAGS}"));
        assertEquals("A sample package\nwith two lines of description.", generation.query(rpm, "%{DESCRIPTION}"));
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmListsExactlyTheEntriesWithTheirAttributes(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm");
        Path rpm = build(SamplePackages.everything(dir).build());
        String files = generation.query(rpm, "[%{FILENAMES} %{FILEMODES:octal} %{FILEUSERNAME}:%{FILEGROUPNAME}"
                + " %{FILEFLAGS} %{FILESIZES} %{FILELINKTOS}|\n]");
        assertEquals(String.join("\n",
                "/etc/sample.conf 100644 root:root 17 15 |",
                "/usr/share/doc/sample/README 100644 root:root 2 9 |",
                "/usr/share/sample 40755 root:root 0 0 |",
                "/usr/share/sample/bin 40755 root:root 0 0 |",
                "/usr/share/sample/bin/hello 100755 root:root 0 21 |",
                "/usr/share/sample/current 120777 root:root 0 9 bin/hello|",
                "/usr/share/sample/data.bin 100644 root:root 0 200000 |",
                "/var/lib/sample.state 100644 root:root 89 0 |", ""), files);
        String digest = generation.query(rpm, "[%{FILEDIGESTS}\n]").lines().toList().get(4);
        assertEquals(sha256(Files.readAllBytes(dir.resolve("hello.sh"))), digest);
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmReadsEveryDependencyWithItsFlags(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm");
        Path rpm = build(SamplePackages.everything(dir).build());
        assertEquals(String.join("\n",
                "bash >= 4.0",
                "coreutils",
                "/bin/sh", // the #! of the executable /usr/bin/sample, as rpmbuild's script.req finds it
                "config(sample) = 1.2.3-4", // rpmbuild's habit for a package with config files
                "/bin/sh",
                "/bin/sh",
                "/bin/sh",
                "/bin/sh",
                "/bin/sh", // the trigger's interpreter, as rpmbuild requires it (DependencyVocabularyRealRpmTest)
                "rpmlib(CompressedFileNames) <= 3.0.4-1",
                "rpmlib(FileDigests) <= 4.6.0-1",
                "rpmlib(PayloadFilesHavePrefix) <= 4.0-1", ""), queryDependencies(generation, rpm, "--requires"));
        assertEquals("sample = 1.2.3-4\nsample-api = 2\nconfig(sample) = 1.2.3-4\n",
                queryDependencies(generation, rpm, "--provides"));
        assertEquals("sample-old < 1.0\n", queryDependencies(generation, rpm, "--conflicts"));
        assertEquals("sample-legacy < 1.0\n", queryDependencies(generation, rpm, "--obsoletes"));
        assertEquals("less\n", queryDependencies(generation, rpm, "--recommends"));
        assertEquals("vim\n", queryDependencies(generation, rpm, "--suggests"));
        assertEquals("sample-suite\n", queryDependencies(generation, rpm, "--supplements"));
        assertEquals("sample-core > 1:0.9-2\n", queryDependencies(generation, rpm, "--enhances"));
        assertEquals("coreutils post,preun\n", generation.query(rpm, "[%{REQUIRENAME} %{REQUIREFLAGS:deptype}\n]")
                .lines().filter(l -> l.startsWith("coreutils")).findFirst().orElseThrow() + "\n");
        String scripts = generation.ok("rpm", "-qp", "--nosignature", "--scripts", "--triggers", generation.path(rpm));
        assertTrue(scripts.contains("postinstall scriptlet (using /bin/sh):\necho post $1 >> /sample.trace"), scripts);
        assertTrue(scripts.contains("triggerin scriptlet (using /bin/sh) -- httpd >= 2.4\necho httpd arrived"), scripts);
        assertEquals("* Fri Nov 20 2026 Jane Doe <jane@example.com> - 1.2.3-4\n- Second entry\n\n"
                + "* Thu Oct 01 2026 Jane Doe <jane@example.com> - 1.2.3-3\n- First entry\n\n",
                generation.ok("rpm", "-qp", "--nosignature", "--changelog", generation.path(rpm)));
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void installsVerifiesUpgradesAndErasesInAThrowawayRoot(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm");
        RealRpm.Root root = generation.newRoot(dir.resolve("root")).withShell();
        Path first = build(SamplePackages.everything(dir).build());
        root.rpmOk("-i", "--nodeps", generation.path(first));
        assertEquals("", root.rpmOk("-V", "--nodeps", "sample"));
        assertTrue(Files.isSymbolicLink(root.dir().resolve("usr/share/sample/current")));
        assertEquals("#!/bin/sh\necho hello\n", Files.readString(root.dir().resolve("usr/share/sample/bin/hello")));
        assertFalse(Files.exists(root.dir().resolve("var/lib/sample.state")), "a ghost is never created");

        Path second = build(SamplePackages.everything(dir).release("5").build());
        root.rpmOk("-U", "--nodeps", generation.path(second));
        assertEquals("sample-1.2.3-5.noarch\n", root.rpmOk("-q", "sample"));
        assertEquals("", root.rpmOk("-V", "--nodeps", "sample"));

        root.rpmOk("-e", "sample");
        assertEquals("pre 1\npost 1\npre 2\npost 2\npreun 1\npostun 1\npreun 0\npostun 0\n",
                Files.readString(root.dir().resolve("sample.trace")));
        assertFalse(Files.exists(root.dir().resolve("usr/share/sample")), "erase removes what the package owned");
        assertTrue(Files.isDirectory(root.dir().resolve("etc")), "directories the package does not own stay");
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void everyCompressionInstallsWithRpm(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm");
        List<Map.Entry<Compression, Integer>> choices = new ArrayList<>();
        for (Compression compression : Compression.values()) {
            choices.add(new SimpleEntry<>(compression, null));
        }
        // xz 9's 64 MiB dictionary, which rpm's decoder must take (its limit is 100 MiB); the encoder needs 929 MiB.
        if (Runtime.getRuntime().maxMemory() >= 1536L << 20) {
            choices.add(new SimpleEntry<>(Compression.XZ, 9));
        } else {
            System.err.println("!!! SKIPPED: xz 9 with rpm: the test JVM's heap is under 1.5 GiB");
        }
        for (Map.Entry<Compression, Integer> choice : choices) {
            String name = choice.getKey() + (choice.getValue() == null ? "" : "-" + choice.getValue());
            RealRpm.Root root = generation.newRoot(dir.resolve("root-" + name));
            Path rpm = build(SamplePackages.everything(dir).compression(choice.getKey(), choice.getValue()).build());
            root.rpmOk("-i", "--nodeps", "--noscripts", generation.path(rpm));
            assertEquals("#!/bin/sh\necho hello\n", Files.readString(root.dir().resolve("usr/share/sample/bin/hello")),
                    name);
            assertEquals("", root.rpmOk("-V", "--nodeps", "sample"), name);
            Files.delete(rpm);
        }
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void uncompressedPayloadDigestCoversTheUncompressedPayload(RpmGeneration generation) throws Exception {
        generation.requireTool("rpm2cpio");
        Path rpm = build(SamplePackages.everything(dir).compression(Compression.ZSTD, 3).build());
        byte[] bytes = Files.readAllBytes(rpm);
        int offset = (int) RpmReader.read(rpm).payloadOffset();
        byte[] payload;
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
            payload = in.readAllBytes();
        }
        assertEquals(sha256(payload), generation.query(rpm, "%{" + generation.tagName("PAYLOADDIGESTALT") + "}"));

        Path cpio = generation.workDir(dir).resolve("payload.cpio");
        generation.ok("sh", "-c", "rpm2cpio '" + generation.path(rpm) + "' > '" + generation.path(cpio) + "'");
        if (generation == RpmGeneration.RPM_4_18) {
            assertEquals(sha256(payload), sha256(Files.readAllBytes(cpio)), "rpm2cpio 4.18 passes the payload on");
        } else {
            // From 4.20 on rpm2cpio writes a new archive from the header's file list (lower-case hex,
            // its own link counts), for rpmbuild's packages as for ours: not the payload's bytes.
            assertNotEquals(sha256(payload), sha256(Files.readAllBytes(cpio)));
        }
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmlintFindsNoErrorsInAWellConfiguredPackage(RpmGeneration generation) throws Exception {
        generation.requireTool("rpmlint");
        Path rpm = build(SamplePackages.everything(dir).build());
        RealRpm.Result result = generation.run("rpmlint", "-c", generation.path(RealRpm.RPMLINT_FILTERS),
                generation.path(rpm));
        assertTrue(result.output().contains(" 0 errors"), result.output());
    }

    private static String queryDependencies(RpmGeneration generation, Path rpm, String option) throws Exception {
        return generation.ok("rpm", "-qp", "--nosignature", option, generation.path(rpm));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package io.rpmkit.write;

import static io.rpmkit.testing.RealRpm.ok;
import static io.rpmkit.testing.RealRpm.query;
import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.SamplePackages;

/** The real rpm judges what the writer makes: digests, every tag, install, verify, erase. */
class RpmWriterRealRpmTest {
    @TempDir
    Path dir;

    private Path build(PackageSpec spec) throws Exception {
        Path output = dir.resolve("out").resolve(spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, output);
        return output;
    }

    @Test
    void everyDigestChecksOutWithRpm() throws Exception {
        requireTool("rpm");
        for (Compression compression : Compression.values()) {
            Path rpm = build(SamplePackages.everything(dir).compression(compression, null).build());
            String report = ok("rpm", "-Kv", "--nosignature", rpm.toString());
            assertTrue(report.contains("Header SHA256 digest: OK"), report);
            assertTrue(report.contains("Header SHA1 digest: OK"), report);
            assertTrue(report.contains("Payload SHA256 digest: OK"), report);
            assertTrue(report.contains("MD5 digest: OK"), report);
            assertFalse(report.contains("BAD") || report.contains("NOTFOUND"), report);
            Files.delete(rpm);
        }
    }

    @Test
    void rpmReadsTheMetadataWeWrote() throws Exception {
        requireTool("rpm");
        Path rpm = build(SamplePackages.everything(dir).build());
        assertEquals("sample|1.2.3|4|noarch|linux|Greets the world from a test|Apache-2.0|Applications/System"
                + "|https://example.com/sample|Example|Jane Doe <jane@example.com>|localhost|"
                + SamplePackages.BUILD_TIME.getEpochSecond() + "|sample-1.2.3-4.src.rpm|gzip|6",
                query(rpm, "%{NAME}|%{VERSION}|%{RELEASE}|%{ARCH}|%{OS}|%{SUMMARY}|%{LICENSE}|%{GROUP}|%{URL}"
                        + "|%{VENDOR}|%{PACKAGER}|%{BUILDHOST}|%{BUILDTIME}|%{SOURCERPM}|%{PAYLOADCOMPRESSOR}"
                        + "|%{PAYLOADFLAGS}"));
        assertEquals("A sample package\nwith two lines of description.", query(rpm, "%{DESCRIPTION}"));
    }

    @Test
    void rpmListsExactlyTheEntriesWithTheirAttributes() throws Exception {
        requireTool("rpm");
        Path rpm = build(SamplePackages.everything(dir).build());
        String files = query(rpm, "[%{FILENAMES} %{FILEMODES:octal} %{FILEUSERNAME}:%{FILEGROUPNAME}"
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
        String digest = query(rpm, "[%{FILEDIGESTS}\n]").lines().toList().get(4);
        assertEquals(sha256(Files.readAllBytes(dir.resolve("hello.sh"))), digest);
    }

    @Test
    void rpmReadsEveryDependencyWithItsFlags() throws Exception {
        requireTool("rpm");
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
                "rpmlib(CompressedFileNames) <= 3.0.4-1",
                "rpmlib(FileDigests) <= 4.6.0-1",
                "rpmlib(PayloadFilesHavePrefix) <= 4.0-1", ""), ok("rpm", "-qp", "--nosignature", "--requires",
                        rpm.toString()));
        assertEquals("sample = 1.2.3-4\nsample-api = 2\nconfig(sample) = 1.2.3-4\n", ok("rpm", "-qp", "--nosignature", "--provides",
                rpm.toString()));
        assertEquals("sample-old < 1.0\n", ok("rpm", "-qp", "--nosignature", "--conflicts", rpm.toString()));
        assertEquals("sample-legacy < 1.0\n", ok("rpm", "-qp", "--nosignature", "--obsoletes", rpm.toString()));
        assertEquals("less\n", ok("rpm", "-qp", "--nosignature", "--recommends", rpm.toString()));
        assertEquals("vim\n", ok("rpm", "-qp", "--nosignature", "--suggests", rpm.toString()));
        assertEquals("sample-suite\n", ok("rpm", "-qp", "--nosignature", "--supplements", rpm.toString()));
        assertEquals("sample-core > 1:0.9-2\n", ok("rpm", "-qp", "--nosignature", "--enhances", rpm.toString()));
        assertEquals("coreutils post,preun\n", query(rpm, "[%{REQUIRENAME} %{REQUIREFLAGS:deptype}\n]")
                .lines().filter(l -> l.startsWith("coreutils")).findFirst().orElseThrow() + "\n");
        String scripts = ok("rpm", "-qp", "--nosignature", "--scripts", "--triggers", rpm.toString());
        assertTrue(scripts.contains("postinstall scriptlet (using /bin/sh):\necho post $1 >> /sample.trace"), scripts);
        assertTrue(scripts.contains("triggerin scriptlet (using /bin/sh) -- httpd >= 2.4\necho httpd arrived"), scripts);
        assertEquals("* Fri Nov 20 2026 Jane Doe <jane@example.com> - 1.2.3-4\n- Second entry\n\n"
                + "* Thu Oct 01 2026 Jane Doe <jane@example.com> - 1.2.3-3\n- First entry\n\n",
                ok("rpm", "-qp", "--nosignature", "--changelog", rpm.toString()));
    }

    @Test
    void installsVerifiesUpgradesAndErasesInAThrowawayRoot() throws Exception {
        requireTool("rpm");
        RealRpm.Root root = new RealRpm.Root(dir.resolve("root")).withShell();
        Path first = build(SamplePackages.everything(dir).build());
        root.rpmOk("-i", "--nodeps", first.toString());
        assertEquals("", root.rpmOk("-V", "--nodeps", "sample"));
        assertTrue(Files.isSymbolicLink(root.dir().resolve("usr/share/sample/current")));
        assertEquals("#!/bin/sh\necho hello\n", Files.readString(root.dir().resolve("usr/share/sample/bin/hello")));
        assertFalse(Files.exists(root.dir().resolve("var/lib/sample.state")), "a ghost is never created");

        Path second = build(SamplePackages.everything(dir).release("5").build());
        root.rpmOk("-U", "--nodeps", second.toString());
        assertEquals("sample-1.2.3-5.noarch\n", root.rpmOk("-q", "sample"));
        assertEquals("", root.rpmOk("-V", "--nodeps", "sample"));

        root.rpmOk("-e", "sample");
        assertEquals("pre 1\npost 1\npre 2\npost 2\npreun 1\npostun 1\npreun 0\npostun 0\n",
                Files.readString(root.dir().resolve("sample.trace")));
        assertFalse(Files.exists(root.dir().resolve("usr/share/sample")), "erase removes what the package owned");
        assertTrue(Files.isDirectory(root.dir().resolve("etc")), "directories the package does not own stay");
    }

    @Test
    void everyCompressionInstallsWithRpm() throws Exception {
        requireTool("rpm");
        for (Compression compression : Compression.values()) {
            RealRpm.Root root = new RealRpm.Root(dir.resolve("root-" + compression));
            Path rpm = build(SamplePackages.everything(dir).compression(compression, null).build());
            root.rpmOk("-i", "--nodeps", "--noscripts", rpm.toString());
            assertEquals("#!/bin/sh\necho hello\n", Files.readString(root.dir().resolve("usr/share/sample/bin/hello")),
                    compression.name());
            assertEquals("", root.rpmOk("-V", "--nodeps", "sample"), compression.name());
            Files.delete(rpm);
        }
    }

    @Test
    void uncompressedPayloadDigestCoversTheUncompressedPayload() throws Exception {
        requireTool("rpm2cpio");
        Path rpm = build(SamplePackages.everything(dir).compression(Compression.ZSTD, 3).build());
        Path cpio = dir.resolve("payload.cpio");
        ok("sh", "-c", "rpm2cpio '" + rpm + "' > '" + cpio + "'");
        assertEquals(sha256(Files.readAllBytes(cpio)), query(rpm, "%{PAYLOADDIGESTALT}"));
    }

    @Test
    void rpmlintFindsNoErrorsInAWellConfiguredPackage() throws Exception {
        requireTool("rpmlint");
        Path rpm = build(SamplePackages.everything(dir).build());
        RealRpm.Result result = RealRpm.run("rpmlint", "-c", RealRpm.RPMLINT_FILTERS.toString(), rpm.toString());
        assertTrue(result.output().contains(" 0 errors"), result.output());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

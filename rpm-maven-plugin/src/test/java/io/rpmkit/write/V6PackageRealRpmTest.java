package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import com.github.luben.zstd.ZstdInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Choices;
import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.read.RpmFile;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.RpmFormat;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * A v6 package made by our writer against one that rpmbuild 6.1 (sid root, whose default
 * {@code %_rpmformat} is 6) makes of the same staging tree: every tag {@code rpm --querytags} lists must
 * print the same, except those the README explains, each asserted here. Ours then installs, verifies
 * and erases with rpm 6.1 and with the host's 4.18, passes their {@code rpm -K}, and reads back with our
 * reader.
 */
class V6PackageRealRpmTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T00:00:00Z");
    /** rpm reads a changelog's day as noon UTC, as ChangelogParser does. */
    private static final Instant CHANGELOG_TIME = Instant.parse("2026-11-24T12:00:00Z");
    private static final RpmGeneration SID = RpmGeneration.RPM_6_1;
    /** Relative path to mode and content: a file of each kind the MIME types name. */
    private static final Map<String, Object[]> TREE = new TreeMap<>();
    /** The build environment, which we do not have and do not claim: rpmbuild records it, we write none. */
    private static final Set<String> BUILD_ENVIRONMENT = Set.of("RPMVERSION", "PLATFORM", "OPTFLAGS");
    /** Digests and sizes of the compressed payload: the same cpio archive through another zstd encoder. */
    private static final Set<String> COMPRESSED_PAYLOAD = Set.of("PAYLOADSHA256", "PAYLOADSHA512",
            "PAYLOADSHA3_256", "PAYLOADSIZE");
    /** What covers the header's bytes, which differ where the tags above differ. */
    private static final Set<String> HEADER_BYTES = Set.of("HEADERIMMUTABLE", "SHA256HEADER", "SHA3_256HEADER",
            "PKGID", "HDRID", "SIGSIZE", "HEADERCOLOR");

    @TempDir
    static Path dir;
    private static Path stage;
    private static Path theirs;
    private static Path ours;

    static {
        TREE.put("etc/probe/probe.conf", new Object[] {"rw-r--r--", "a=1\n"});
        TREE.put("usr/bin/probe", new Object[] {"rwxr-xr-x", "#!/bin/sh\necho probe\n"});
        TREE.put("usr/libexec/probe/helper", new Object[] {"rwxr-xr-x", "#!/usr/bin/python3\nprint(1)\n"});
        TREE.put("usr/share/probe/empty", new Object[] {"rw-r--r--", ""});
        TREE.put("usr/share/probe/data.bin", new Object[] {"rw-r--r--", "\u0000\u0001\u0002\u00ff binary\n"});
        TREE.put("usr/share/probe/notes.xml", new Object[] {"rw-r--r--", "<?xml version=\"1.0\"?>\n<notes/>\n"});
        TREE.put("usr/share/probe/page.html", new Object[] {"rw-r--r--", "<p>hi</p>\n"});
        TREE.put("usr/share/probe/readme.txt", new Object[] {"rw-r--r--", "plain words, UTF-8: \u00e9\n"});
    }

    @BeforeAll
    static void buildBoth() throws Exception {
        SID.requireTool("rpmbuild");
        stage = Files.createDirectories(SID.workDir(dir).resolve("stage"));
        for (var file : TREE.entrySet()) {
            Path path = stage.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, ((String) file.getValue()[1]).getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString((String) file.getValue()[0]));
        }
        Files.write(stage.resolve("usr/share/probe/lib.jar"), jar());
        Files.createSymbolicLink(stage.resolve("usr/share/probe/current"), Path.of("notes.xml"));
        theirs = rpmbuild();
        ours = ours(SID.query(theirs, "%{PAYLOADCOMPRESSOR}"), SID.query(theirs, "%{PAYLOADFLAGS}"));
    }

    @Test
    void everyTagPrintsAsRpmbuild61sButTheExplainedOnes() throws Exception {
        List<String> tags = Arrays.stream(SID.ok("rpm", "--querytags").split("\n")).filter(t -> !t.isBlank())
                .toList();
        Map<String, String> theirTags = allTags(theirs, tags);
        Map<String, String> ourTags = allTags(ours, tags);
        // libmagic, told to look into compressed files, hands a jar of several entries to gzip and
        // names the error as its type; we call a jar a jar. With that one value put right, equal.
        for (String tag : List.of("MIMEDICT", "FILEMIMES")) {
            String their = theirTags.get(tag);
            assertTrue(their.contains("|application/x-decompression-error-gzip-") && ourTags.get(tag)
                    .contains("|application/java-archive|"), tag + ": " + their + " / " + ourTags.get(tag));
            theirTags.put(tag, their.replaceAll("application/x-decompression-error-gzip-[^|]*",
                    "application/java-archive"));
        }
        Set<String> differing = new TreeSet<>();
        for (String tag : tags) {
            if (!theirTags.get(tag).equals(ourTags.get(tag))) {
                differing.add(tag);
            }
        }
        Set<String> explained = new TreeSet<>();
        explained.addAll(BUILD_ENVIRONMENT);
        explained.addAll(COMPRESSED_PAYLOAD);
        explained.addAll(HEADER_BYTES);
        explained.retainAll(differing);
        assertEquals(explained, differing, () -> "tags that differ unexplained:\n" + report(differing, theirTags,
                ourTags));

        assertEquals("0:6|", ourTags.get("RPMFORMAT"));
        assertEquals("0:6.1.0|", theirTags.get("RPMVERSION"));
        for (String tag : BUILD_ENVIRONMENT) {
            assertEquals("0:", ourTags.get(tag), tag + ": none of ours");
        }
        assertEquals("0:|/bin/sh|/usr/bin/python3|", ourTags.get("FILEREQUIRE").replaceAll("\\|+", "|"),
                "which file needs which interpreter, as rpmbuild records it");
        for (String tag : COMPRESSED_PAYLOAD) {
            assertTrue(ourTags.get(tag).matches("0:[0-9a-f]+\\|"), tag + ": " + ourTags.get(tag));
        }
        for (String tag : List.of("PAYLOADSHA256ALT", "PAYLOADSHA512ALT", "PAYLOADSHA3_256ALT", "PAYLOADSIZEALT",
                "MIMEDICT", "FILEMIMEINDEX", "SOURCENEVR", "LONGFILESIZES", "LONGSIZE", "REQUIRENAME", "BUILDTIME",
                "FILEMTIMES", "CHANGELOGTIME")) {
            assertNotEquals("0:", ourTags.get(tag), tag + " is there, and equal to rpmbuild's");
        }
    }

    @Test
    void layoutIsV6s() throws Exception {
        RpmPackage pkg = RpmReader.read(ours);
        byte[] lead = Arrays.copyOf(Files.readAllBytes(ours), 96);
        assertEquals(4, lead[4], "lead major version");
        assertEquals(List.of(SignatureTag.SHA256HEADER.code(), SignatureTag.SHA3_256HEADER.code(),
                SignatureTag.RESERVED.code()), tagCodes(pkg), "signature header tags after the region");
        assertEquals(Arrays.toString(Arrays.copyOf(Files.readAllBytes(theirs), 96)).replace("probe", ""),
                Arrays.toString(lead).replace("probe", ""), "the lead is rpmbuild's");
        assertEquals(signatureSize(theirs), signatureSize(ours), "the same reserved space");
        assertTrue(!pkg.header().contains(RpmTag.FILESIZES) && !pkg.header().contains(RpmTag.SIZE)
                && !pkg.header().contains(RpmTag.PAYLOADDIGESTALGO), "no 32-bit sizes, no payload digest algorithm");
        assertEquals(List.of("rpmlib(LargeFiles)", "rpmlib(PayloadIsZstd)"),
                pkg.strings(RpmTag.REQUIRENAME).stream().filter(n -> n.startsWith("rpmlib(")).toList());
        byte[] archive = cpio(ours);
        assertEquals("07070X00000000", new String(archive, 0, 14, StandardCharsets.US_ASCII), "stripped archive");
        assertTrue(Arrays.equals(cpio(theirs), archive), "the archive is rpmbuild's, byte for byte");
    }

    @Test
    void ourReaderReadsBothAndTheirFilesAgree() throws Exception {
        RpmPackage ourPackage = RpmReader.read(ours);
        RpmPackage theirPackage = RpmReader.read(theirs);
        assertTrue(ourPackage.verifyDigests().allOk(), () -> {
            try {
                return ourPackage.verifyDigests().toString();
            } catch (Exception e) {
                return e.toString();
            }
        });
        assertTrue(theirPackage.verifyDigests().allOk(), "rpmbuild 6.1's package verifies with our reader");
        assertEquals(files(theirPackage), files(ourPackage));
        assertEquals(Arrays.toString(theirPackage.int32(RpmTag.FILEMIMEINDEX)),
                Arrays.toString(ourPackage.int32(RpmTag.FILEMIMEINDEX)));
        assertEquals(6, ourPackage.int32(RpmTag.RPMFORMAT)[0]);
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void everyRpmQueriesChecksInstallsVerifiesAndErasesIt(RpmGeneration generation) throws Exception {
        generation.require();
        assertEquals("probe-1.0-1.noarch\n", generation.query(ours, "%{NEVRA}\\n"));
        String check = generation.ok("rpm", "-Kv", "--nosignature", generation.path(ours));
        assertTrue(check.contains("Header SHA256 digest: OK") && check.contains("Payload SHA256 digest: OK")
                && !check.contains("MD5") && !check.contains("SHA1"), check);
        // rpm 6 checks the second header digest; rpm 4 does not know it and says nothing of it.
        assertEquals(generation.isRpm6(), check.contains("Header SHA3-256 digest: OK"), check);
        installVerifyErase(generation);
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void signedWhileWrittenTheHeaderSignatureVerifies(RpmGeneration generation) throws Exception {
        generation.require();
        PGPSecretKeyRing ring = TestKeys.rsa(3072, null);
        Path key = TestKeys.writeArmored(ring, dir.resolve("v6-" + generation.name() + ".key.asc"));
        Path publicKey = dir.resolve("v6-" + generation.name() + ".pub.asc");
        try (OutputStream armor = new ArmoredOutputStream(Files.newOutputStream(publicKey))) {
            ring.toCertificate().encode(armor);
        }
        PackageSpec spec = spec("zstd", "3").build();
        Path rpm = dir.resolve("signed-" + generation.name() + "-" + spec.fileName());
        PackageSigner signer = new PackageSigner(SigningKey.load(key, null, null), HashChoice.SHA256,
                spec.buildTime());
        new RpmWriter(Console.SILENT).write(spec, rpm, new Signing(signer, false));
        assertEquals(signatureSize(ours), signatureSize(rpm), "RESERVED made room for the signature");
        // As rpmsign 6.1 --addsign --rpmv4 writes it, and as the sign goal does: rpm 6 checks OPENPGP, rpm 4 RSAHEADER.
        assertEquals(List.of(SignatureTag.RSAHEADER.code(), SignatureTag.SHA256HEADER.code(),
                SignatureTag.OPENPGP.code(), SignatureTag.SHA3_256HEADER.code(), SignatureTag.RESERVED.code()),
                tagCodes(RpmReader.read(rpm)), "signature header tags after the region");
        RealRpm.Result result = generation.checkSignatures(rpm, publicKey, dir);
        String keyId = String.format("%016x", ring.getPublicKey().getKeyID()).substring(8);
        String line = generation.signatureLine(false, "RSA/SHA256", keyId,
                HexFormat.of().formatHex(ring.getPublicKey().getFingerprint()));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(line + ": OK"), line + "\n" + result.output());
    }

    @Test
    void aLegacySignatureIsRefused() throws Exception {
        PackageSpec spec = spec("zstd", "3").build();
        PackagingException refused = assertThrows(PackagingException.class, () -> new RpmWriter(Console.SILENT)
                .write(spec, dir.resolve("legacy.rpm"), new Signing(new PackageSigner(SigningKey.load(
                        TestKeys.writeArmored(TestKeys.rsa(2048, null), dir.resolve("legacy.key.asc")), null, null),
                        HashChoice.SHA256, spec.buildTime()), true)));
        assertTrue(refused.getMessage().contains("signLegacy 'true' cannot be met by rpmFormat '6'"),
                refused.getMessage());
        assertTrue(!Files.exists(dir.resolve("legacy.rpm")));
    }

    private static void installVerifyErase(RpmGeneration generation) throws Exception {
        RealRpm.Root root = generation.newRoot(dir.resolve("root-" + generation.name())).withShell();
        root.rpmOk("-i", "--nodeps", generation.path(ours));
        assertEquals("", root.rpmOk("-V", "--nodeps", "probe"), generation + ": rpm -V");
        if (generation.isRpm6()) {
            assertTrue(root.rpmOk("-q", "--filemime", "probe").contains("/usr/share/probe/notes.xml\ttext/xml\n"),
                    "rpm 6 shows the MIME types");
        }
        root.rpmOk("-e", "--nodeps", "probe");
        assertTrue(!Files.exists(root.dir().resolve("usr/share/probe")), "erase removes what the package owned");
    }

    private static Map<String, String> allTags(Path rpm, List<String> tags) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        String path = SID.path(rpm);
        for (String tag : tags) {
            RealRpm.Result result = SID.run("rpm", "-qp", "--nosignature", "--qf", "[%{" + tag + "}|]", path);
            values.put(tag, result.exitCode() + ":" + result.output());
        }
        return values;
    }

    private static String report(Set<String> differing, Map<String, String> theirs, Map<String, String> ours) {
        StringBuilder report = new StringBuilder();
        for (String tag : differing) {
            report.append(tag).append("\n  rpmbuild: ").append(theirs.get(tag)).append("\n  ours:     ")
                    .append(ours.get(tag)).append('\n');
        }
        return report.toString();
    }

    private static List<String> files(RpmPackage pkg) {
        List<String> files = new ArrayList<>();
        for (RpmFile file : pkg.files()) {
            files.add(file.toString());
        }
        return files;
    }

    private static List<Integer> tagCodes(RpmPackage pkg) throws IOException {
        byte[] bytes = Files.readAllBytes(pkg.path());
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        int count = buffer.getInt(96 + 8);
        List<Integer> codes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            codes.add(buffer.getInt(96 + 16 + 16 * i));
        }
        return codes;
    }

    private static int signatureSize(Path rpm) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(Files.readAllBytes(rpm));
        return 16 + 16 * buffer.getInt(96 + 8) + buffer.getInt(96 + 12);
    }

    /** The zstd payload, uncompressed: the cpio archive itself. */
    private static byte[] cpio(Path rpm) throws Exception {
        RpmPackage pkg = RpmReader.read(rpm);
        byte[] file = Files.readAllBytes(rpm);
        try (var in = new ZstdInputStream(new ByteArrayInputStream(file, (int) pkg.payloadOffset(),
                file.length - (int) pkg.payloadOffset()))) {
            return in.readAllBytes();
        }
    }

    private static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            JarEntry entry = new JarEntry("probe/Probe.txt");
            entry.setTime(BUILD_TIME.toEpochMilli());
            jar.putNextEntry(entry);
            jar.write("probe".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static Path ours(String compressor, String level) throws Exception {
        PackageSpec spec = spec(compressor, level).build();
        Path rpm = dir.resolve("ours-" + spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, rpm);
        return rpm;
    }

    /** The staging tree as entries, with what the spec file says besides. */
    private static PackageSpec.Builder spec(String compressor, String level) throws IOException {
        PackageSpec.Builder builder = PackageSpec.builder().name("probe").version("1.0").summary("probe")
                .description("probe").license("MIT").url("https://example.org/probe").buildTime(BUILD_TIME)
                .targetRpm(TargetRpm.EL9).rpmFormat(RpmFormat.V6)
                .compression(Choices.find(Compression.class, compressor).orElseThrow(), Integer.valueOf(level))
                .scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/sh", "echo post"))
                .changelog(new ChangelogEntry(CHANGELOG_TIME, "Probe <probe@example.org> - 1.0-1", "- first"));
        try (Stream<Path> paths = Files.walk(stage)) {
            for (Path source : paths.filter(p -> !p.equals(stage)).sorted().toList()) {
                String path = "/" + stage.relativize(source);
                if (Files.isSymbolicLink(source)) {
                    builder.entry(Entry.symlink(path, Files.readSymbolicLink(source).toString()));
                } else if (Files.isDirectory(source)) {
                    if (path.startsWith("/usr/share/probe") || path.equals("/usr/libexec/probe")
                            || path.equals("/etc/probe")) {
                        builder.entry(Entry.directory(path));
                    }
                } else {
                    int mode = Integer.parseInt(Integer.toOctalString(Files.getPosixFilePermissions(source).stream()
                            .mapToInt(p -> 1 << (8 - p.ordinal())).sum()), 8);
                    Entry entry = Entry.file(path, Content.ofFile(source)).withMode(mode);
                    builder.entry(path.startsWith("/etc/") ? entry.withFlags(Set.of(FileFlag.CONFIG,
                            FileFlag.NOREPLACE)) : entry);
                }
            }
        }
        return builder;
    }

    private static Path rpmbuild() throws Exception {
        Path top = Files.createDirectories(stage.resolveSibling("rpmbuild"));
        Path spec = Files.writeString(top.resolve("probe.spec"), """
                Name: probe
                Version: 1.0
                Release: 1
                Summary: probe
                License: MIT
                URL: https://example.org/probe
                BuildArch: noarch
                %%description
                probe
                %%install
                cp -a %s/. %%{buildroot}/
                %%post
                echo post
                %%files
                %%dir /etc/probe
                %%config(noreplace) /etc/probe/probe.conf
                /usr/bin/probe
                /usr/libexec/probe
                /usr/share/probe
                %%changelog
                * Tue Nov 24 2026 Probe <probe@example.org> - 1.0-1
                - first
                """.formatted(SID.path(stage).replaceAll("/$", "")));
        SID.ok("env", "SOURCE_DATE_EPOCH=" + BUILD_TIME.getEpochSecond(), "rpmbuild",
                "--define", "_topdir " + SID.path(top), "--define", "_buildhost localhost",
                "--define", "use_source_date_epoch_as_buildtime 1",
                "--define", "build_mtime_policy clamp_to_source_date_epoch",
                "--define", "source_date_epoch_from_changelog 0", "--define", "__brp_mangle_shebangs %{nil}",
                "-bb", SID.path(spec));
        try (Stream<Path> built = Files.walk(top.resolve("RPMS"))) {
            return built.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }
}

package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.read.RpmReader;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.RpmFormat;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * The payload is written once, in place behind headers whose length was predicted, unless the
 * headers come out another length (then it is copied once more). Either way the package is whole:
 * our reader's digests, and rpm 4.18's and 6.1's {@code rpm -K}, agree; nothing is left beside it.
 * The number of bytes the JVM writes (/proc/self/io's wchar) tells the two paths apart.
 */
class PayloadInPlaceRealRpmTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T00:00:00Z");
    /** Random bytes: no compressor shrinks them, so the payload is about this large. */
    private static final int DATA_SIZE = 16 << 20;
    private static final byte[] DATA = new byte[DATA_SIZE];

    static {
        new Random(14).nextBytes(DATA);
    }

    /** Fast levels: the test is about where the bytes go, not how small they get. */
    private static final Map<Compression, Integer> LEVELS = Map.of(Compression.ZSTD, 3, Compression.GZIP, 1,
            Compression.XZ, 0, Compression.NONE, 0);

    @TempDir
    static Path dir;

    enum Signed { NO, HEADER, LEGACY }

    /** Whether the payload must be written once (true), twice (false), or either (null). */
    static Stream<Arguments> packages() {
        return Stream.of(
                Arguments.of("v4 zstd, data files", RpmFormat.V4, Compression.ZSTD, false, Signed.NO, true),
                Arguments.of("v4 gzip, data files", RpmFormat.V4, Compression.GZIP, false, Signed.NO, true),
                Arguments.of("v4 none, data files", RpmFormat.V4, Compression.NONE, false, Signed.NO, true),
                Arguments.of("v4 xz, data files", RpmFormat.V4, Compression.XZ, false, Signed.NO, true),
                // The interpreter named by the #! line becomes a Requires the prediction cannot know.
                Arguments.of("v4 zstd, a #! script", RpmFormat.V4, Compression.ZSTD, true, Signed.NO, false),
                // A signature's numbers may lose a leading zero byte: usually in place, not always.
                Arguments.of("v4 zstd, signed", RpmFormat.V4, Compression.ZSTD, false, Signed.HEADER, null),
                Arguments.of("v4 zstd, legacy signed", RpmFormat.V4, Compression.ZSTD, false, Signed.LEGACY, null),
                // MIME types come from the files' first bytes, read with the payload.
                Arguments.of("v6 zstd, data files", RpmFormat.V6, Compression.ZSTD, false, Signed.NO, null),
                Arguments.of("v6 zstd, a #! script, signed", RpmFormat.V6, Compression.ZSTD, true, Signed.HEADER,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void writesAWholePackageAndThePayloadOnceWhenTheHeadersWerePredicted(String name, RpmFormat format,
            Compression compression, boolean script, Signed signed, Boolean once) throws Exception {
        Path out = Files.createDirectory(dir.resolve(name.replaceAll("[^a-z0-9]+", "-")));
        List<Entry> entries = new ArrayList<>(List.of(Entry.directory("/opt/probe"),
                Entry.file("/opt/probe/data.bin", Content.ofBytes(DATA, "data.bin")),
                Entry.file("/opt/probe/notes.txt", Content.ofBytes("notes\n".getBytes(StandardCharsets.UTF_8),
                        "notes.txt"))));
        if (script) {
            entries.add(Entry.file("/opt/probe/run", Content.ofBytes("#!/bin/sh\necho probe\n"
                    .getBytes(StandardCharsets.UTF_8), "run")).withMode(0755));
        }
        PackageSpec spec = PackageSpec.builder().name("probe").version("1").summary("Probe").license("MIT")
                .buildTime(BUILD_TIME).targetRpm(TargetRpm.EL9).rpmFormat(format)
                .compression(compression, LEVELS.get(compression)).entries(entries).build();
        Path rpm = out.resolve(spec.fileName());
        Path publicKey = out.resolve("key.pub.asc");
        Signing signing = null;
        if (signed != Signed.NO) {
            PGPSecretKeyRing ring = TestKeys.rsa(2048, null);
            try (OutputStream armor = new ArmoredOutputStream(Files.newOutputStream(publicKey))) {
                ring.toCertificate().encode(armor);
            }
            signing = new Signing(new PackageSigner(SigningKey.load(TestKeys.writeArmored(ring,
                    dir.resolve(out.getFileName() + ".key.asc")), null, null), HashChoice.SHA256, BUILD_TIME),
                    signed == Signed.LEGACY);
        }

        long before = bytesWritten();
        new RpmWriter(Console.SILENT).write(spec, rpm, signing);
        long written = bytesWritten() - before;

        long size = Files.size(rpm);
        if (once != null) {
            assertEquals(once, written < size + size / 2, name + ": " + written + " bytes written for a package of "
                    + size + (once ? "; the payload was copied" : "; expected a copy"));
        }
        System.out.println("[in place] " + name + ": " + written + " bytes written for " + size);
        assertEquals(signed == Signed.NO ? List.of(rpm.getFileName().toString())
                : List.of("key.pub.asc", rpm.getFileName().toString()), listing(out), "nothing but the package is left beside it");
        assertTrue(RpmReader.read(rpm).verifyDigests().allOk(), "our reader's digests");
        for (RpmGeneration generation : List.of(RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1)) {
            generation.require();
            RealRpm.Result checked = signed == Signed.NO
                    ? generation.run("rpm", "-K", "--nosignature", generation.path(rpm))
                    : generation.checkSignatures(rpm, publicKey, out);
            assertEquals(0, checked.exitCode(), generation + ": " + checked.output());
            assertTrue(checked.output().contains("digest") && !checked.output().contains("NOT OK"),
                    generation + ": " + checked.output());
        }
    }

    private static List<String> listing(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The bytes this JVM has handed to write calls so far. */
    private static long bytesWritten() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        throw new IllegalStateException("no wchar in /proc/self/io");
    }
}

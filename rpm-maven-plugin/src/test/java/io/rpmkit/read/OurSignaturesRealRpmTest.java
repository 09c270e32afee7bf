package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/**
 * Our verdicts equal rpm's on packages we signed with an RSA key, an Ed25519 key and an Ed25519
 * signing subkey (header and legacy signature each): OK with the key, NOKEY with another key, BAD
 * after a byte of a signature, of the header or of the payload changed. And a signature packet
 * that is garbage is BAD, in the verification and in inspect's summary, where rpm refuses it.
 */
class OurSignaturesRealRpmTest {
    private static final Instant SIGNED = Instant.parse("2026-11-24T10:00:00Z");
    private static PGPSecretKeyRing rsa;
    private static PGPSecretKeyRing ed25519;
    private static PGPSecretKeyRing subkey;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestKeys.rsa(2048, null);
        ed25519 = TestKeys.ed25519(null);
        subkey = TestKeys.withSigningSubkey(null);
    }

    static Stream<Arguments> keysAndGenerations() {
        return Stream.of(RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1).flatMap(generation -> Stream.of(
                Arguments.of(generation, "RSA"), Arguments.of(generation, "Ed25519"),
                Arguments.of(generation, "Ed25519 subkey")));
    }

    private static PGPSecretKeyRing ring(String name) {
        return switch (name) {
            case "RSA" -> rsa;
            case "Ed25519" -> ed25519;
            default -> subkey;
        };
    }

    private Path signed(PGPSecretKeyRing ring, String name) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources-" + name));
        Path rpm = dir.resolve(name);
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(sources).build(), rpm);
        Path key = TestKeys.writeArmored(ring, dir.resolve(name + ".secret.asc"));
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(key, null, null), HashChoice.SHA256,
                SIGNED), true);
        return rpm;
    }

    private SignatureVerifierRealRpmTest.KeyDatabase database(RpmGeneration generation, PGPSecretKeyRing ring)
            throws Exception {
        Path work = Files.createDirectories(dir.resolve("db-" + System.nanoTime()));
        Path publicKey = TestKeys.writePublic(ring, work.resolve("public.asc"));
        return SignatureVerifierRealRpmTest.KeyDatabase.ofFiles(generation, work, List.of(publicKey));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("keysAndGenerations")
    void okWithTheKeyAndNokeyWithAnother(RpmGeneration generation, String keyName) throws Exception {
        generation.require();
        Path rpm = signed(ring(keyName), "ok.rpm");
        SignatureVerifierRealRpmTest.KeyDatabase right = database(generation, ring(keyName));
        SignatureReport report = RpmReader.read(rpm).verifySignatures(right.accepted());
        assertTrue(report.allOk() && report.checks().size() == 2, report.toString());
        SignatureVerifierRealRpmTest.assertSameVerdicts(generation, right, rpm);

        SignatureVerifierRealRpmTest.KeyDatabase other = database(generation, ring(keyName) == rsa ? ed25519 : rsa);
        SignatureReport nokey = RpmReader.read(rpm).verifySignatures(other.accepted());
        assertTrue(nokey.checks().stream().allMatch(c -> c.status() == SignatureStatus.NOKEY), nokey.toString());
        SignatureVerifierRealRpmTest.assertSameVerdicts(generation, other, rpm);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("keysAndGenerations")
    void badAfterAByteChanged(RpmGeneration generation, String keyName) throws Exception {
        generation.require();
        Path original = signed(ring(keyName), "original.rpm");
        SignatureVerifierRealRpmTest.KeyDatabase db = database(generation, ring(keyName));
        RpmPackage pkg = RpmReader.read(original);
        byte[] good = Files.readAllBytes(original);
        List<SignatureVerifier.Packet> packets = SignatureVerifier.packets(pkg.signature());

        for (int i = 0; i < packets.size(); i++) {
            Path rpm = dir.resolve("signature" + i + ".rpm");
            Files.write(rpm, SignatureVerifierRealRpmTest.flipSignatureByte(pkg, packets, i, good.clone()));
            SignatureReport report = RpmReader.read(rpm).verifySignatures(db.accepted());
            assertEquals(SignatureStatus.BAD, report.checks().get(i).status(), report.toString());
            assertEquals(SignatureStatus.OK, report.checks().get(1 - i).status(), report.toString());
            SignatureVerifierRealRpmTest.assertSameVerdicts(generation, db, rpm);
        }

        byte[] header = good.clone();
        header[(int) pkg.headerOffset() + pkg.header().entry(RpmTag.SUMMARY.code()).orElseThrow().position()] ^= 1;
        Path headerChanged = Files.write(dir.resolve("header.rpm"), header);
        SignatureReport headerReport = RpmReader.read(headerChanged).verifySignatures(db.accepted());
        assertTrue(headerReport.checks().stream().allMatch(c -> c.status() == SignatureStatus.BAD),
                headerReport.toString());
        SignatureVerifierRealRpmTest.assertSameVerdicts(generation, db, headerChanged);

        byte[] payload = good.clone();
        payload[payload.length - 50] ^= 1;
        Path payloadChanged = Files.write(dir.resolve("payload.rpm"), payload);
        SignatureReport payloadReport = RpmReader.read(payloadChanged).verifySignatures(db.accepted());
        assertEquals(List.of(SignatureStatus.OK, SignatureStatus.BAD),
                payloadReport.checks().stream().map(SignatureCheck::status).toList(), payloadReport.toString());
        SignatureVerifierRealRpmTest.assertSameVerdicts(generation, db, payloadChanged);
    }

    static Stream<Arguments> garbage() {
        return Stream.of(RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1).flatMap(generation -> Stream.of(
                Arguments.of(generation, "random bytes"), Arguments.of(generation, "not a signature packet tag"),
                Arguments.of(generation, "zeros after the first 40 bytes")));
    }

    /** The case: a garbage RSA header signature must not read as "RSA/SHA256". */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("garbage")
    void aGarbagePacketIsBadWhereRpmRefusesIt(RpmGeneration generation, String damage) throws Exception {
        generation.require();
        Path original = signed(rsa, "garbage.rpm");
        SignatureVerifierRealRpmTest.KeyDatabase db = database(generation, rsa);
        RpmPackage pkg = RpmReader.read(original);
        HeaderEntry entry = pkg.signature().entry(SignatureTag.RSAHEADER.code()).orElseThrow();
        byte[] bytes = Files.readAllBytes(original);
        int start = Lead.SIZE + entry.position();
        switch (damage) {
            case "random bytes" -> {
                byte[] noise = new byte[entry.length()];
                new Random(42).nextBytes(noise);
                noise[0] = (byte) 0x89; // still claims to be a signature packet, as a partly overwritten one does
                System.arraycopy(noise, 0, bytes, start, noise.length);
            }
            case "not a signature packet tag" -> bytes[start] = (byte) 0x99; // old format, tag 6: a public key
            default -> Arrays.fill(bytes, start + 40, start + entry.length(), (byte) 0);
        }
        Path rpm = Files.write(dir.resolve("damaged.rpm"), bytes);
        RpmPackage damaged = RpmReader.read(rpm);
        SignatureCheck check = damaged.verifySignatures(db.accepted()).checks().get(0);
        assertEquals(SignatureStatus.BAD, check.status(), check.toString());
        String summary = PackageSummary.render(damaged);
        assertTrue(summary.contains("Signature   : BAD: RSAHEADER is not an OpenPGP signature packet"), summary);
        RealRpm.Result result = generation.run("rpm", "-Kv", "--dbpath", db.path(), generation.path(rpm));
        assertNotEquals(0, result.exitCode(), result.output());
    }
}

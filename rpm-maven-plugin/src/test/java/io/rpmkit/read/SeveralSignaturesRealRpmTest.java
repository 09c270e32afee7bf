package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.Lead;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SignatureMode;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/**
 * Several signatures, as rpm 6's rpmsign --addsign lays them out: every header signature in OPENPGP,
 * which rpm 6.1 checks one by one, and the first in RSAHEADER, which rpm 4.18 checks, with the legacy
 * one beside it.
 */
class SeveralSignaturesRealRpmTest {
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

    private Path unsigned() throws Exception {
        Path rpm = dir.resolve("several.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve("src")))
                .build(), rpm);
        return rpm;
    }

    private PackageSigning.Signed sign(Path rpm, PGPSecretKeyRing ring, HashChoice hash, boolean legacy,
            SignatureMode mode) throws Exception {
        Path key = TestKeys.writeArmored(ring, Files.createTempFile(dir, "secret", ".asc"));
        return PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(key, null, null), hash, SIGNED),
                legacy, mode);
    }

    /** RSA with the legacy signature, then Ed25519 and an Ed25519 subkey added. */
    private Path signedThrice() throws Exception {
        Path rpm = unsigned();
        sign(rpm, rsa, HashChoice.SHA256, true, SignatureMode.REPLACE);
        assertEquals(2, sign(rpm, ed25519, HashChoice.SHA256, false, SignatureMode.ADD).headerSignatures());
        PackageSigning.Signed third = sign(rpm, subkey, HashChoice.SHA512, false, SignatureMode.ADD);
        assertEquals(List.of(SignatureTag.DSAHEADER), third.tags());
        assertEquals(3, third.headerSignatures());
        return rpm;
    }

    private List<Path> publicKeys() throws Exception {
        List<Path> keys = new ArrayList<>();
        for (PGPSecretKeyRing ring : List.of(rsa, ed25519, subkey)) {
            keys.add(TestKeys.writePublic(ring, Files.createTempFile(dir, "public", ".asc")));
        }
        return keys;
    }

    @Test
    void laysOutEverySignatureAsRpmsignAddsignDoes() throws Exception {
        RpmPackage pkg = RpmReader.read(signedThrice());
        assertEquals(3, pkg.signature().strings(SignatureTag.OPENPGP).size());
        assertTrue(pkg.signature().contains(SignatureTag.RSAHEADER) && pkg.signature().contains(SignatureTag.PGP));
        assertFalse(pkg.signature().contains(SignatureTag.DSAHEADER), "one v4 header signature only");
        // The first OPENPGP signature is the one RSAHEADER holds.
        assertArrayEquals(pkg.signature().bytes(SignatureTag.RSAHEADER),
                Base64.getDecoder().decode(pkg.signature().strings(SignatureTag.OPENPGP).get(0)));
        SignatureReport report = pkg.verifySignatures(VerificationKeys.load("keys", publicKeys()));
        assertTrue(report.allOk() && report.checks().size() == 5, report.toString());
        assertTrue(pkg.verifyDigests().allOk(), pkg.verifyDigests().toString());
    }

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void rpm6ChecksEachAndRpm4TheV4CompatibleOnes(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signedThrice();
        SignatureVerifierRealRpmTest.KeyDatabase db = SignatureVerifierRealRpmTest.KeyDatabase.ofFiles(generation,
                Files.createDirectories(dir.resolve("db")), publicKeys());
        int compared = SignatureVerifierRealRpmTest.assertSameVerdicts(generation, db, rpm);
        assertEquals(generation.isRpm6() ? 3 : 2, compared);
        RealRpm.Result result = generation.run("rpm", "-Kv", "--dbpath", db.path(), generation.path(rpm));
        assertEquals(0, result.exitCode(), result.output());
        long ok = result.output().lines().filter(l -> l.contains("ignature") && l.endsWith(": OK")).count();
        assertEquals(generation.isRpm6() ? 3 : 2, ok, result.output());
    }

    @Test
    void addsNothingWhenTheKeyHasSignedWithThatHashAlready() throws Exception {
        Path rpm = signedThrice();
        byte[] before = Files.readAllBytes(rpm);
        PackageSigning.Signed again = sign(rpm, ed25519, HashChoice.SHA256, false, SignatureMode.ADD);
        assertEquals(List.of(), again.tags());
        assertArrayEquals(before, Files.readAllBytes(rpm));
    }

    @Test
    void refusesASecondLegacySignature() throws Exception {
        Path rpm = signedThrice();
        PackagingException e = assertThrows(PackagingException.class,
                () -> sign(rpm, ed25519, HashChoice.SHA512, true, SignatureMode.ADD));
        assertEquals("signing " + rpm.toRealPath() + ": the package has a legacy signature over header and payload"
                + " (PGP) already, and rpm reads one only; add the signature without rpm.sign.legacy, or replace the"
                + " signatures (rpm.sign.signatures=replace)", e.getMessage());
    }

    @Test
    void replacingLeavesOneSignature() throws Exception {
        Path rpm = signedThrice();
        PackageSigning.Signed signed = sign(rpm, ed25519, HashChoice.SHA256, false, SignatureMode.REPLACE);
        assertTrue(signed.replacedSignature());
        RpmPackage pkg = RpmReader.read(rpm);
        assertEquals(List.of(SignatureTag.DSAHEADER), SignatureVerifier.packets(pkg.signature()).stream()
                .map(SignatureVerifier.Packet::tag).toList());
    }

    @Test
    void refusesToAddBesideASignatureThatIsNotOne() throws Exception {
        Path rpm = unsigned();
        sign(rpm, rsa, HashChoice.SHA256, false, SignatureMode.REPLACE);
        byte[] bytes = Files.readAllBytes(rpm);
        RpmPackage pkg = RpmReader.read(rpm);
        HeaderEntry entry = pkg.signature().entry(SignatureTag.RSAHEADER.code()).orElseThrow();
        bytes[Lead.SIZE + entry.position()] = (byte) 0x99;
        Files.write(rpm, bytes);
        PackagingException e = assertThrows(PackagingException.class,
                () -> sign(rpm, ed25519, HashChoice.SHA256, false, SignatureMode.ADD));
        assertEquals("signing " + rpm.toRealPath() + ": its RSAHEADER is not an OpenPGP signature packet, so no"
                + " signature can be added beside it; replace the signatures instead (rpm.sign.signatures=replace)",
                e.getMessage());
    }
}

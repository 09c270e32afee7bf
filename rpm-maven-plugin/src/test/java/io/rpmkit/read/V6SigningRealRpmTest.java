package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.format.SignatureTag;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SignatureMode;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * The sign goal on v6 packages, ours and rpmbuild 6.1's, judged by rpm 6.1, 4.20 and 4.18: an RSA
 * signature, then an Ed25519 one added. rpm 6.1 checks both (OPENPGP), rpm 4 the RSA one (RSAHEADER),
 * and every rpm the digests; our verify agrees signature by signature. The layout is the one rpm
 * 6.1's {@code rpmsign --addsign --rpmv4} writes with the same keys, tag for tag and size for size.
 */
class V6SigningRealRpmTest {
    private static final Instant SIGNED = Instant.parse("2026-11-24T10:00:00Z");
    private static PGPSecretKeyRing rsa;
    private static PGPSecretKeyRing ed25519;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestKeys.rsa(3072, null);
        ed25519 = TestKeys.ed25519(null);
    }

    enum Source {
        OURS, RPMBUILD_6_1;

        Path unsigned(String name) throws Exception {
            return this == OURS ? RpmbuildV6.ours(dir, name) : RpmbuildV6.rpmbuild(dir, name);
        }
    }

    private static void sign(Path rpm, PGPSecretKeyRing ring, SignatureMode mode) throws Exception {
        Path key = TestKeys.writeArmored(ring, Files.createTempFile(dir, "secret", ".asc"));
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(key, null, null), HashChoice.SHA256,
                SIGNED), false, mode);
    }

    private static Path signedTwice(Source source, String name) throws Exception {
        Path rpm = source.unsigned(name);
        sign(rpm, rsa, SignatureMode.REPLACE);
        sign(rpm, ed25519, SignatureMode.ADD);
        return rpm;
    }

    private static List<Path> publicKeys() throws Exception {
        List<Path> keys = new ArrayList<>();
        for (PGPSecretKeyRing ring : List.of(rsa, ed25519)) {
            keys.add(TestKeys.writePublic(ring, Files.createTempFile(dir, "public", ".asc")));
        }
        return keys;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void rpm61ChecksBothSignaturesRpm4TheRsaOneAndEveryRpmTheDigests(Source source) throws Exception {
        RpmGeneration.RPM_6_1.require();
        Path rpm = signedTwice(source, "v6signed-" + source.ordinal());
        String rsaFingerprint = HexFormat.of().formatHex(rsa.getPublicKey().getFingerprint());
        String edFingerprint = HexFormat.of().formatHex(ed25519.getPublicKey().getFingerprint());
        for (RpmGeneration generation : RpmGeneration.values()) {
            generation.require();
            SignatureVerifierRealRpmTest.KeyDatabase db = SignatureVerifierRealRpmTest.KeyDatabase.ofFiles(generation,
                    Files.createDirectories(dir.resolve("db-" + source + "-" + generation)), publicKeys());
            assertEquals(generation.isRpm6() ? 2 : 1, SignatureVerifierRealRpmTest.assertSameVerdicts(generation, db,
                    rpm), generation + ": our verify and rpm, signature by signature");
            RealRpm.Result result = generation.run("rpm", "-Kv", "--dbpath", db.path(), generation.path(rpm));
            assertEquals(0, result.exitCode(), result.output());
            String output = result.output();
            assertTrue(output.contains(generation.signatureLine(false, "RSA/SHA256",
                    shortKeyId(rsa), rsaFingerprint) + ": OK"), output);
            assertEquals(generation.isRpm6(), output.contains(generation.signatureLine(false, "EdDSA/SHA256",
                    shortKeyId(ed25519), edFingerprint) + ": OK"), output);
            assertTrue(output.contains("Header SHA256 digest: OK") && output.contains("Payload SHA256 digest: OK"),
                    output);
            assertEquals(generation.isRpm6(), output.contains("Header SHA3-256 digest: OK")
                    && output.contains("Payload SHA512 digest: OK"), output);
            assertTrue(!output.contains("BAD") && !output.contains("NOKEY"), output);
        }
        RpmPackage pkg = RpmReader.read(rpm);
        SignatureReport ours = pkg.verifySignatures(VerificationKeys.load("keys", publicKeys()));
        // Two OPENPGP checks and the RSAHEADER one.
        assertTrue(ours.allOk() && ours.checks().size() == 3, ours.toString());
        assertTrue(pkg.verifyDigests().allOk(), pkg.verifyDigests().toString());
    }

    /**
     * rpmsign 6.1 with the same two keys, imported into gpg in the sid root, signs a copy of the same
     * rpmbuild package: the signature headers have the same tags, types and size.
     */
    @Test
    void laysOutTheSignatureHeaderAsRpmsign61WithRpmv4() throws Exception {
        RpmGeneration sid = RpmGeneration.RPM_6_1;
        sid.requireTool("rpmsign");
        sid.requireTool("gpg");
        Path ours = Source.RPMBUILD_6_1.unsigned("v6layout");
        Path work = sid.workDir(dir);
        Path theirs = Files.copy(ours, work.resolve("theirs.rpm"));
        long unsignedSize = Files.size(ours);
        sign(ours, rsa, SignatureMode.REPLACE);
        sign(ours, ed25519, SignatureMode.ADD);

        Path gnupg = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        for (PGPSecretKeyRing ring : List.of(rsa, ed25519)) {
            Path secret = TestKeys.writeArmored(ring, Files.createTempFile(work, "secret", ".asc"));
            sid.ok("env", "GNUPGHOME=" + sid.path(gnupg), "gpg", "--batch", "--import", sid.path(secret));
            sid.ok("env", "GNUPGHOME=" + sid.path(gnupg), "rpmsign", "--addsign", "--rpmv4",
                    "--define", "_openpgp_sign_id " + HexFormat.of().formatHex(ring.getPublicKey().getFingerprint()),
                    sid.path(theirs));
        }
        sid.ok("env", "GNUPGHOME=" + sid.path(gnupg), "gpgconf", "--kill", "gpg-agent");
        RpmPackage ourPackage = RpmReader.read(ours);
        RpmPackage theirPackage = RpmReader.read(theirs);
        assertEquals(layout(theirPackage), layout(ourPackage));
        assertEquals(2, theirPackage.signature().strings(SignatureTag.OPENPGP).size());
        assertEquals(theirPackage.signature().size(), ourPackage.signature().size(), "the same size, kept");
        assertEquals(unsignedSize, Files.size(theirs), "rpmsign keeps the file's size");
        assertEquals(unsignedSize, Files.size(ours), "and so do we");
        assertArrayEquals(theirPackage.headerBytes(), ourPackage.headerBytes());
    }

    private static String shortKeyId(PGPSecretKeyRing ring) {
        return String.format("%016x", ring.getPublicKey().getKeyID()).substring(8);
    }

    /** Each signature-header entry's tag and type, with the count where no packet length enters it. */
    private static List<String> layout(RpmPackage pkg) {
        return pkg.signature().entries().stream().map(entry -> entry.tag() + ":" + entry.type()
                + (entry.tag() == SignatureTag.RSAHEADER.code() || entry.tag() == SignatureTag.RESERVED.code() ? ""
                        : ":" + entry.count())).toList();
    }
}

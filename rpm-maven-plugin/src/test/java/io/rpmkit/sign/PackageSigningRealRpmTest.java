package io.rpmkit.sign;

import static io.rpmkit.testing.RealRpm.ok;
import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/** The real rpm judges our signatures: rpm -Kv against a throwaway key database holding our public key. */
class PackageSigningRealRpmTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T10:00:00Z");
    private static final Pattern LEGACY_LINE = Pattern.compile("(?m)^\\s+(Legacy OpenPGP )?V4 ");

    private static PGPSecretKeyRing rsa2048;
    private static PGPSecretKeyRing rsa4096;
    private static PGPSecretKeyRing ed25519;
    private static PGPSecretKeyRing withSubkey;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        rsa2048 = TestKeys.rsa(2048, null);
        rsa4096 = TestKeys.rsa(4096, null); // seconds; once for the class
        ed25519 = TestKeys.ed25519(null);
        withSubkey = TestKeys.withSigningSubkey(null);
    }

    private Path signed(PGPSecretKeyRing ring, HashChoice hash, boolean legacy) throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        Path key = TestKeys.writeArmored(ring, dir.resolve("key.asc"));
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(key, null, null), hash, BUILD_TIME), legacy);
        return rpm;
    }

    private RealRpm.Result check(RpmGeneration generation, Path rpm, Path publicKey) throws Exception {
        return generation.checkSignatures(rpm, publicKey, dir);
    }

    private RealRpm.Result check(RpmGeneration generation, Path rpm, PGPSecretKeyRing ring) throws Exception {
        return check(generation, rpm, TestKeys.writePublic(ring, Files.createTempFile(dir, "pub", ".asc")));
    }

    /** See {@link RpmGeneration#signatureLine} for how rpm 4 and rpm 6 print the same signature. */
    static String signatureLine(RpmGeneration generation, boolean legacy, String algorithm,
            PGPSecretKeyRing ring) {
        return generation.signatureLine(legacy, algorithm, TestKeys.rpmKeyId(ring.getPublicKey()),
                fingerprint(ring));
    }

    static String fingerprint(PGPSecretKeyRing ring) {
        return HexFormat.of().formatHex(ring.getPublicKey().getFingerprint());
    }

    private static void assertOk(RealRpm.Result result, String line) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(line + ": OK"), "expected '" + line + "' in:\n" + result.output());
        assertFalse(result.output().contains("BAD") || result.output().contains("NOKEY"), result.output());
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsAnRsaHeaderSignature(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signed(rsa2048, HashChoice.SHA256, false);
        RealRpm.Result result = check(generation, rpm, rsa2048);
        assertOk(result, signatureLine(generation, false, "RSA/SHA256", rsa2048));
        assertFalse(LEGACY_LINE.matcher(result.output()).find(), "no legacy signature asked for:\n" + result.output());
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsA4096BitRsaKey(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signed(rsa4096, HashChoice.SHA256, true);
        RealRpm.Result result = check(generation, rpm, rsa4096);
        assertOk(result, signatureLine(generation, false, "RSA/SHA256", rsa4096));
        assertOk(result, signatureLine(generation, true, "RSA/SHA256", rsa4096));
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsAnEd25519Signature(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signed(ed25519, HashChoice.SHA256, false);
        // Debian's rpm 4.18 checks EdDSA with its internal OpenPGP code and libgcrypt, 4.20 and 6.1 with
        // rpm-sequoia: all three accept it.
        assertOk(check(generation, rpm, ed25519), signatureLine(generation, false, "EdDSA/SHA256", ed25519));
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsSha512WhenChosen(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signed(rsa2048, HashChoice.SHA512, false);
        assertOk(check(generation, rpm, rsa2048), signatureLine(generation, false, "RSA/SHA512", rsa2048));
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsTheLegacySignatureOverHeaderAndPayload(RpmGeneration generation) throws Exception {
        generation.require();
        for (PGPSecretKeyRing ring : List.of(rsa2048, ed25519)) {
            Path rpm = signed(ring, HashChoice.SHA256, true);
            String algorithm = ring == rsa2048 ? "RSA" : "EdDSA";
            RealRpm.Result result = check(generation, rpm, ring);
            assertOk(result, signatureLine(generation, false, algorithm + "/SHA256", ring));
            assertOk(result, signatureLine(generation, true, algorithm + "/SHA256", ring));
            if (!generation.isRpm6()) {
                assertOk(result, "MD5 digest"); // rpm 6 no longer checks MD5 (RpmWriterRealRpmTest)
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsASigningSubkeysSignatureOnceThePrimaryIsImported(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signed(withSubkey, HashChoice.SHA256, false);
        String subkey = TestKeys.rpmKeyId(TestKeys.subkeys(withSubkey).get(1));
        assertOk(check(generation, rpm, withSubkey), generation.signatureLine(false, "EdDSA/SHA256", subkey,
                fingerprint(withSubkey)));
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmRefusesAPackageChangedAfterSigning(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = signed(rsa2048, HashChoice.SHA256, true);
        Path publicKey = TestKeys.writePublic(rsa2048, dir.resolve("pub.asc"));
        byte[] good = Files.readAllBytes(rpm);
        RpmPackage pkg = RpmReader.read(rpm);

        byte[] payloadFlipped = good.clone();
        payloadFlipped[good.length - 50] ^= 0x01;
        Files.write(rpm, payloadFlipped);
        RealRpm.Result payload = check(generation, rpm, publicKey);
        assertNotEquals(0, payload.exitCode(), payload.output());
        assertTrue(payload.output().contains("BAD"), payload.output());

        byte[] headerFlipped = good.clone();
        int summary = indexOf(good, "Greets the world".getBytes(), (int) pkg.headerOffset());
        headerFlipped[summary] = 'g';
        Files.write(rpm, headerFlipped);
        RealRpm.Result header = check(generation, rpm, publicKey);
        assertNotEquals(0, header.exitCode(), header.output());
        assertTrue(header.output().contains(signatureLine(generation, false, "RSA/SHA256", rsa2048) + ": BAD"),
                header.output());
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAcceptsWhatWeSignWithAKeyGpgMade(RpmGeneration generation) throws Exception {
        generation.require();
        try (Gnupg gpg = Gnupg.in(dir)) {
            String passphrase = "gpg-made test key, TEST ONLY";
            String fingerprint = gpg.generate("Packager <packager@rpmkit.invalid>", "rsa3072", "sign", passphrase);
            Path secret = gpg.exportSecret(fingerprint, passphrase, true, dir.resolve("gpg-secret.asc"));
            Path rpm = SampleRpm.build(dir, "sample.rpm");
            SigningKey key = SigningKey.load(secret, fingerprint, passphrase.toCharArray());
            PackageSigning.signInPlace(rpm, new PackageSigner(key, HashChoice.SHA256, BUILD_TIME), true);
            String id = fingerprint.substring(32).toLowerCase();
            Path publicKey = gpg.exportPublic(fingerprint, dir.resolve("gpg-public.asc"));
            RealRpm.Result result = check(generation, rpm, publicKey);
            assertOk(result, generation.signatureLine(false, "RSA/SHA256", id, fingerprint));
            assertOk(result, generation.signatureLine(true, "RSA/SHA256", id, fingerprint));
        }
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void resignsAPackageThatRpmbuildMadeAndRpmsignSigned(RpmGeneration generation) throws Exception {
        generation.require();
        requireTool("rpmbuild");
        requireTool("rpmsign");
        try (Gnupg gpg = Gnupg.in(dir)) {
            Path rpm = rpmbuild();
            String fingerprint = gpg.generate("Old Signer <old@rpmkit.invalid>", "rsa2048", "sign", "");
            String gpgPath = ok("sh", "-c", "command -v gpg").strip();
            ok("env", "GNUPGHOME=" + dir.resolve("gnupg"), "rpmsign", "--define", "_gpg_name " + fingerprint,
                    "--define", "__gpg_sign_cmd " + gpgPath + " --batch --no-verbose --no-armor --pinentry-mode"
                            + " loopback --passphrase '' --no-secmem-warning -u '%{_gpg_name}'"
                            + " -sbo %{__signature_filename} %{__plaintext_filename}", "--addsign", rpm.toString());
            assertTrue(RpmReader.read(rpm).signature().entry(1008).isPresent(), "rpmsign reserves space (1008)");

            Path key = TestKeys.writeArmored(ed25519, dir.resolve("key.asc"));
            PackageSigning.Signed signed = PackageSigning.signInPlace(rpm,
                    new PackageSigner(SigningKey.load(key, null, null), HashChoice.SHA256, BUILD_TIME), false);
            assertTrue(signed.replacedSignature());
            assertOk(check(generation, rpm, ed25519), signatureLine(generation, false, "EdDSA/SHA256", ed25519));
            assertOk(check(generation, rpm, ed25519), "Payload SHA256 digest");
        }
    }

    private Path rpmbuild() throws Exception {
        Path top = Files.createDirectories(dir.resolve("rpmbuild"));
        Path spec = Files.writeString(top.resolve("tiny.spec"), String.join("\n",
                "Name: tiny", "Version: 1.0", "Release: 1", "Summary: Tiny", "License: MIT", "BuildArch: noarch",
                "%description", "Tiny.", "%install", "mkdir -p %{buildroot}/usr/share/tiny",
                "echo tiny > %{buildroot}/usr/share/tiny/file", "%files", "/usr/share/tiny/file", ""));
        ok("rpmbuild", "--define", "_topdir " + top, "--quiet", "-bb", spec.toString());
        return top.resolve("RPMS/noarch/tiny-1.0-1.noarch.rpm");
    }

    private static int indexOf(byte[] data, byte[] wanted, int from) {
        for (int i = from; i <= data.length - wanted.length; i++) {
            if (Arrays.equals(data, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}

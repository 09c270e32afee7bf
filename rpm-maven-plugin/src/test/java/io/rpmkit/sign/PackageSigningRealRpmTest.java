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
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.testing.RealRpm;

/** The real rpm judges our signatures: rpm -Kv against a throwaway key database holding our public key. */
class PackageSigningRealRpmTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T10:00:00Z");
    private static final Pattern LEGACY_LINE = Pattern.compile("(?m)^\\s+V4 ");

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
        requireTool("rpm");
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        Path key = TestKeys.writeArmored(ring, dir.resolve("key.asc"));
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(key, null, null), hash, BUILD_TIME), legacy);
        return rpm;
    }

    /** rpm -Kv with only the given public key in the database. */
    private RealRpm.Result check(Path rpm, Path publicKey) throws Exception {
        Path db = Files.createTempDirectory(dir, "rpmdb");
        ok("rpmkeys", "--dbpath", db.toString(), "--import", publicKey.toString());
        return RealRpm.run("rpm", "-Kv", "--dbpath", db.toString(), rpm.toString());
    }

    private RealRpm.Result check(Path rpm, PGPSecretKeyRing ring) throws Exception {
        return check(rpm, TestKeys.writePublic(ring, Files.createTempFile(dir, "pub", ".asc")));
    }

    private static void assertOk(RealRpm.Result result, String line) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(line + ": OK"), "expected '" + line + "' in:\n" + result.output());
        assertFalse(result.output().contains("BAD") || result.output().contains("NOKEY"), result.output());
    }

    @Test
    void rpmAcceptsAnRsaHeaderSignature() throws Exception {
        Path rpm = signed(rsa2048, HashChoice.SHA256, false);
        RealRpm.Result result = check(rpm, rsa2048);
        assertOk(result, "Header V4 RSA/SHA256 Signature, key ID " + TestKeys.rpmKeyId(rsa2048.getPublicKey()));
        assertFalse(LEGACY_LINE.matcher(result.output()).find(), "no legacy signature asked for:\n" + result.output());
    }

    @Test
    void rpmAcceptsA4096BitRsaKey() throws Exception {
        Path rpm = signed(rsa4096, HashChoice.SHA256, true);
        String id = TestKeys.rpmKeyId(rsa4096.getPublicKey());
        RealRpm.Result result = check(rpm, rsa4096);
        assertOk(result, "Header V4 RSA/SHA256 Signature, key ID " + id);
        assertOk(result, "    V4 RSA/SHA256 Signature, key ID " + id);
    }

    @Test
    void rpmAcceptsAnEd25519Signature() throws Exception {
        Path rpm = signed(ed25519, HashChoice.SHA256, false);
        assertOk(check(rpm, ed25519), "Header V4 EdDSA/SHA256 Signature, key ID "
                + TestKeys.rpmKeyId(ed25519.getPublicKey()));
    }

    @Test
    void rpmAcceptsSha512WhenChosen() throws Exception {
        Path rpm = signed(rsa2048, HashChoice.SHA512, false);
        assertOk(check(rpm, rsa2048), "Header V4 RSA/SHA512 Signature, key ID "
                + TestKeys.rpmKeyId(rsa2048.getPublicKey()));
    }

    @Test
    void rpmAcceptsTheLegacySignatureOverHeaderAndPayload() throws Exception {
        for (PGPSecretKeyRing ring : List.of(rsa2048, ed25519)) {
            Path rpm = signed(ring, HashChoice.SHA256, true);
            String algorithm = ring == rsa2048 ? "RSA" : "EdDSA";
            String id = TestKeys.rpmKeyId(ring.getPublicKey());
            RealRpm.Result result = check(rpm, ring);
            assertOk(result, "Header V4 " + algorithm + "/SHA256 Signature, key ID " + id);
            assertOk(result, "    V4 " + algorithm + "/SHA256 Signature, key ID " + id);
            assertOk(result, "MD5 digest");
        }
    }

    @Test
    void rpmAcceptsASigningSubkeysSignatureOnceThePrimaryIsImported() throws Exception {
        Path rpm = signed(withSubkey, HashChoice.SHA256, false);
        String subkey = TestKeys.rpmKeyId(TestKeys.subkeys(withSubkey).get(1));
        assertOk(check(rpm, withSubkey), "Header V4 EdDSA/SHA256 Signature, key ID " + subkey);
    }

    @Test
    void rpmRefusesAPackageChangedAfterSigning() throws Exception {
        Path rpm = signed(rsa2048, HashChoice.SHA256, true);
        Path publicKey = TestKeys.writePublic(rsa2048, dir.resolve("pub.asc"));
        byte[] good = Files.readAllBytes(rpm);
        RpmPackage pkg = RpmReader.read(rpm);

        byte[] payloadFlipped = good.clone();
        payloadFlipped[good.length - 50] ^= 0x01;
        Files.write(rpm, payloadFlipped);
        RealRpm.Result payload = check(rpm, publicKey);
        assertNotEquals(0, payload.exitCode(), payload.output());
        assertTrue(payload.output().contains("BAD"), payload.output());

        byte[] headerFlipped = good.clone();
        int summary = indexOf(good, "Greets the world".getBytes(), (int) pkg.headerOffset());
        headerFlipped[summary] = 'g';
        Files.write(rpm, headerFlipped);
        RealRpm.Result header = check(rpm, publicKey);
        assertNotEquals(0, header.exitCode(), header.output());
        assertTrue(header.output().contains("Header V4 RSA/SHA256 Signature, key ID "
                + TestKeys.rpmKeyId(rsa2048.getPublicKey()) + ": BAD"), header.output());
    }

    @Test
    void rpmAcceptsWhatWeSignWithAKeyGpgMade() throws Exception {
        requireTool("rpm");
        try (Gnupg gpg = Gnupg.in(dir)) {
            String passphrase = "gpg-made test key, TEST ONLY";
            String fingerprint = gpg.generate("Packager <packager@rpmkit.invalid>", "rsa3072", "sign", passphrase);
            Path secret = gpg.exportSecret(fingerprint, passphrase, true, dir.resolve("gpg-secret.asc"));
            Path rpm = SampleRpm.build(dir, "sample.rpm");
            SigningKey key = SigningKey.load(secret, fingerprint, passphrase.toCharArray());
            PackageSigning.signInPlace(rpm, new PackageSigner(key, HashChoice.SHA256, BUILD_TIME), true);
            String id = fingerprint.substring(32).toLowerCase();
            RealRpm.Result result = check(rpm, gpg.exportPublic(fingerprint, dir.resolve("gpg-public.asc")));
            assertOk(result, "Header V4 RSA/SHA256 Signature, key ID " + id);
            assertOk(result, "    V4 RSA/SHA256 Signature, key ID " + id);
        }
    }

    @Test
    void resignsAPackageThatRpmbuildMadeAndRpmsignSigned() throws Exception {
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
            assertOk(check(rpm, ed25519), "Header V4 EdDSA/SHA256 Signature, key ID "
                    + TestKeys.rpmKeyId(ed25519.getPublicKey()));
            assertOk(check(rpm, ed25519), "Payload SHA256 digest");
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

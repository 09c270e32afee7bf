package io.rpmkit.sign;

import static io.rpmkit.testing.RealRpm.ok;
import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;
import io.rpmkit.write.Signing;

/** Packages signed while they are written, as the rpm goal does, checked by the real rpm. */
class WriterSigningRealRpmTest {
    private static PGPSecretKeyRing rsa;
    private static PGPSecretKeyRing ed25519;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        rsa = TestKeys.rsa(3072, null);
        ed25519 = TestKeys.ed25519(null);
    }

    private Path write(PGPSecretKeyRing ring, boolean legacy, String name) throws Exception {
        Path key = TestKeys.writeArmored(ring, dir.resolve(name + ".key.asc"));
        PackageSpec spec = SamplePackages.everything(dir).build();
        PackageSigner signer = new PackageSigner(SigningKey.load(key, null, null), HashChoice.SHA256, spec.buildTime());
        Path rpm = dir.resolve(name + ".rpm");
        new RpmWriter(Console.SILENT).write(spec, rpm, new Signing(signer, legacy));
        return rpm;
    }

    private String check(Path rpm, PGPSecretKeyRing ring) throws Exception {
        Path db = Files.createTempDirectory(dir, "rpmdb");
        ok("rpmkeys", "--dbpath", db.toString(), "--import",
                TestKeys.writePublic(ring, Files.createTempFile(dir, "pub", ".asc")).toString());
        RealRpm.Result result = RealRpm.run("rpm", "-Kv", "--dbpath", db.toString(), rpm.toString());
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    @Test
    void rsaHeaderAndLegacySignaturesVerify() throws Exception {
        requireTool("rpm");
        Path rpm = write(rsa, true, "rsa");
        String report = check(rpm, rsa);
        String keyId = TestKeys.rpmKeyId(rsa.getPublicKey());
        assertTrue(report.contains("Header V4 RSA/SHA256 Signature, key ID " + keyId + ": OK"), report);
        assertTrue(report.contains("    V4 RSA/SHA256 Signature, key ID " + keyId + ": OK"), report);
        assertTrue(report.contains("MD5 digest: OK"), report);
    }

    @Test
    void ed25519HeaderSignatureVerifies() throws Exception {
        requireTool("rpm");
        String report = check(write(ed25519, false, "ed"), ed25519);
        assertTrue(report.contains("Header V4 EdDSA/SHA256 Signature, key ID "
                + TestKeys.rpmKeyId(ed25519.getPublicKey()) + ": OK"), report);
    }

    @Test
    void signedBuildsAreReproducible() throws Exception {
        Path first = write(rsa, true, "first");
        Path second = write(rsa, true, "second");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }
}

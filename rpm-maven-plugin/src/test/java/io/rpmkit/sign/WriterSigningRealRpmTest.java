package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Console;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;
import io.rpmkit.write.Signing;

/** Packages signed while they are written, as the rpm goal does, checked by rpm 4.18, 4.20 and 6.1. */
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

    private static String check(RpmGeneration generation, Path rpm, PGPSecretKeyRing ring, Path dir)
            throws Exception {
        RealRpm.Result result = generation.checkSignatures(rpm,
                TestKeys.writePublic(ring, Files.createTempFile(dir, "pub", ".asc")), dir);
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rsaHeaderAndLegacySignaturesVerify(RpmGeneration generation) throws Exception {
        generation.require();
        Path rpm = write(rsa, true, "rsa");
        String report = check(generation, rpm, rsa, dir);
        String header = PackageSigningRealRpmTest.signatureLine(generation, false, "RSA/SHA256", rsa);
        String legacy = PackageSigningRealRpmTest.signatureLine(generation, true, "RSA/SHA256", rsa);
        assertTrue(report.contains(header + ": OK"), report);
        assertTrue(report.contains(legacy + ": OK"), report);
        // rpm 6 no longer checks MD5 (RpmWriterRealRpmTest.everyDigestChecksOutWithRpm).
        assertEquals(!generation.isRpm6(), report.contains("MD5 digest: OK"), report);
    }

    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void ed25519HeaderSignatureVerifies(RpmGeneration generation) throws Exception {
        generation.require();
        String report = check(generation, write(ed25519, false, "ed"), ed25519, dir);
        assertTrue(report.contains(PackageSigningRealRpmTest.signatureLine(generation, false, "EdDSA/SHA256",
                ed25519) + ": OK"), report);
    }

    @Test
    void signedBuildsAreReproducible() throws Exception {
        Path first = write(rsa, true, "first");
        Path second = write(rsa, true, "second");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }
}

package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.Lead;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SignatureMode;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/**
 * Damaged signature headers (random bytes changed in the signature area of a package with a header,
 * a legacy and two OPENPGP signatures): verification gives a verdict or a PackagingException, never
 * another exception, and never OK for a signature whose signed part or value changed.
 */
class SignatureVerifierFuzzTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedSignatureHeaderNeverVerifiesAndNeverThrowsAnythingElse() throws Exception {
        PGPSecretKeyRing ed25519 = TestKeys.ed25519(null);
        PGPSecretKeyRing other = TestKeys.ed25519(null);
        Path rpm = dir.resolve("fuzz.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve("src")))
                .build(), rpm);
        Instant time = Instant.parse("2026-11-24T10:00:00Z");
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(TestKeys.writeArmored(ed25519,
                dir.resolve("a.asc")), null, null), HashChoice.SHA256, time), true, SignatureMode.REPLACE);
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(TestKeys.writeArmored(other,
                dir.resolve("b.asc")), null, null), HashChoice.SHA512, time), false, SignatureMode.ADD);
        VerificationKeys keys = VerificationKeys.load("keys", List.of(TestKeys.writePublic(ed25519,
                dir.resolve("a.pub")), TestKeys.writePublic(other, dir.resolve("b.pub"))));
        byte[] good = Files.readAllBytes(rpm);
        RpmPackage pkg = RpmReader.read(rpm);
        assertTrue(pkg.verifySignatures(keys).allOk());
        int signatureHeaderEnd = (int) pkg.headerOffset();
        Random random = new Random(20261201);
        int verdicts = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bytes = good.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = Lead.SIZE + random.nextInt(signatureHeaderEnd - Lead.SIZE);
                bytes[at] ^= (byte) (1 + random.nextInt(255));
            }
            Path damaged = Files.write(dir.resolve("damaged.rpm"), bytes);
            try {
                RpmPackage read = RpmReader.read(damaged);
                SignatureReport report = read.verifySignatures(keys);
                verdicts++;
                assertOkOnlyWhereTheSignedPartIsUnchanged(pkg, read, report);
            } catch (PackagingException e) {
                // The header no longer parses: refused, as rpm refuses it.
            }
        }
        assertTrue(verdicts > 50, verdicts + " damaged packages still read");
    }

    /**
     * An OK signature whose packet changed may differ only where OpenPGP does not sign: the unhashed
     * subpackets (the issuer key ID gpg puts there, for one). Its hashed part and value must be the same.
     */
    private static void assertOkOnlyWhereTheSignedPartIsUnchanged(RpmPackage original, RpmPackage damaged,
            SignatureReport report) throws Exception {
        List<SignatureVerifier.Packet> before = SignatureVerifier.packets(original.signature());
        List<SignatureVerifier.Packet> after = SignatureVerifier.packets(damaged.signature());
        for (int i = 0; i < report.checks().size(); i++) {
            SignatureVerifier.Packet packet = after.get(i);
            if (!report.checks().get(i).ok()
                    || before.stream().anyMatch(known -> Arrays.equals(known.bytes(), packet.bytes()))) {
                continue;
            }
            // A damaged index may drop or rename entries: compare with the original of the same tag.
            PGPSignature is = SignatureVerifier.parse(packet.bytes()).orElseThrow();
            boolean signedPartUnchanged = false;
            for (SignatureVerifier.Packet known : before) {
                PGPSignature was = SignatureVerifier.parse(known.bytes()).orElseThrow();
                signedPartUnchanged |= known.tag() == packet.tag() && Arrays.equals(was.getSignature(),
                        is.getSignature()) && Arrays.equals(was.getSignatureTrailer(), is.getSignatureTrailer());
            }
            assertTrue(signedPartUnchanged, report.checks().get(i) + "\n" + report);
        }
    }
}

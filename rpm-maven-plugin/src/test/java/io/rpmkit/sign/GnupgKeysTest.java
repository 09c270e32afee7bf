package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.testing.RealRpm;

/** Keys that the real gpg made and exported load, and gpg accepts what we sign with them. */
class GnupgKeysTest {
    private static final String PASSPHRASE = "gpg-made test key, TEST ONLY";
    private static final Instant TIME = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void loadsAProtectedRsaKeyAndGpgVerifiesOurSignature() throws Exception {
        try (Gnupg gpg = Gnupg.in(dir)) {
            String fingerprint = gpg.generate("RSA Signer <rsa@rpmkit.invalid>", "rsa3072", "default", PASSPHRASE);
            Path file = gpg.exportSecret(fingerprint, PASSPHRASE, true, dir.resolve("rsa.asc"));
            assertTrue(Files.readString(file).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"));

            SigningKey key = SigningKey.load(file, fingerprint, PASSPHRASE.toCharArray());
            assertEquals(fingerprint, key.fingerprint());
            assertEquals("RSA 3072", key.algorithm());
            assertEquals("RSA Signer <rsa@rpmkit.invalid>", key.userId().orElseThrow());
            assertGpgVerifies(gpg, new PackageSigner(key, HashChoice.SHA256, TIME));
        }
    }

    @Test
    void loadsAnEd25519KeyExportedBinaryAndNeverSignsWithItsEncryptionSubkey() throws Exception {
        try (Gnupg gpg = Gnupg.in(dir)) {
            // gpg's default: an Ed25519 primary that signs and certifies, a Curve25519 encryption subkey.
            String fingerprint = gpg.generate("Ed Signer <ed@rpmkit.invalid>", "ed25519", "sign", PASSPHRASE);
            gpg.addSubkey(fingerprint, "cv25519", "encr", PASSPHRASE);
            Path file = gpg.exportSecret(fingerprint, PASSPHRASE, false, dir.resolve("ed.gpg"));

            SigningKey key = SigningKey.load(file, null, PASSPHRASE.toCharArray());
            assertEquals(fingerprint, key.fingerprint());
            assertEquals("EdDSA Ed25519", key.algorithm());
            assertGpgVerifies(gpg, new PackageSigner(key, HashChoice.SHA512, TIME));

            String encryption = gpg.subkeyIds(fingerprint, 'e').get(0);
            PackagingException e = assertThrows(PackagingException.class,
                    () -> SigningKey.load(file, encryption, PASSPHRASE.toCharArray()));
            assertTrue(e.getMessage().contains("key " + encryption + " cannot sign: its usage is [E]"),
                    e.getMessage());
        }
    }

    @Test
    void choosesTheSigningSubkeyGpgWouldChoose() throws Exception {
        try (Gnupg gpg = Gnupg.in(dir)) {
            String fingerprint = gpg.generate("Sub Signer <sub@rpmkit.invalid>", "rsa3072", "cert", PASSPHRASE);
            gpg.addSubkey(fingerprint, "rsa2048", "sign", PASSPHRASE);
            Path file = gpg.exportSecret(fingerprint, PASSPHRASE, true, dir.resolve("sub.asc"));
            List<String> signing = gpg.subkeyIds(fingerprint, 's');

            SigningKey key = SigningKey.load(file, fingerprint, PASSPHRASE.toCharArray());
            assertEquals(signing, List.of(key.keyId()));
            assertTrue(key.isSubkey());
            assertGpgVerifies(gpg, new PackageSigner(key, HashChoice.SHA256, TIME));
        }
    }

    @Test
    void refusesTheWrongPassphraseForAGpgKey() throws Exception {
        try (Gnupg gpg = Gnupg.in(dir)) {
            String fingerprint = gpg.generate("Locked <locked@rpmkit.invalid>", "ed25519", "sign", PASSPHRASE);
            Path file = gpg.exportSecret(fingerprint, PASSPHRASE, true, dir.resolve("locked.asc"));
            String wrong = "not-the-passphrase-42";
            PackagingException e = assertThrows(PackagingException.class,
                    () -> SigningKey.load(file, null, wrong.toCharArray()));
            assertTrue(e.getMessage().endsWith(": the passphrase does not unlock it"), e.getMessage());
            TestKeys.assertNoSecret(e, wrong);
            TestKeys.assertNoSecret(e, PASSPHRASE);
        }
    }

    private void assertGpgVerifies(Gnupg gpg, PackageSigner signer) throws Exception {
        Path data = Files.writeString(dir.resolve("repomd.xml"), "<repomd/>\n");
        Path signature = Files.writeString(dir.resolve("repomd.xml.asc"),
                signer.detachedArmored(Files.readAllBytes(data)), StandardCharsets.US_ASCII);
        RealRpm.Result result = gpg.verify(signature, data);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Good signature"), result.output());
    }
}

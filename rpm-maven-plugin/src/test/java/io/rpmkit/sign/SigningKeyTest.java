package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;

/** Loading keys as gpg exports them, choosing the key that signs, and every way that goes wrong. */
class SigningKeyTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final String WRONG = "Tr0ub4dor&3-wrong";

    private static PGPSecretKeyRing rsa;
    private static PGPSecretKeyRing protectedEd25519;
    private static PGPSecretKeyRing withSubkey;
    private static PGPSecretKeyRing encryptionOnly;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        rsa = TestKeys.rsa(2048, null);
        protectedEd25519 = TestKeys.ed25519(PASSPHRASE);
        withSubkey = TestKeys.withSigningSubkey(null);
        encryptionOnly = TestKeys.encryptionOnly();
    }

    @Test
    void loadsAnArmoredRsaKeyAndNamesIt() throws Exception {
        SigningKey key = SigningKey.load(TestKeys.writeArmored(rsa, dir.resolve("k.asc")), null, null);
        assertEquals(TestKeys.keyId(rsa.getPublicKey()), key.keyId());
        assertEquals(HexFormat.of().withUpperCase().formatHex(rsa.getPublicKey().getFingerprint()), key.fingerprint());
        assertEquals("RSA 2048", key.algorithm());
        assertTrue(key.isRsa());
        assertFalse(key.isSubkey());
        assertEquals(TestKeys.USER_ID, key.userId().orElseThrow());
        assertEquals(TestKeys.CREATED, key.creationTime());
    }

    @Test
    void loadsABinaryExportAndAProtectedEd25519Key() throws Exception {
        SigningKey key = SigningKey.load(TestKeys.writeBinary(protectedEd25519, dir.resolve("k.gpg")), null,
                PASSPHRASE);
        assertEquals("EdDSA Ed25519", key.algorithm());
        assertFalse(key.isRsa());
    }

    @Test
    void findsAKeyByIdOrFingerprintHoweverItIsWritten() throws Exception {
        Path file = TestKeys.writeBinary(dir.resolve("two.gpg"), protectedEd25519, rsa);
        String id = TestKeys.keyId(rsa.getPublicKey());
        String fingerprint = HexFormat.of().formatHex(rsa.getPublicKey().getFingerprint());
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < fingerprint.length(); i += 4) {
            spaced.append(fingerprint, i, i + 4).append(i == 16 ? "  " : " ");
        }
        for (String name : List.of(id, id.toLowerCase(), "0x" + id, fingerprint, fingerprint.toUpperCase(),
                spaced.toString().strip())) {
            assertEquals(id, SigningKey.load(file, name, null).keyId(), name);
        }
    }

    @Test
    void takesTheFirstKeyThatCanSignWhenNoneIsNamed() throws Exception {
        Path file = TestKeys.writeBinary(dir.resolve("keys.gpg"), encryptionOnly, rsa, protectedEd25519);
        assertEquals(TestKeys.keyId(rsa.getPublicKey()), SigningKey.load(file, null, null).keyId());
        assertEquals(TestKeys.keyId(rsa.getPublicKey()), SigningKey.load(file, "  ", null).keyId());
    }

    @Test
    void signsWithTheSigningSubkeyOfACertifyOnlyPrimary() throws Exception {
        Path file = TestKeys.writeArmored(withSubkey, dir.resolve("sub.asc"));
        String signingSubkey = TestKeys.keyId(TestKeys.subkeys(withSubkey).get(1));
        for (String name : new String[] {null, TestKeys.keyId(withSubkey.getPublicKey()), signingSubkey}) {
            SigningKey key = SigningKey.load(file, name, null);
            assertEquals(signingSubkey, key.keyId(), "named " + name);
            assertTrue(key.isSubkey());
            assertEquals("EdDSA Ed25519", key.algorithm());
            assertEquals(HexFormat.of().withUpperCase().formatHex(withSubkey.getPublicKey().getFingerprint()),
                    key.primaryFingerprint());
        }
    }

    @Test
    void anExclamationMarkTakesExactlyTheNamedKey() throws Exception {
        Path file = TestKeys.writeArmored(withSubkey, dir.resolve("sub.asc"));
        String primary = TestKeys.keyId(withSubkey.getPublicKey());
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, primary + "!",
                null));
        assertTrue(e.getMessage().contains("key " + primary + " cannot sign: its usage is [C]"), e.getMessage());
    }

    @Test
    void refusesAnEncryptionSubkeyNamedByItsId() throws Exception {
        Path file = TestKeys.writeArmored(withSubkey, dir.resolve("sub.asc"));
        String encryption = TestKeys.keyId(TestKeys.subkeys(withSubkey).get(0));
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, encryption, null));
        assertTrue(e.getMessage().contains("key " + encryption + " cannot sign: its usage is [E]; name a key with"
                + " [S] among:"), e.getMessage());
        String signing = TestKeys.keyId(TestKeys.subkeys(withSubkey).get(1));
        assertTrue(e.getMessage().contains(signing + " (subkey, EdDSA Ed25519, [S])"), e.getMessage());
    }

    @Test
    void refusesAKeyWithNothingThatCanSign() throws Exception {
        Path file = TestKeys.writeArmored(encryptionOnly, dir.resolve("enc.asc"));
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, null, null));
        assertTrue(e.getMessage().startsWith("signing: key file " + file + " has no key that can sign"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(primary, RSA 2048, [C], " + TestKeys.USER_ID + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("(subkey, RSA 2048, [E])"), e.getMessage());

        String primary = TestKeys.keyId(encryptionOnly.getPublicKey());
        e = assertThrows(PackagingException.class, () -> SigningKey.load(file, primary, null));
        assertTrue(e.getMessage().contains("key " + primary + " and its subkeys cannot sign"), e.getMessage());
        assertTrue(e.getMessage().contains("gpg --quick-add-key FINGERPRINT rsa4096 sign"), e.getMessage());
    }

    @Test
    void listsTheKeysItHasWhenTheNamedOneIsMissing() throws Exception {
        Path file = TestKeys.writeBinary(dir.resolve("keys.gpg"), rsa, withSubkey);
        PackagingException e = assertThrows(PackagingException.class,
                () -> SigningKey.load(file, "0123456789ABCDEF", null));
        assertTrue(e.getMessage().startsWith("signing: key file " + file + " has no key '0123456789ABCDEF'; it"
                + " holds: " + TestKeys.keyId(rsa.getPublicKey()) + " (primary, RSA 2048, [SC], "), e.getMessage());
        for (PGPPublicKey key : TestKeys.subkeys(withSubkey)) {
            assertTrue(e.getMessage().contains(TestKeys.keyId(key) + " (subkey"), e.getMessage());
        }
    }

    @Test
    void refusesAKeyIdThatIsNeitherLongIdNorFingerprint() throws Exception {
        Path file = TestKeys.writeArmored(rsa, dir.resolve("k.asc"));
        for (String bad : new String[] {"89ABCDEF", "not-a-key-id", "0123456789ABCDEF0"}) {
            PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, bad, null));
            assertTrue(e.getMessage().startsWith("signing: key ID '" + bad + "' is neither a 16-digit key ID nor a"
                    + " 40-digit fingerprint"), e.getMessage());
        }
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, "89ABCDEF", null));
        assertTrue(e.getMessage().contains("8-digit short IDs are ambiguous"), e.getMessage());
    }

    @Test
    void refusesAWrongPassphraseWithoutRepeatingIt() throws Exception {
        Path file = TestKeys.writeArmored(protectedEd25519, dir.resolve("k.asc"));
        PackagingException e = assertThrows(PackagingException.class,
                () -> SigningKey.load(file, null, WRONG.toCharArray(), "the environment variable RPM_SIGN_PASSPHRASE"));
        assertEquals("signing: key " + TestKeys.keyId(protectedEd25519.getPublicKey()) + " in " + file
                + ": the passphrase from the environment variable RPM_SIGN_PASSPHRASE does not unlock it",
                e.getMessage());
        TestKeys.assertNoSecret(e, WRONG);
    }

    @Test
    void refusesAProtectedKeyWithoutPassphraseSayingWhereItLooked() throws Exception {
        Path file = TestKeys.writeArmored(protectedEd25519, dir.resolve("k.asc"));
        for (char[] none : new char[][] {null, new char[0]}) {
            PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, null, none,
                    "settings.xml has no server 'rpm-signing', RPM_SIGN_PASSPHRASE is not set"));
            assertTrue(e.getMessage().endsWith("is protected by a passphrase and none was given (settings.xml has"
                    + " no server 'rpm-signing', RPM_SIGN_PASSPHRASE is not set)"), e.getMessage());
        }
    }

    @Test
    void refusesAMissingKeyFileSayingHowToExportOne() {
        Path missing = dir.resolve("nope.asc");
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(missing, null, null));
        assertEquals("signing: key file " + missing + " does not exist; export it with: gpg --export-secret-keys"
                + " --armor KEYID > signing-key.asc", e.getMessage());
    }

    @Test
    void refusesGarbageTextAndADirectory() throws Exception {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        random[0] = (byte) 0x95; // looks like an old-format secret key packet
        List<Path> files = List.of(Files.write(dir.resolve("random.bin"), random),
                Files.writeString(dir.resolve("notes.txt"), "just some text\nnot a key\n"),
                Files.writeString(dir.resolve("truncated.asc"), Files.readString(TestKeys.writeArmored(rsa,
                        dir.resolve("whole.asc"))).substring(0, 300)),
                Files.write(dir.resolve("empty.asc"), new byte[0]));
        for (Path file : files) {
            PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, null, null));
            assertTrue(e.getMessage().startsWith("signing: key file " + file + " is not an OpenPGP secret key file;"
                    + " expected what gpg --export-secret-keys writes"), file + ": " + e.getMessage());
        }
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(dir, null, null));
        assertTrue(e.getMessage().contains(" is a directory"), e.getMessage());
    }

    @Test
    void refusesAPublicKeyFileAskingForTheSecretKey() throws Exception {
        Path file = TestKeys.writePublic(rsa, dir.resolve("pub.asc"));
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, null, null));
        assertEquals("signing: key file " + file + " holds a public key only; signing needs the secret key: export"
                + " it with: gpg --export-secret-keys --armor KEYID > signing-key.asc", e.getMessage());
    }

    @Test
    void refusesSmallRsaKeys() throws Exception {
        PGPSecretKeyRing small = TestKeys.generator(TestKeys.rsaPair(1024, TestKeys.CREATED),
                org.bouncycastle.bcpg.sig.KeyFlags.SIGN_DATA, null).generateSecretKeyRing();
        Path file = TestKeys.writeArmored(small, dir.resolve("small.asc"));
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, null, null));
        assertTrue(e.getMessage().contains(" is RSA 1024; RSA keys of 2048 to 4096 bits are accepted"),
                e.getMessage());
    }

    @Test
    void refusesEcdsaBecauseItsSignaturesAreNotReproducible() throws Exception {
        Path file = TestKeys.writeArmored(TestKeys.ecdsa(), dir.resolve("ecdsa.asc"));
        PackagingException e = assertThrows(PackagingException.class, () -> SigningKey.load(file, null, null));
        assertTrue(e.getMessage().contains(" is ECDSA, which is not supported for signing packages: use an RSA key"),
                e.getMessage());
        assertTrue(e.getMessage().contains("DSA and ECDSA signatures are randomized"), e.getMessage());
    }

    @Test
    void exportsThePublicKeyWithItsSubkeys() throws Exception {
        SigningKey key = SigningKey.load(TestKeys.writeArmored(withSubkey, dir.resolve("sub.asc")), null, null);
        String armored = key.armoredPublicKey();
        assertTrue(armored.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"), armored);
        PGPPublicKeyRing ring = new PGPPublicKeyRing(PGPUtil.getDecoderStream(new ByteArrayInputStream(
                armored.getBytes(StandardCharsets.US_ASCII))), new BcKeyFingerprintCalculator());
        List<String> ids = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(k -> ids.add(TestKeys.keyId(k)));
        List<String> expected = new ArrayList<>();
        withSubkey.getPublicKeys().forEachRemaining(k -> expected.add(TestKeys.keyId(k)));
        assertEquals(expected, ids);
    }
}

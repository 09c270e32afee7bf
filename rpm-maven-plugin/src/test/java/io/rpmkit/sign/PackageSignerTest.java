package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.SignatureValue;

/**
 * The signature packets themselves, checked with BouncyCastle's verifier; rpm checks them in
 * PackageSigningRealRpmTest.
 */
class PackageSignerTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T10:00:00Z");
    private static final byte[] HEADER = "a main header, as stored".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = new byte[300_000];

    private static PGPSecretKeyRing rsaRing;
    private static PGPSecretKeyRing edRing;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        rsaRing = TestKeys.rsa(2048, null);
        edRing = TestKeys.ed25519(null);
        for (int i = 0; i < PAYLOAD.length; i++) {
            PAYLOAD[i] = (byte) (i * 7 % 253);
        }
    }

    private SigningKey load(PGPSecretKeyRing ring) throws Exception {
        return SigningKey.load(TestKeys.writeArmored(ring, dir.resolve("key-" + ring.getPublicKey().getKeyID()
                + ".asc")), null, null);
    }

    @Test
    void rsaHeaderSignatureIsAVersion4PacketUnderRsaHeader() throws Exception {
        SignatureValue value = new PackageSigner(load(rsaRing), HashChoice.SHA256, BUILD_TIME).signHeader(HEADER);
        assertEquals(SignatureTag.RSAHEADER, value.tag());
        PGPSignature signature = parse(value.packet());
        assertEquals(4, signature.getVersion());
        assertEquals(PGPSignature.BINARY_DOCUMENT, signature.getSignatureType());
        assertEquals(PublicKeyAlgorithmTags.RSA_GENERAL, signature.getKeyAlgorithm());
        assertEquals(HashAlgorithmTags.SHA256, signature.getHashAlgorithm());
        assertEquals(BUILD_TIME, signature.getCreationTime().toInstant());
        assertEquals(rsaRing.getPublicKey().getKeyID(), signature.getKeyID());
        assertTrue(verifies(signature, rsaRing.getPublicKey(), HEADER));
        assertFalse(verifies(parse(value.packet()), rsaRing.getPublicKey(), "another header".getBytes()));
    }

    @Test
    void subpacketsAreThoseGpgWrites() throws Exception {
        PGPSignature signature = parse(new PackageSigner(load(rsaRing), HashChoice.SHA256, BUILD_TIME)
                .signHeader(HEADER).packet());
        assertArrayEquals(new int[] {SignatureSubpacketTags.ISSUER_FINGERPRINT, SignatureSubpacketTags.CREATION_TIME},
                Arrays.stream(signature.getHashedSubPackets().toArray()).mapToInt(p -> p.getType()).toArray());
        assertEquals(0, signature.getHashedSubPackets().getCriticalTags().length);
        assertArrayEquals(new int[] {SignatureSubpacketTags.ISSUER_KEY_ID},
                Arrays.stream(signature.getUnhashedSubPackets().toArray()).mapToInt(p -> p.getType()).toArray());
    }

    @Test
    void ed25519SignaturesGoUnderTheDsaAndGpgTags() throws Exception {
        PackageSigner signer = new PackageSigner(load(edRing), HashChoice.SHA256, BUILD_TIME);
        SignatureValue header = signer.signHeader(HEADER);
        assertEquals(SignatureTag.DSAHEADER, header.tag());
        PGPSignature signature = parse(header.packet());
        assertEquals(PublicKeyAlgorithmTags.EDDSA_LEGACY, signature.getKeyAlgorithm());
        assertTrue(verifies(signature, edRing.getPublicKey(), HEADER));
        LegacySignature legacy = signer.startLegacy();
        legacy.update(HEADER);
        assertEquals(SignatureTag.GPG, legacy.finish().tag());
        assertEquals("EdDSA/SHA256, key ID " + TestKeys.keyId(edRing.getPublicKey()), signer.describe());
    }

    @Test
    void signsWithSha512WhenChosen() throws Exception {
        PackageSigner signer = new PackageSigner(load(rsaRing), HashChoice.SHA512, BUILD_TIME);
        PGPSignature signature = parse(signer.signHeader(HEADER).packet());
        assertEquals(HashAlgorithmTags.SHA512, signature.getHashAlgorithm());
        assertTrue(verifies(signature, rsaRing.getPublicKey(), HEADER));
        assertEquals("RSA/SHA512, key ID " + TestKeys.keyId(rsaRing.getPublicKey()), signer.describe());
    }

    @Test
    void sameInputsGiveTheSameBytes() throws Exception {
        for (PGPSecretKeyRing ring : new PGPSecretKeyRing[] {rsaRing, edRing}) {
            SigningKey key = load(ring);
            byte[] first = new PackageSigner(key, HashChoice.SHA256, BUILD_TIME).signHeader(HEADER).packet();
            byte[] second = new PackageSigner(load(ring), HashChoice.SHA256, BUILD_TIME).signHeader(HEADER).packet();
            assertArrayEquals(first, second);
            assertFalse(Arrays.equals(first, new PackageSigner(key, HashChoice.SHA256, BUILD_TIME.plusSeconds(1))
                    .signHeader(HEADER).packet()), "the time is signed");
        }
    }

    @Test
    void legacySignatureFedInPiecesEqualsOneOverHeaderAndPayload() throws Exception {
        PackageSigner signer = new PackageSigner(load(rsaRing), HashChoice.SHA256, BUILD_TIME);
        LegacySignature legacy = signer.startLegacy();
        legacy.update(HEADER);
        legacy.update(PAYLOAD, 0, 1000);
        ByteBuffer direct = ByteBuffer.allocateDirect(200_000);
        direct.put(PAYLOAD, 1000, 200_000).flip();
        legacy.update(direct);
        assertFalse(direct.hasRemaining());
        legacy.update(ByteBuffer.wrap(PAYLOAD, 201_000, PAYLOAD.length - 201_000));
        SignatureValue value = legacy.finish();
        assertEquals(SignatureTag.PGP, value.tag());

        byte[] whole = new byte[HEADER.length + PAYLOAD.length];
        System.arraycopy(HEADER, 0, whole, 0, HEADER.length);
        System.arraycopy(PAYLOAD, 0, whole, HEADER.length, PAYLOAD.length);
        assertTrue(verifies(parse(value.packet()), rsaRing.getPublicKey(), whole));
        assertArrayEquals(signer.signHeader(whole).packet(), value.packet());
        assertThrows(IllegalStateException.class, legacy::finish);
        assertThrows(IllegalStateException.class, () -> legacy.update(HEADER));
    }

    @Test
    void detachedSignatureIsArmoredWithoutVersionHeader() throws Exception {
        PackageSigner signer = new PackageSigner(load(edRing), HashChoice.SHA256, BUILD_TIME);
        byte[] repomd = "<repomd/>\n".getBytes(StandardCharsets.UTF_8);
        String armored = signer.detachedArmored(repomd);
        assertTrue(armored.startsWith("-----BEGIN PGP SIGNATURE-----\n\n"), armored);
        assertTrue(armored.endsWith("-----END PGP SIGNATURE-----\n"), armored);
        assertFalse(armored.contains("Version:"), armored);
        PGPSignature signature = parse(armored.getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifies(signature, edRing.getPublicKey(), repomd));
        assertEquals(armored, signer.detachedArmored(repomd));
    }

    @Test
    void aTimeBeforeTheKeyExistedBecomesTheKeysCreation() throws Exception {
        SigningKey key = load(rsaRing);
        PackageSigner signer = new PackageSigner(key, HashChoice.SHA256, TestKeys.CREATED.minusSeconds(86_400));
        assertEquals(TestKeys.CREATED, signer.time());
        assertEquals(TestKeys.CREATED, parse(signer.signHeader(HEADER).packet()).getCreationTime().toInstant());
        assertEquals(BUILD_TIME, new PackageSigner(key, HashChoice.SHA256, BUILD_TIME.plusMillis(999)).time());
    }

    @Test
    void refusesAKeyThatHasExpiredBySigningTime() throws Exception {
        SigningKey key = load(TestKeys.ed25519Expiring(86_400));
        assertEquals(TestKeys.CREATED.plusSeconds(86_400), key.expirationTime().orElseThrow());
        new PackageSigner(key, HashChoice.SHA256, TestKeys.CREATED.plusSeconds(3600));
        PackagingException e = assertThrows(PackagingException.class,
                () -> new PackageSigner(key, HashChoice.SHA256, BUILD_TIME));
        assertTrue(e.getMessage().startsWith("signing: key " + key.keyId() + " expired on 2026-01-02T00:00:00Z,"
                + " before the signature time 2026-11-24T10:00:00Z"), e.getMessage());
    }

    static PGPSignature parse(byte[] bytes) throws Exception {
        Object object = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))).nextObject();
        return ((PGPSignatureList) object).get(0);
    }

    static boolean verifies(PGPSignature signature, PGPPublicKey key, byte[] data) throws Exception {
        signature.init(new BcPGPContentVerifierBuilderProvider(), key);
        signature.update(data);
        return signature.verify();
    }
}

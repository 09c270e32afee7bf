package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Test keys made with BouncyCastle, shaped as gpg makes them: a primary key with key flags on its
 * user ID certification, subkeys bound with their flags, secret parts protected with AES-256 and an
 * iterated S2K when a passphrase is given.
 */
public final class TestKeys {
    /** Keys are older than the signature times the tests use, as real keys are. */
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final String USER_ID = "rpmkit test key (TEST ONLY) <test@rpmkit.invalid>";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SIGN_AND_CERTIFY = KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER;
    private static final int ENCRYPT = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    private TestKeys() {
    }

    public static PGPSecretKeyRing rsa(int bits, char[] passphrase) throws PGPException {
        return generator(rsaPair(bits, CREATED), SIGN_AND_CERTIFY, passphrase).generateSecretKeyRing();
    }

    public static PGPSecretKeyRing ed25519(char[] passphrase) throws PGPException {
        return generator(ed25519Pair(CREATED), SIGN_AND_CERTIFY, passphrase).generateSecretKeyRing();
    }

    /** An Ed25519 key that expires {@code seconds} after its creation. */
    static PGPSecretKeyRing ed25519Expiring(long seconds) throws PGPException {
        PGPSignatureSubpacketGenerator subpackets = new PGPSignatureSubpacketGenerator();
        subpackets.setKeyFlags(false, SIGN_AND_CERTIFY);
        subpackets.setKeyExpirationTime(false, seconds);
        return generator(ed25519Pair(CREATED), subpackets.generate(), null).generateSecretKeyRing();
    }

    /**
     * A certify-only RSA primary with an encryption subkey and a newer Ed25519 signing subkey, as
     * many teams keep their keys.
     */
    public static PGPSecretKeyRing withSigningSubkey(char[] passphrase) throws PGPException {
        PGPKeyRingGenerator generator = generator(rsaPair(2048, CREATED), KeyFlags.CERTIFY_OTHER, passphrase);
        generator.addSubKey(rsaPair(2048, CREATED), flags(ENCRYPT), null);
        PGPKeyPair signing = ed25519Pair(CREATED.plusSeconds(3600));
        generator.addSubKey(signing, flags(KeyFlags.SIGN_DATA), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256));
        return generator.generateSecretKeyRing();
    }

    /** A certify-only primary with an encryption subkey: nothing in it may sign data. */
    static PGPSecretKeyRing encryptionOnly() throws PGPException {
        PGPKeyRingGenerator generator = generator(rsaPair(2048, CREATED), KeyFlags.CERTIFY_OTHER, null);
        generator.addSubKey(rsaPair(2048, CREATED), flags(ENCRYPT), null);
        return generator.generateSecretKeyRing();
    }

    /** An ECDSA P-256 key: it can sign, but not reproducibly, so it is refused. */
    static PGPSecretKeyRing ecdsa() throws PGPException {
        ECKeyPairGenerator ec = new ECKeyPairGenerator();
        ec.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1,
                CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1)), RANDOM));
        return generator(new BcPGPKeyPair(PublicKeyAlgorithmTags.ECDSA, ec.generateKeyPair(), Date.from(CREATED)),
                SIGN_AND_CERTIFY, null).generateSecretKeyRing();
    }

    static PGPKeyPair rsaPair(int bits, Instant created) throws PGPException {
        RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
        rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, bits, 80));
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), Date.from(created));
    }

    static PGPKeyPair ed25519Pair(Instant created) throws PGPException {
        Ed25519KeyPairGenerator ed = new Ed25519KeyPairGenerator();
        ed.init(new Ed25519KeyGenerationParameters(RANDOM));
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, ed.generateKeyPair(), Date.from(created));
    }

    static PGPKeyRingGenerator generator(PGPKeyPair primary, int primaryFlags, char[] passphrase)
            throws PGPException {
        return generator(primary, flags(primaryFlags), passphrase);
    }

    private static PGPKeyRingGenerator generator(PGPKeyPair primary, PGPSignatureSubpacketVector hashed,
            char[] passphrase) throws PGPException {
        PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        PBESecretKeyEncryptor encryptor = passphrase == null ? null
                : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                        new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), 0x60).build(passphrase);
        return new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, USER_ID, sha1,
                hashed, null, new BcPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(),
                        HashAlgorithmTags.SHA256), encryptor);
    }

    private static PGPSignatureSubpacketVector flags(int flags) {
        PGPSignatureSubpacketGenerator subpackets = new PGPSignatureSubpacketGenerator();
        subpackets.setKeyFlags(false, flags);
        return subpackets.generate();
    }

    public static Path writeArmored(PGPSecretKeyRing ring, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream armor = new ArmoredOutputStream(bytes)) {
            ring.encode(armor);
        }
        return Files.write(file, bytes.toByteArray());
    }

    static Path writeBinary(PGPSecretKeyRing ring, Path file) throws IOException {
        return Files.write(file, ring.getEncoded());
    }

    /** The public key, armored, as {@code gpg --export --armor} writes it. */
    public static Path writePublic(PGPSecretKeyRing ring, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream armor = new ArmoredOutputStream(bytes)) {
            ring.toCertificate().encode(armor);
        }
        return Files.write(file, bytes.toByteArray());
    }

    static String keyId(PGPPublicKey key) {
        return String.format("%016X", key.getKeyID());
    }

    /** The last 8 digits of a key ID, lower case, as rpm -K prints it. */
    static String rpmKeyId(PGPPublicKey key) {
        return keyId(key).substring(8).toLowerCase(Locale.ROOT);
    }

    /** Concatenated binary rings, as gpg --export-secret-keys writes several keys. */
    static Path writeBinary(Path file, PGPSecretKeyRing... rings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (PGPSecretKeyRing ring : rings) {
            ring.encode(bytes);
        }
        return Files.write(file, bytes.toByteArray());
    }

    /** The subkeys of a ring, in file order. */
    static List<PGPPublicKey> subkeys(PGPSecretKeyRing ring) {
        List<PGPPublicKey> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(k -> {
            if (!k.isMasterKey()) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Fails when the exception or any cause names the secret. */
    static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), "the message names the passphrase: " + t);
        }
    }
}

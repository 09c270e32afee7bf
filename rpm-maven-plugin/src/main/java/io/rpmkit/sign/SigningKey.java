package io.rpmkit.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

import io.rpmkit.PackagingException;

/**
 * An unlocked OpenPGP key that can sign packages: RSA of 2048 to 4096 bits, or Ed25519 as gpg
 * writes it (EdDSA, algorithm 22). Those are what rpm 4.18 verifies and what signs
 * reproducibly: DSA and ECDSA signatures take a random number, so a package signed twice would
 * differ.
 *
 * <p>Which key of the file signs: the one named by its key ID or fingerprint; when that is a
 * primary key, its newest signing subkey that has its secret in the file, else the primary
 * itself, as gpg chooses. A trailing {@code !} takes exactly the named key. Without a name,
 * the first primary key in the file chosen the same way.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class SigningKey {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final PGPSecretKeyRing ring;
    private final PGPPublicKey publicKey;
    private final PGPPrivateKey privateKey;

    private SigningKey(PGPSecretKeyRing ring, PGPPublicKey publicKey, PGPPrivateKey privateKey) {
        this.ring = ring;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** See {@link #load(Path, String, char[], String)}. */
    public static SigningKey load(Path keyFile, String keyIdOrFingerprint, char[] passphrase)
            throws PackagingException {
        return load(keyFile, keyIdOrFingerprint, passphrase, null);
    }

    /**
     * Loads and unlocks a key.
     *
     * @param keyFile what {@code gpg --export-secret-keys [--armor]} writes
     * @param keyIdOrFingerprint 16 hex digits or a 40-digit fingerprint (spaces and a leading 0x
     *     allowed, a trailing ! for exactly this key); null or blank for the first key that can sign
     * @param passphrase null or empty when the key is not protected; not kept, not cleared
     * @param passphraseOrigin where the passphrase came from, for messages (e.g. "the environment
     *     variable RPM_SIGN_PASSPHRASE"); null when the caller has nothing to say
     */
    public static SigningKey load(Path keyFile, String keyIdOrFingerprint, char[] passphrase,
            String passphraseOrigin) throws PackagingException {
        List<PGPSecretKeyRing> rings = SecretKeyFile.read(keyFile);
        KeySelection selection = KeySelection.select(rings, keyIdOrFingerprint, "signing: key file " + keyFile);
        PGPSecretKey secret = selection.key();
        requireSupported(secret.getPublicKey(), keyFile);
        return new SigningKey(selection.ring(), secret.getPublicKey(),
                unlock(secret, passphrase, passphraseOrigin, keyFile));
    }

    private static void requireSupported(PGPPublicKey key, Path keyFile) throws PackagingException {
        String name = "signing: key " + keyId(key) + " in " + keyFile + " is " + KeyUsage.algorithmName(key);
        if (KeyUsage.isRsa(key)) {
            int bits = key.getBitStrength();
            if (bits < 2048 || bits > 4096) {
                throw new PackagingException(name + "; RSA keys of 2048 to 4096 bits are accepted (RHEL 9 refuses"
                        + " smaller ones, gpg makes no larger ones); create one with: gpg --quick-gen-key"
                        + " 'NAME <EMAIL>' rsa4096 sign");
            }
            return;
        }
        if (KeyUsage.isLegacyEd25519(key)) {
            return;
        }
        throw new PackagingException(name + ", which is not supported for signing packages: use an RSA key"
                + " (2048 to 4096 bits) or an Ed25519 key as gpg writes it (gpg --quick-gen-key 'NAME <EMAIL>'"
                + " ed25519 sign); DSA and ECDSA signatures are randomized, so signed packages would not be"
                + " reproducible, and rpm 4.18 cannot read RFC 9580 Ed25519 keys");
    }

    private static PGPPrivateKey unlock(PGPSecretKey secret, char[] passphrase, String origin, Path keyFile)
            throws PackagingException {
        String key = "signing: key " + keyId(secret.getPublicKey()) + " in " + keyFile;
        boolean protectedKey = secret.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
        boolean given = passphrase != null && passphrase.length > 0;
        if (protectedKey && !given) {
            throw new PackagingException(key + " is protected by a passphrase and none was given"
                    + (origin != null ? " (" + origin + ")" : ""));
        }
        try {
            PBESecretKeyDecryptor decryptor = protectedKey
                    ? new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase)
                    : null;
            PGPPrivateKey privateKey = secret.extractPrivateKey(decryptor);
            if (privateKey == null) {
                throw new PackagingException(key + ": its secret part is not in the file; "
                        + SecretKeyFile.EXPORT_HINT);
            }
            return privateKey;
        } catch (PGPException | RuntimeException e) {
            // The cause's message is BouncyCastle's ("checksum mismatch ..."); it never holds the passphrase.
            if (protectedKey) {
                throw new PackagingException(key + ": the passphrase" + (origin != null ? " from " + origin : "")
                        + " does not unlock it", e);
            }
            throw new PackagingException(key + ": its secret part cannot be read (" + e.getMessage() + "); "
                    + SecretKeyFile.EXPORT_HINT, e);
        }
    }

    /** The signing key's 16-digit key ID, upper case, as gpg prints it. */
    public String keyId() {
        return keyId(publicKey);
    }

    /** The signing key's 40-digit fingerprint, upper case. */
    public String fingerprint() {
        return HEX.formatHex(publicKey.getFingerprint());
    }

    /** The primary key's fingerprint: what users import and look up. */
    public String primaryFingerprint() {
        return HEX.formatHex(ring.getPublicKey().getFingerprint());
    }

    /** Whether the signing key is a subkey of the primary key. */
    public boolean isSubkey() {
        return !publicKey.isMasterKey();
    }

    /** The primary key's first user ID, e.g. "Example Packaging &lt;rpm@example.com&gt;". */
    public Optional<String> userId() {
        Iterator<String> ids = ring.getPublicKey().getUserIDs();
        return ids.hasNext() ? Optional.of(ids.next()) : Optional.empty();
    }

    /** "RSA 4096" or "EdDSA Ed25519". */
    public String algorithm() {
        return KeyUsage.algorithmName(publicKey);
    }

    /** True for RSA keys; their signatures go under the RSA and PGP tags, all others under DSA and GPG. */
    public boolean isRsa() {
        return KeyUsage.isRsa(publicKey);
    }

    /** The signing key's creation time; a signature may not be older (OpenPGP implementations reject it). */
    public Instant creationTime() {
        return publicKey.getCreationTime().toInstant();
    }

    /** When the signing key or its primary key expires, if it does. */
    public Optional<Instant> expirationTime() {
        Optional<Instant> own = expiry(publicKey);
        Optional<Instant> primary = expiry(ring.getPublicKey());
        if (own.isPresent() && primary.isPresent()) {
            return Optional.of(own.get().isBefore(primary.get()) ? own.get() : primary.get());
        }
        return own.isPresent() ? own : primary;
    }

    private static Optional<Instant> expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds > 0 ? Optional.of(key.getCreationTime().toInstant().plusSeconds(seconds)) : Optional.empty();
    }

    /**
     * The public key (primary, user IDs, subkeys and their signatures), ASCII-armored: what users
     * import with {@code rpmkeys --import} and what a repository publishes beside repomd.xml.
     */
    public String armoredPublicKey() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            ring.toCertificate().encode(armor, true);
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory does not fail", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    PGPPublicKey publicKey() {
        return publicKey;
    }

    PGPPrivateKey privateKey() {
        return privateKey;
    }

    static String keyId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }

    /** One line per key of the rings, for messages: ID, primary or subkey, algorithm, usage, user. */
    static List<String> describe(List<PGPSecretKeyRing> rings) {
        List<String> lines = new ArrayList<>();
        for (PGPSecretKeyRing ring : rings) {
            List<PGPSecretKey> keys = new ArrayList<>();
            ring.getSecretKeys().forEachRemaining(keys::add);
            keys.sort(Comparator.comparing((PGPSecretKey k) -> !k.isMasterKey()));
            for (PGPSecretKey key : keys) {
                PGPPublicKey pub = key.getPublicKey();
                String user = key.isMasterKey() && pub.getUserIDs().hasNext() ? ", " + pub.getUserIDs().next() : "";
                lines.add(keyId(pub) + " (" + (key.isMasterKey() ? "primary" : "subkey") + ", "
                        + KeyUsage.algorithmName(pub) + ", [" + KeyUsage.letters(pub) + "]"
                        + (key.isPrivateKeyEmpty() ? ", secret part not in the file" : "") + user + ")");
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        return algorithm() + " key " + keyId() + userId().map(u -> " (" + u + ")").orElse("");
    }
}

package io.rpmkit.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

import io.rpmkit.PackagingException;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.SignatureValue;
import io.rpmkit.write.HeaderSigner;

/**
 * Makes the OpenPGP signatures of a package: v4 signature packets, binary, as rpm stores them in
 * the signature header; and armored detached signatures for repository metadata.
 *
 * <p>Signatures are reproducible: the creation time is the caller's (the build timestamp, never
 * the clock), RSA (PKCS#1 v1.5) and Ed25519 signatures are deterministic, and the subpackets are
 * fixed: issuer fingerprint and creation time hashed, issuer key ID unhashed, as gpg writes them.
 * A time before the key's creation is raised to it, because OpenPGP implementations (rpm-sequoia
 * among them) reject a signature older than its key; the result is still the same on every run.
 *
 * <p>Tags follow rpmsign 4.18: a header signature goes under RSAHEADER for RSA keys and under
 * DSAHEADER for all others (EdDSA included); the legacy header-and-payload signature under PGP for
 * RSA and GPG for the others. Packets vary in length by a few bytes between inputs (the MPIs of a
 * signature drop leading zero bytes), so a writer must not reserve a fixed size for them.
 *
 * <p>Immutable; one signer may serve several threads, each signature has its own state.
 */
public final class PackageSigner implements HeaderSigner {
    private final SigningKey key;
    private final HashChoice hash;
    private final Instant time;

    /**
     * @param time the signature's creation time, normally the build timestamp; cut to seconds and
     *     raised to the key's creation time when older
     * @throws PackagingException when the key has expired by then
     */
    public PackageSigner(SigningKey key, HashChoice hash, Instant time) throws PackagingException {
        this.key = key;
        this.hash = hash;
        Instant seconds = Instant.ofEpochSecond(time.getEpochSecond());
        this.time = seconds.isBefore(key.creationTime()) ? key.creationTime() : seconds;
        if (this.time.getEpochSecond() > RpmLimits.MAX_UINT32) {
            throw new PackagingException("signing: signature time " + time + " is after 2106, beyond what an"
                    + " OpenPGP signature can state; check the build timestamp");
        }
        if (key.expirationTime().isPresent() && !this.time.isBefore(key.expirationTime().get())) {
            throw new PackagingException("signing: key " + key.keyId() + " expired on " + key.expirationTime().get()
                    + ", before the signature time " + this.time + "; extend it (gpg --quick-set-expire"
                    + " FINGERPRINT 2y '*') and export it again");
        }
    }

    public SigningKey key() {
        return key;
    }

    public HashChoice hash() {
        return hash;
    }

    /** The creation time the signatures state. */
    public Instant time() {
        return time;
    }

    /** As rpm -Kv names the signature: "RSA/SHA256, key ID 0123456789ABCDEF". */
    @Override
    public String describe() {
        return (key.isRsa() ? "RSA" : "EdDSA") + "/" + hash.rpmName() + ", key ID " + key.keyId();
    }

    /** The signature over the main header exactly as stored: RSAHEADER for RSA keys, else DSAHEADER. */
    @Override
    public SignatureValue signHeader(byte[] header) throws PackagingException {
        PGPSignatureGenerator generator = generator();
        generator.update(header);
        return new SignatureValue(key.isRsa() ? SignatureTag.RSAHEADER : SignatureTag.DSAHEADER,
                encode(generate(generator)));
    }

    /**
     * Starts the legacy signature over header and compressed payload, which rpm before 4.14 (EL7
     * has 4.11) checks; feed it the main header, then the payload, in file order.
     */
    @Override
    public LegacySignature startLegacy() throws PackagingException {
        return new LegacySignature(this, generator(), key.isRsa() ? SignatureTag.PGP : SignatureTag.GPG);
    }

    /** An ASCII-armored detached signature of {@code data}, e.g. repomd.xml.asc; no Version header. */
    public String detachedArmored(byte[] data) throws PackagingException {
        PGPSignatureGenerator generator = generator();
        generator.update(data);
        PGPSignature signature = generate(generator);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            signature.encode(armor);
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory does not fail", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private PGPSignatureGenerator generator() throws PackagingException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), hash.pgpId()), key.publicKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setIssuerFingerprint(false, key.publicKey());
        hashed.setSignatureCreationTime(false, Date.from(time));
        PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
        unhashed.setIssuerKeyID(false, key.publicKey().getKeyID());
        try {
            generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
        } catch (PGPException e) {
            throw failure(e);
        }
        generator.setHashedSubpackets(hashed.generate());
        generator.setUnhashedSubpackets(unhashed.generate());
        return generator;
    }

    PGPSignature generate(PGPSignatureGenerator generator) throws PackagingException {
        try {
            return generator.generate();
        } catch (PGPException | RuntimeException e) {
            throw failure(e);
        }
    }

    static byte[] encode(PGPSignature signature) {
        try {
            return signature.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory does not fail", e);
        }
    }

    private PackagingException failure(Exception e) {
        return new PackagingException("signing with " + key + " failed: " + e.getMessage(), e);
    }
}

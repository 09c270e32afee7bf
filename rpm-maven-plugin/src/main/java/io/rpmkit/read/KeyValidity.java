package io.rpmkit.read;

import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;

import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Whether a key may vouch for a signature it made, as rpm 6 (rpm-sequoia) judges it: not revoked, a
 * subkey bound to its certificate by a valid binding signature that lets it sign, and not expired
 * when it signed. Only signatures that verify count: a revocation or binding anyone could have
 * appended to the certificate file decides nothing.
 */
final class KeyValidity {
    private KeyValidity() {
    }

    /** Null when the key may vouch for a signature made at {@code signed}, else why not. */
    static String problem(VerificationKeys.Match match, Date signed) {
        PGPPublicKey primary = match.primary();
        PGPPublicKey key = match.key();
        if (revoked(primary, primary, PGPSignature.KEY_REVOCATION)) {
            return "key " + id(primary) + " is revoked";
        }
        if (expiredAt(primary, signed)) {
            return "key " + id(primary) + " had expired when it signed";
        }
        if (key == primary) {
            return null;
        }
        PGPSignature binding = validBinding(primary, key);
        if (binding == null) {
            return "subkey " + id(key) + " has no valid binding signature from its certificate " + id(primary);
        }
        PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
        if (hashed != null && hashed.getKeyFlags() != 0 && (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) == 0) {
            return "subkey " + id(key) + " is not bound for signing";
        }
        if (revoked(primary, key, PGPSignature.SUBKEY_REVOCATION)) {
            return "subkey " + id(key) + " is revoked";
        }
        if (expiredAt(key, signed)) {
            return "subkey " + id(key) + " had expired when it signed";
        }
        return null;
    }

    private static boolean expiredAt(PGPPublicKey key, Date signed) {
        long validSeconds = key.getValidSeconds();
        return validSeconds > 0 && key.getCreationTime().getTime() / 1000 + validSeconds <= signed.getTime() / 1000;
    }

    private static PGPSignature validBinding(PGPPublicKey primary, PGPPublicKey subkey) {
        for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext();) {
            PGPSignature binding = it.next();
            if (certifies(primary, primary, subkey, binding)) {
                return binding;
            }
        }
        return null;
    }

    private static boolean revoked(PGPPublicKey primary, PGPPublicKey key, int type) {
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext();) {
            if (certifies(primary, primary, key, it.next())) {
                return true;
            }
        }
        return false;
    }

    private static boolean certifies(PGPPublicKey signer, PGPPublicKey primary, PGPPublicKey key,
            PGPSignature signature) {
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), signer);
            return key == primary ? signature.verifyCertification(key) : signature.verifyCertification(primary, key);
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static String id(PGPPublicKey key) {
        return HexFormat.of().formatHex(key.getFingerprint());
    }
}

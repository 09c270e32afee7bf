package io.rpmkit.sign;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gnu.GNUObjectIdentifiers;
import org.bouncycastle.bcpg.EdDSAPublicBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * What a key may be used for and what it is, read from the key itself. Self-signatures are taken
 * as they stand, not verified: the file is the user's own export, and rpm checks the result.
 */
final class KeyUsage {
    private static final List<Integer> SELF_CERTIFICATIONS = List.of(PGPSignature.POSITIVE_CERTIFICATION,
            PGPSignature.CASUAL_CERTIFICATION, PGPSignature.NO_CERTIFICATION, PGPSignature.DEFAULT_CERTIFICATION,
            PGPSignature.DIRECT_KEY);

    private KeyUsage() {
    }

    /**
     * Whether the key may make data signatures: its newest self-signature's key flags say so, or,
     * where it has none (old keys), its algorithm can sign. A revoked key may not.
     */
    static boolean canSign(PGPPublicKey key) {
        if (key.hasRevocation()) {
            return false;
        }
        Optional<Integer> flags = flags(key);
        return flags.isPresent() ? (flags.get() & KeyFlags.SIGN_DATA) != 0 : algorithmCanSign(key.getAlgorithm());
    }

    /** gpg's letters: S sign, C certify, E encrypt, A authenticate; "revoked" when revoked. */
    static String letters(PGPPublicKey key) {
        if (key.hasRevocation()) {
            return "revoked";
        }
        Optional<Integer> flags = flags(key);
        if (flags.isEmpty()) {
            return algorithmCanSign(key.getAlgorithm()) ? (key.isMasterKey() ? "SC" : "S") : "E";
        }
        int f = flags.get();
        StringBuilder letters = new StringBuilder();
        if ((f & KeyFlags.SIGN_DATA) != 0) {
            letters.append('S');
        }
        if ((f & KeyFlags.CERTIFY_OTHER) != 0) {
            letters.append('C');
        }
        if ((f & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0) {
            letters.append('E');
        }
        if ((f & KeyFlags.AUTHENTICATION) != 0) {
            letters.append('A');
        }
        return letters.length() == 0 ? "none" : letters.toString();
    }

    /** The key flags of the newest self-signature that has them. */
    private static Optional<Integer> flags(PGPPublicKey key) {
        List<PGPSignature> signatures = new ArrayList<>();
        if (key.isMasterKey()) {
            for (int type : SELF_CERTIFICATIONS) {
                addAll(signatures, key.getSignaturesOfType(type), key.getKeyID());
            }
        } else {
            addAll(signatures, key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING), null);
        }
        PGPSignature newest = null;
        for (PGPSignature signature : signatures) {
            if (signature.getHashedSubPackets() != null && signature.getHashedSubPackets().getKeyFlags() != 0
                    && (newest == null || signature.getCreationTime().after(newest.getCreationTime()))) {
                newest = signature;
            }
        }
        return newest == null ? Optional.empty() : Optional.of(newest.getHashedSubPackets().getKeyFlags());
    }

    private static void addAll(List<PGPSignature> into, Iterator<PGPSignature> signatures, Long issuer) {
        while (signatures.hasNext()) {
            PGPSignature signature = signatures.next();
            if (issuer == null || signature.getKeyID() == issuer) {
                into.add(signature);
            }
        }
    }

    private static boolean algorithmCanSign(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.DSA,
                    PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519,
                    PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    static boolean isRsa(PGPPublicKey key) {
        return key.getAlgorithm() == PublicKeyAlgorithmTags.RSA_GENERAL
                || key.getAlgorithm() == PublicKeyAlgorithmTags.RSA_SIGN;
    }

    /** EdDSA as gpg 2.2 and 2.4 write it (algorithm 22) on Curve25519: what rpm 4.18 verifies. */
    static boolean isLegacyEd25519(PGPPublicKey key) {
        if (key.getAlgorithm() != PublicKeyAlgorithmTags.EDDSA_LEGACY
                || !(key.getPublicKeyPacket().getKey() instanceof EdDSAPublicBCPGKey edKey)) {
            return false;
        }
        ASN1ObjectIdentifier curve = edKey.getCurveOID();
        return GNUObjectIdentifiers.Ed25519.equals(curve) || EdECObjectIdentifiers.id_Ed25519.equals(curve);
    }

    /** E.g. "RSA 3072", "EdDSA Ed25519", "ECDH": how gpg would name it, for messages. */
    static String algorithmName(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                    PublicKeyAlgorithmTags.RSA_ENCRYPT -> "RSA " + key.getBitStrength();
            case PublicKeyAlgorithmTags.DSA -> "DSA " + key.getBitStrength();
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, PublicKeyAlgorithmTags.ELGAMAL_GENERAL -> "ElGamal "
                    + key.getBitStrength();
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA";
            case PublicKeyAlgorithmTags.ECDH -> "ECDH";
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> isLegacyEd25519(key) ? "EdDSA Ed25519" : "EdDSA";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519 (RFC 9580 format)";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            default -> "algorithm " + key.getAlgorithm();
        };
    }
}

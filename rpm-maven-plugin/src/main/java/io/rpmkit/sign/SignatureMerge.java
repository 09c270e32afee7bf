package io.rpmkit.sign;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import io.rpmkit.PackagingException;
import io.rpmkit.format.SignatureHeader;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.SignatureValue;
import io.rpmkit.read.RpmHeader;

/**
 * A package's signatures with one more added, laid out as rpm 6's {@code rpmsign --addsign} lays
 * them out (sign/rpmgensig.cc): every header signature, the earlier ones and the new one, in the
 * OPENPGP tag, which rpm 6 reads instead of the others; one v4 header signature in RSAHEADER or
 * DSAHEADER for rpm 4, which ignores OPENPGP (the earlier one when there is one, else the new one);
 * the legacy header-and-payload signature kept, of which rpm reads one only.
 */
final class SignatureMerge {
    private SignatureMerge() {
    }

    /** The earlier signatures, each checked to be one OpenPGP signature, in listing order. */
    record Existing(List<byte[]> header, List<SignatureValue> v4Header, List<SignatureValue> legacy) {
        boolean hasLegacy() {
            return !legacy.isEmpty();
        }
    }

    /** No earlier signatures: what replacing them starts from. */
    static Existing none() {
        return new Existing(List.of(), List.of(), List.of());
    }

    static Existing existing(RpmHeader signature, String where) throws PackagingException {
        List<byte[]> header = new ArrayList<>();
        List<SignatureValue> v4Header = new ArrayList<>();
        List<SignatureValue> legacy = new ArrayList<>();
        for (SignatureTag tag : new SignatureTag[] {SignatureTag.RSAHEADER, SignatureTag.DSAHEADER}) {
            if (signature.contains(tag)) {
                byte[] packet = checked(signature.bytes(tag), tag, where);
                v4Header.add(new SignatureValue(tag, packet));
                header.add(packet);
            }
        }
        if (signature.contains(SignatureTag.OPENPGP)) {
            for (String encoded : signature.strings(SignatureTag.OPENPGP)) {
                byte[] packet;
                try {
                    packet = SignatureHeader.decodeOpenPgp(encoded);
                } catch (IllegalArgumentException e) {
                    throw unusable(where, "an OPENPGP entry is not base64");
                }
                checked(packet, SignatureTag.OPENPGP, where);
                if (header.stream().noneMatch(known -> Arrays.equals(known, packet))) {
                    header.add(packet);
                }
            }
        }
        for (SignatureTag tag : new SignatureTag[] {SignatureTag.PGP, SignatureTag.GPG}) {
            if (signature.contains(tag)) {
                legacy.add(new SignatureValue(tag, checked(signature.bytes(tag), tag, where)));
            }
        }
        return new Existing(header, v4Header, legacy);
    }

    /**
     * The signatures after adding {@code added}; null when an earlier header signature is by the
     * same key with the same algorithms, which rpm calls identical and does not add again.
     *
     * @param legacy the new legacy signature, or null; refused when the package has one
     */
    static List<SignatureValue> add(Existing existing, SignatureValue added, SignatureValue legacy)
            throws PackagingException {
        PGPSignature addedSignature = parse(added.packet());
        for (byte[] packet : existing.header()) {
            PGPSignature earlier = parse(packet);
            if (earlier.getKeyID() == addedSignature.getKeyID()
                    && earlier.getKeyAlgorithm() == addedSignature.getKeyAlgorithm()
                    && earlier.getHashAlgorithm() == addedSignature.getHashAlgorithm()) {
                return null;
            }
        }
        List<SignatureValue> signatures = new ArrayList<>();
        for (byte[] packet : existing.header()) {
            signatures.add(new SignatureValue(SignatureTag.OPENPGP, packet));
        }
        signatures.add(new SignatureValue(SignatureTag.OPENPGP, added.packet()));
        signatures.addAll(existing.v4Header().isEmpty() ? List.of(added) : existing.v4Header());
        signatures.addAll(existing.legacy());
        if (legacy != null) {
            signatures.add(legacy);
        }
        return signatures;
    }

    private static byte[] checked(byte[] packet, SignatureTag tag, String where) throws PackagingException {
        try {
            parse(packet);
            return packet;
        } catch (PackagingException e) {
            throw unusable(where, "its " + tag.name() + " is not an OpenPGP signature packet");
        }
    }

    private static PGPSignature parse(byte[] packet) throws PackagingException {
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(packet);
            if (factory.nextObject() instanceof PGPSignatureList list && list.size() == 1
                    && factory.nextObject() == null) {
                return list.get(0);
            }
        } catch (IOException | RuntimeException e) {
            // Any failure means the same: not a signature.
        }
        throw new PackagingException("not an OpenPGP signature packet");
    }

    private static PackagingException unusable(String where, String what) {
        return new PackagingException(where + ": " + what + ", so no signature can be added beside it; replace"
                + " the signatures instead (rpm.sign.signatures=replace)");
    }
}

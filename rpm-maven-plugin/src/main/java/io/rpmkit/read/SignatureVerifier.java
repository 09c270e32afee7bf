package io.rpmkit.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import io.rpmkit.PackagingException;
import io.rpmkit.format.SignatureHeader;
import io.rpmkit.format.SignatureTag;

/**
 * Checks a package's OpenPGP signatures against given public keys, as {@code rpmkeys -K} does
 * against its key database: the header signatures (RSAHEADER, DSAHEADER, each of rpm 6's OPENPGP)
 * over the main header's bytes, the legacy ones (PGP, GPG) over header and compressed payload,
 * streamed once for all of them. Every signature present is reported, also those a given rpm
 * generation skips (rpm 6 ignores RSAHEADER, DSAHEADER, PGP and GPG beside OPENPGP, and the legacy
 * tags in a v6 package): a release check should see them all.
 *
 * <p>A packet that does not parse as exactly one OpenPGP signature is BAD, never merely shown.
 */
final class SignatureVerifier {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CHUNK = 64 * 1024;
    /** What BouncyCastle verifies and rpm signs with; others (ML-DSA, Elgamal) are NOTTRUSTED. */
    private static final Set<Integer> CHECKED_ALGORITHMS = Set.of(PublicKeyAlgorithmTags.RSA_GENERAL,
            PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.DSA, PublicKeyAlgorithmTags.ECDSA,
            PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.Ed448);

    private final RpmPackage pkg;
    private final VerificationKeys keys;

    private SignatureVerifier(RpmPackage pkg, VerificationKeys keys) {
        this.pkg = pkg;
        this.keys = keys;
    }

    static SignatureReport verify(RpmPackage pkg, VerificationKeys keys) throws PackagingException {
        return new SignatureVerifier(pkg, keys).run();
    }

    /** A signature packet as the tag holds it, decoded, or why it cannot be one. */
    record Packet(SignatureTag tag, byte[] bytes, String problem) {
    }

    /** The packets in the order rpm lists them: header signatures, then header-and-payload ones. */
    static List<Packet> packets(RpmHeader signature) {
        List<Packet> packets = new ArrayList<>();
        List<String> openPgp = signature.contains(SignatureTag.OPENPGP) ? signature.strings(SignatureTag.OPENPGP)
                : List.of();
        for (String encoded : openPgp) {
            try {
                packets.add(new Packet(SignatureTag.OPENPGP, SignatureHeader.decodeOpenPgp(encoded), ""));
            } catch (IllegalArgumentException e) {
                packets.add(new Packet(SignatureTag.OPENPGP, new byte[0], "OPENPGP holds invalid base64"));
            }
        }
        for (SignatureTag tag : new SignatureTag[] {SignatureTag.RSAHEADER, SignatureTag.DSAHEADER,
            SignatureTag.PGP, SignatureTag.GPG}) {
            if (signature.contains(tag)) {
                packets.add(new Packet(tag, signature.bytes(tag), ""));
            }
        }
        return packets;
    }

    /** The one signature the bytes hold, or empty when they are anything else (garbage, trailing bytes). */
    static Optional<PGPSignature> parse(byte[] packet) {
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(packet);
            Object first = factory.nextObject();
            if (first instanceof PGPSignatureList list && list.size() == 1 && factory.nextObject() == null) {
                return Optional.of(list.get(0));
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports a malformed packet in many ways; to us they all mean "not a signature".
        }
        return Optional.empty();
    }

    /**
     * True when the packet is one signature that BouncyCastle parses, or one in an algorithm we
     * do not check (whose verdict is NOTTRUSTED, not BAD).
     */
    static boolean isWellFormed(Packet packet) {
        Optional<OpenPgpSignature.Fields> fields = packet.problem().isEmpty() ? OpenPgpSignature.fields(packet.bytes())
                : Optional.empty();
        return fields.isPresent() && (!CHECKED_ALGORITHMS.contains(fields.get().publicKeyAlgorithm())
                || parse(packet.bytes()).isPresent());
    }

    private SignatureReport run() throws PackagingException {
        List<Pending> pending = new ArrayList<>();
        for (Packet packet : packets(pkg.signature())) {
            pending.add(new Pending(packet));
        }
        List<Pending> legacy = new ArrayList<>();
        for (Pending each : pending) {
            if (each.coversPayload) {
                legacy.add(each);
            } else {
                each.update(pkg.headerBytes(), 0, pkg.headerBytes().length);
            }
        }
        if (legacy.stream().anyMatch(Pending::wantsData)) {
            streamHeaderAndPayload(legacy);
        }
        return new SignatureReport(pending.stream().map(Pending::verdict).toList());
    }

    /** One pass over header and compressed payload, in bounded memory, for every legacy signature. */
    private void streamHeaderAndPayload(List<Pending> legacy) throws PackagingException {
        String where = "verifying " + pkg.path();
        try (FileChannel in = FileChannel.open(pkg.path(), StandardOpenOption.READ)) {
            if (in.size() != pkg.fileSize()) {
                throw new PackagingException(where + ": the file changed since it was read (" + pkg.fileSize()
                        + " bytes, now " + in.size() + ")");
            }
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            for (long position = pkg.headerOffset(); position < pkg.fileSize();) {
                buffer.clear();
                int read = in.read(buffer, position);
                if (read < 0) {
                    throw new PackagingException(where + ": the file ended at " + position + " bytes, it had "
                            + pkg.fileSize());
                }
                for (Pending pending : legacy) {
                    pending.update(buffer.array(), 0, read);
                }
                position += read;
            }
        } catch (IOException e) {
            throw new PackagingException(where + ": " + e, e);
        }
    }

    /**
     * One signature on its way to a verdict, decided in rpm's order: a packet that does not parse is
     * BAD; so is one whose hash prefix the data does not match, key or no key (rpm compares the
     * prefix first); then an algorithm we do not check is NOTTRUSTED, a missing key NOKEY, an
     * unusable key NOTTRUSTED, and the key's verification OK or BAD.
     */
    private final class Pending {
        final SignatureTag tag;
        final boolean coversPayload;
        final OpenPgpSignature.Fields fields;
        final MessageDigest prefixDigest;
        PGPSignature signature;
        String certificate = "";
        SignatureCheck early;

        Pending(Packet packet) {
            tag = packet.tag();
            coversPayload = tag == SignatureTag.PGP || tag == SignatureTag.GPG;
            fields = packet.problem().isEmpty() ? OpenPgpSignature.fields(packet.bytes()).orElse(null) : null;
            if (fields == null) {
                prefixDigest = null;
                early = new SignatureCheck(tag, coversPayload, 0, "", "", "", SignatureStatus.BAD,
                        packet.problem().isEmpty() ? "not an OpenPGP signature packet" : packet.problem());
                return;
            }
            prefixDigest = fields.trailer() == null ? null
                    : OpenPgpSignature.newDigest(fields.hashAlgorithm()).orElse(null);
            if (prefixDigest != null) {
                prefixDigest.update(fields.salt());
            }
            if (!CHECKED_ALGORITHMS.contains(fields.publicKeyAlgorithm())) {
                early = check(SignatureStatus.NOTTRUSTED, "public-key algorithm " + fields.publicKeyAlgorithm()
                        + " is not one we check");
                return;
            }
            Optional<PGPSignature> parsed = parse(packet.bytes());
            if (parsed.isEmpty()) {
                early = check(SignatureStatus.BAD, "not an OpenPGP signature packet");
                return;
            }
            early = lookUp(parsed.get());
        }

        /** Finds and checks the key; null when a verifier is ready for the data. */
        private SignatureCheck lookUp(PGPSignature parsed) {
            byte[] issuerFingerprint = issuerFingerprint(parsed);
            if (fields.keyId() == null && issuerFingerprint == null) {
                return check(SignatureStatus.BAD, "the signature names no issuer key");
            }
            Optional<VerificationKeys.Match> match = keys.find(parsed.getKeyID(), issuerFingerprint);
            if (match.isEmpty()) {
                return check(SignatureStatus.NOKEY, keys.isEmpty() ? "no keys given"
                        : "none of the given keys has this key ID");
            }
            certificate = HEX.formatHex(match.get().primary().getFingerprint());
            String unusable = KeyValidity.problem(match.get(), parsed.getCreationTime());
            if (unusable != null) {
                return check(SignatureStatus.NOTTRUSTED, unusable);
            }
            try {
                parsed.init(new BcPGPContentVerifierBuilderProvider(), match.get().key());
            } catch (PGPException | RuntimeException e) {
                return check(SignatureStatus.BAD, "the key cannot check it: " + e.getMessage());
            }
            signature = parsed;
            return null;
        }

        boolean wantsData() {
            return prefixDigest != null || signature != null;
        }

        void update(byte[] bytes, int offset, int length) {
            if (prefixDigest != null) {
                prefixDigest.update(bytes, offset, length);
            }
            if (signature != null) {
                signature.update(bytes, offset, length);
            }
        }

        SignatureCheck verdict() {
            if (fields == null) {
                return early;
            }
            String mismatch = coversPayload ? "header and payload do not match it" : "the header does not match it";
            if (prefixDigest != null) {
                prefixDigest.update(fields.trailer());
                byte[] hash = prefixDigest.digest();
                if (hash[0] != fields.hashPrefix()[0] || hash[1] != fields.hashPrefix()[1]) {
                    return check(SignatureStatus.BAD, mismatch + " (its hash prefix differs)");
                }
            }
            if (early != null) {
                return early;
            }
            try {
                return signature.verify() ? check(SignatureStatus.OK, "")
                        : check(SignatureStatus.BAD, mismatch);
            } catch (PGPException | RuntimeException e) {
                return check(SignatureStatus.BAD, "it does not verify: " + e.getMessage());
            }
        }

        private SignatureCheck check(SignatureStatus status, String reason) {
            return new SignatureCheck(tag, coversPayload, fields.version(), fields.algorithm(), fields.keyIdHex(),
                    certificate, status, reason);
        }
    }

    private static byte[] issuerFingerprint(PGPSignature signature) {
        if (signature.getVersion() < 4) {
            return null;
        }
        for (var subpackets : List.of(signature.getHashedSubPackets(), signature.getUnhashedSubPackets())) {
            IssuerFingerprint issuer = subpackets == null ? null : subpackets.getIssuerFingerprint();
            if (issuer != null) {
                return issuer.getFingerprint();
            }
        }
        return null;
    }
}

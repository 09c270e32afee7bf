package io.rpmkit.sign;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Digests;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureHeader;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.SignatureValue;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.write.PackageFile;

/**
 * Signs an existing package in place. The lead, the main header and the payload are kept byte for
 * byte; the signature header is made anew (header digests, MD5, sizes, the new signatures), so
 * earlier signatures are replaced. A v6 package's signature header holds the header digests and
 * the signatures only, and keeps its size ({@link #signInPlace(Path, PackageSigner, boolean,
 * SignatureMode)}). The new file is written beside the old one and renamed over it
 * only when complete: on any failure the package is untouched and no temporary file remains.
 *
 * <p>What the package states about itself is checked on the way (header digest, size, payload
 * digest or MD5), so that a damaged download is refused rather than signed.
 */
public final class PackageSigning {
    private static final int PAYLOADDIGESTALGO_SHA256 = Digests.SHA256_ALGO;

    private PackageSigning() {
    }

    /**
     * What was signed, for the caller's log line.
     *
     * @param tags the tags of the new signatures; empty when an identical one was there already
     * @param replacedSignature whether earlier signatures were replaced
     * @param headerSignatures how many signatures over the header the package has now
     */
    public record Signed(Path file, String nevra, List<SignatureTag> tags, boolean replacedSignature,
            int headerSignatures) {
        public Signed {
            tags = List.copyOf(tags);
        }
    }

    /**
     * Signs anew, replacing earlier signatures ({@link SignatureMode#REPLACE}).
     *
     * @param legacy also sign header and payload together (tag PGP or GPG), which rpm before 4.14
     *     (EL7) checks; newer rpm checks the header signature only
     */
    public static Signed signInPlace(Path rpm, PackageSigner signer, boolean legacy) throws PackagingException {
        return signInPlace(rpm, signer, legacy, SignatureMode.REPLACE);
    }

    /**
     * @param legacy as above; with {@link SignatureMode#ADD} refused when the package has a legacy
     *     signature already, since rpm reads one only
     * @param mode whether the earlier signatures stay ({@link SignatureMerge} lays them out)
     */
    public static Signed signInPlace(Path rpm, PackageSigner signer, boolean legacy, SignatureMode mode)
            throws PackagingException {
        Path file = realPath(rpm);
        RpmPackage pkg = RpmReader.read(file);
        String where = "signing " + file;
        if (isV6(pkg)) {
            return signV6(file, pkg, signer, legacy, mode, where);
        }
        byte[] header = pkg.headerBytes();
        long payloadSize = pkg.fileSize() - pkg.payloadOffset();
        long archiveSize = first(pkg.signature().number(SignatureTag.LONGARCHIVESIZE),
                pkg.signature().number(SignatureTag.PAYLOADSIZE)).orElseThrow(() -> new PackagingException(where
                        + ": the signature header states no uncompressed payload size (PAYLOADSIZE or"
                        + " LONGARCHIVESIZE), which every rpmbuild since 4.0 writes; rebuild the package"));
        checkHeader(pkg, header, payloadSize, where);
        SignatureMerge.Existing existing = mode == SignatureMode.ADD ? SignatureMerge.existing(pkg.signature(), where)
                : null;
        if (existing != null && legacy && existing.hasLegacy()) {
            throw new PackagingException(where + ": the package has a legacy signature over header and payload ("
                    + existing.legacy().get(0).tag().name() + ") already, and rpm reads one only; add the signature"
                    + " without rpm.sign.legacy, or replace the signatures (rpm.sign.signatures=replace)");
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (in.size() != pkg.fileSize()) {
                throw changed(where);
            }
            byte[] lead = readFully(in, 0, Lead.SIZE);
            LegacySignature legacySignature = legacy ? signer.startLegacy() : null;
            byte[] md5 = digestPayload(pkg, in, header, legacySignature, where);
            SignatureValue headerSignature = signer.signHeader(header);
            SignatureValue legacyValue = legacySignature == null ? null : legacySignature.finish();
            List<SignatureValue> signatures = new ArrayList<>();
            if (existing == null) {
                signatures.add(headerSignature);
                if (legacyValue != null) {
                    signatures.add(legacyValue);
                }
            } else {
                List<SignatureValue> merged = SignatureMerge.add(existing, headerSignature, legacyValue);
                if (merged == null) {
                    return new Signed(file, pkg.nevra(), List.of(), false, existing.header().size());
                }
                signatures.addAll(merged);
            }
            List<SignatureTag> added = new ArrayList<>(List.of(headerSignature.tag()));
            if (legacyValue != null) {
                added.add(legacyValue.tag());
            }
            byte[] signature = SignatureHeader.encode(header, payloadSize, archiveSize, md5, signatures);
            write(file, in, pkg, lead, signature, header);
            long headerSignatures = existing == null ? 1
                    : signatures.stream().filter(v -> v.tag() == SignatureTag.OPENPGP).count();
            return new Signed(file, pkg.nevra(), added, existing == null && hasSignature(pkg), (int) headerSignatures);
        } catch (EOFException e) {
            throw changed(where);
        } catch (IOException e) {
            throw new PackagingException(where + " failed: " + e.getMessage(), e);
        }
    }

    /** A v6 package states RPMFORMAT 6 in its main header (rpm's sign/rpmgensig.cc asks the same). */
    private static boolean isV6(RpmPackage pkg) {
        return pkg.header().number(RpmTag.RPMFORMAT).orElse(4) >= 6;
    }

    /**
     * Signs a v6 package as rpm 6.1's {@code rpmsign --addsign --rpmv4} (or {@code --resign --rpmv4})
     * does: the lead kept, every header signature in OPENPGP, which rpm 6 checks, the first in
     * RSAHEADER or DSAHEADER too, which rpm 4 checks; the signature header keeps its size, RESERVED
     * shrinking by what the signatures take (growing only when they need more than it has). There is
     * no legacy signature: v6 signature headers hold nothing over the payload.
     */
    private static Signed signV6(Path file, RpmPackage pkg, PackageSigner signer, boolean legacy, SignatureMode mode,
            String where) throws PackagingException {
        if (legacy) {
            throw new PackagingException(where + ": rpm.sign.legacy 'true' cannot be met by a v6 package (RPMFORMAT"
                    + " 6): its signature header has no room for a signature over header and payload, which only rpm"
                    + " before 4.14 needs; sign it without rpm.sign.legacy, or build the package with rpmFormat 4");
        }
        byte[] header = pkg.headerBytes();
        long payloadSize = pkg.fileSize() - pkg.payloadOffset();
        checkHeader(pkg, header, payloadSize, where);
        var sha3 = pkg.signature().string(SignatureTag.SHA3_256HEADER);
        if (sha3.isPresent() && !sha3.get().equalsIgnoreCase(Digests.hex(Digests.sha3_256().digest(header)))) {
            throw damaged(where, "the main header does not match its stated SHA3-256 digest");
        }
        SignatureMerge.Existing existing = mode == SignatureMode.ADD ? SignatureMerge.existing(pkg.signature(), where)
                : SignatureMerge.none();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (in.size() != pkg.fileSize()) {
                throw changed(where);
            }
            byte[] lead = readFully(in, 0, Lead.SIZE);
            digestPayload(pkg, in, header, null, where);
            SignatureValue headerSignature = signer.signHeader(header);
            List<SignatureValue> signatures = SignatureMerge.add(existing, headerSignature, null);
            if (signatures == null) {
                return new Signed(file, pkg.nevra(), List.of(), false, existing.header().size());
            }
            byte[] signature = v6Signature(pkg, header, signatures);
            write(file, in, pkg, lead, signature, header);
            // Only the first v4-compatible signature goes into RSAHEADER or DSAHEADER as well.
            List<SignatureTag> added = existing.v4Header().isEmpty()
                    ? List.of(SignatureTag.OPENPGP, headerSignature.tag()) : List.of(SignatureTag.OPENPGP);
            int headerSignatures = (int) signatures.stream().filter(v -> v.tag() == SignatureTag.OPENPGP).count();
            return new Signed(file, pkg.nevra(), added, mode == SignatureMode.REPLACE && hasSignature(pkg),
                    headerSignatures);
        } catch (EOFException e) {
            throw changed(where);
        } catch (IOException e) {
            throw new PackagingException(where + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The new signature header, as large as the package's was where RESERVED can make up the
     * difference (rpmsign adjusts RESERVED the same way); a package without RESERVED gets rpmbuild's.
     */
    private static byte[] v6Signature(RpmPackage pkg, byte[] header, List<SignatureValue> signatures) {
        if (!pkg.signature().contains(SignatureTag.RESERVED)) {
            return SignatureHeader.encodeV6(header, signatures);
        }
        return SignatureHeader.encodeV6(header, signatures, pkg.signature().size(),
                pkg.signature().bytes(SignatureTag.RESERVED).length);
    }

    private static void write(Path file, FileChannel in, RpmPackage pkg, byte[] lead, byte[] signature,
            byte[] header) throws IOException {
        try (PackageFile out = PackageFile.create(file, permissions(file))) {
            out.writeHeaders(lead, signature, header);
            out.appendPayload(in, pkg.payloadOffset(), pkg.fileSize() - pkg.payloadOffset(), null);
            out.commit();
        }
    }

    private static Path realPath(Path rpm) throws PackagingException {
        try {
            // Through a symlink, sign the file it names rather than replace the link by a file.
            return rpm.toRealPath();
        } catch (IOException e) {
            throw new PackagingException("signing " + rpm + ": the file does not exist or cannot be reached ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The header's stated digest and the stated size of header and payload must hold. */
    private static void checkHeader(RpmPackage pkg, byte[] header, long payloadSize, String where)
            throws PackagingException {
        var sha256 = pkg.signature().string(SignatureTag.SHA256HEADER);
        var sha1 = pkg.signature().string(SignatureTag.SHA1HEADER);
        if (sha256.isPresent() && !sha256.get().equalsIgnoreCase(Digests.hex(Digests.sha256().digest(header)))
                || sha256.isEmpty() && sha1.isPresent()
                        && !sha1.get().equalsIgnoreCase(Digests.hex(Digests.sha1().digest(header)))) {
            throw damaged(where, "the main header does not match its stated digest");
        }
        OptionalLong size = first(pkg.signature().number(SignatureTag.LONGSIZE),
                pkg.signature().number(SignatureTag.SIZE));
        if (size.isPresent() && size.getAsLong() != header.length + payloadSize) {
            throw damaged(where, "header and payload are " + (header.length + payloadSize) + " bytes, the package"
                    + " states " + size.getAsLong());
        }
    }

    /**
     * Reads the payload once: the MD5 of header and payload for the new signature header, the
     * legacy signature, and the payload digest the main header states, which must match.
     */
    private static byte[] digestPayload(RpmPackage pkg, FileChannel in, byte[] header,
            LegacySignature legacySignature, String where) throws IOException, PackagingException {
        MessageDigest md5 = Digests.md5();
        MessageDigest sha256 = Digests.sha256();
        md5.update(header);
        if (legacySignature != null) {
            legacySignature.update(header);
        }
        try {
            PackageFile.read(in, pkg.payloadOffset(), pkg.fileSize() - pkg.payloadOffset(), buffer -> {
                md5.update(buffer.duplicate());
                sha256.update(buffer.duplicate());
                if (legacySignature != null) {
                    legacySignature.update(buffer);
                }
            });
        } catch (EOFException e) {
            throw changed(where);
        }
        byte[] md5Digest = md5.digest();
        String statedPayload = pkg.header().string(RpmTag.PAYLOADDIGEST).orElse(null);
        long algorithm = pkg.header().number(RpmTag.PAYLOADDIGESTALGO).orElse(PAYLOADDIGESTALGO_SHA256);
        if (statedPayload != null && algorithm == PAYLOADDIGESTALGO_SHA256) {
            if (!statedPayload.equalsIgnoreCase(Digests.hex(sha256.digest()))) {
                throw damaged(where, "the payload does not match the PAYLOADDIGEST its header states");
            }
        } else if (pkg.signature().contains(SignatureTag.MD5)
                && !MessageDigest.isEqual(pkg.signature().bytes(SignatureTag.MD5), md5Digest)) {
            throw damaged(where, "header and payload do not match the MD5 the package states");
        }
        return md5Digest;
    }

    private static boolean hasSignature(RpmPackage pkg) {
        for (SignatureTag tag : new SignatureTag[] {SignatureTag.RSAHEADER, SignatureTag.DSAHEADER,
            SignatureTag.PGP, SignatureTag.GPG}) {
            if (pkg.signature().contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static OptionalLong first(OptionalLong a, OptionalLong b) {
        return a.isPresent() ? a : b;
    }

    private static PackagingException damaged(String where, String what) {
        return new PackagingException(where + ": " + what + "; the file is damaged (an incomplete download or"
                + " copy?) and is not signed: rebuild or fetch it again");
    }

    private static PackagingException changed(String where) {
        return new PackagingException(where + ": the file changed while it was read; is another process writing"
                + " it? It is not signed");
    }

    private static byte[] readFully(FileChannel in, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + buffer.position()));
            }
        }
        return buffer.array();
    }



    /** The signed copy keeps the original's permissions. */
    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.getPosixFilePermissions(file) : PosixFilePermissions.fromString("rw-r--r--");
    }


}

package io.rpmkit.read;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Digests;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;

/**
 * Recomputes what a package states about itself, in one pass over the payload: the header digests
 * (SHA-256, SHA-1) over the main header's bytes; MD5 and size over header and compressed payload;
 * PAYLOADDIGEST over the compressed payload and PAYLOADDIGESTALT over the uncompressed cpio archive
 * (both in PAYLOADDIGESTALGO); the uncompressed size; and each file's FILEDIGESTS entry (in
 * FILEDIGESTALGO, MD5 when absent) over its content. A v6 package's digests in other algorithms are
 * checked too: SHA3_256HEADER over the header, PAYLOADSHA512 and PAYLOADSHA3_256 over the compressed
 * payload, their ALTs over the archive as rpmbuild computes them (rpm 6.1's {@code rpm -K} checks
 * the others; it takes an ALT only as a second value for the compressed payload's digest). A tag
 * the package lacks is not checked.
 */
final class DigestVerifier {
    private static final HexFormat HEX = HexFormat.of();
    /** rpm pads nothing past the trailer but the 4-byte alignment; old cpio writers padded to 512. */
    static final long PAST_TRAILER_LIMIT = 65536;

    private final RpmPackage pkg;
    private final List<DigestCheck> checks = new ArrayList<>();
    private final byte[] buffer = new byte[65536];

    private DigestVerifier(RpmPackage pkg) {
        this.pkg = pkg;
    }

    static DigestReport verify(RpmPackage pkg) throws PackagingException {
        return new DigestVerifier(pkg).run();
    }

    private DigestReport run() throws PackagingException {
        byte[] header = pkg.header().bytes();
        RpmHeader signature = pkg.signature();
        signature.string(SignatureTag.SHA256HEADER).ifPresent(expected -> checks.add(DigestCheck.compare(
                "header SHA-256", expected, hex(DigestAlgorithm.SHA256, header))));
        signature.string(SignatureTag.SHA1HEADER).ifPresent(expected -> checks.add(DigestCheck.compare(
                "header SHA-1", expected, hex(DigestAlgorithm.SHA1, header))));
        signature.string(SignatureTag.SHA3_256HEADER).ifPresent(expected -> checks.add(DigestCheck.compare(
                "header SHA3-256", expected, HEX.formatHex(Digests.sha3_256().digest(header)))));

        MessageDigest md5 = DigestAlgorithm.MD5.newDigest();
        md5.update(header);
        int payloadAlgorithmId = (int) pkg.header().number(RpmTag.PAYLOADDIGESTALGO)
                .orElse(DigestAlgorithm.SHA256.pgpId());
        Optional<DigestAlgorithm> payloadAlgorithm = DigestAlgorithm.ofPgpId(payloadAlgorithmId);
        MessageDigest compressed = payloadAlgorithm.orElse(DigestAlgorithm.SHA256).newDigest();
        MessageDigest uncompressed = payloadAlgorithm.orElse(DigestAlgorithm.SHA256).newDigest();
        List<V6PayloadDigest> v6Digests = V6PayloadDigest.present(pkg.header());
        List<MessageDigest> compressedDigests = new ArrayList<>(List.of(md5, compressed));
        List<MessageDigest> uncompressedDigests = new ArrayList<>(List.of(uncompressed));
        for (V6PayloadDigest digest : v6Digests) {
            (digest.uncompressed() ? uncompressedDigests : compressedDigests).add(digest.digest());
        }

        long uncompressedSize = -1;
        long trailerOffset = -1;
        Map<Integer, String> fileDigests = new HashMap<>();
        String stopped = null;
        try (PayloadReader payload = PayloadReader.open(pkg, compressedDigests, uncompressedDigests)) {
            stopped = readFiles(payload, fileDigests);
            if (stopped == null) {
                trailerOffset = payload.trailerOffset();
                uncompressedSize = payload.drain(PAST_TRAILER_LIMIT);
                if (uncompressedSize < 0) {
                    stopped = "the payload goes on for more than " + PAST_TRAILER_LIMIT + " bytes past its cpio "
                            + "trailer at offset " + trailerOffset + "; it was not read further";
                }
            }
            if (stopped != null) {
                // The compressed bytes are bounded by the file: their digests are still worth having.
                try {
                    payload.drainCompressed();
                } catch (PackagingException e) {
                    // The compressed payload is damaged too; its digest check will say so.
                }
            }
        } catch (PackagingException e) {
            // rpm -K reports an unreadable payload as a failed digest, and so do we, after the header's.
            checks.add(new DigestCheck("payload", "a readable payload", e.getMessage(), false));
            return new DigestReport(checks);
        }
        if (stopped != null) {
            checks.add(new DigestCheck("payload", "the files its header lists", stopped, false));
        }
        boolean complete = stopped == null;
        long drained = uncompressedSize;
        long trailer = trailerOffset;
        if (signature.contains(SignatureTag.MD5)) {
            checks.add(DigestCheck.compare("MD5 of header and payload",
                    HEX.formatHex(signature.bytes(SignatureTag.MD5)), HEX.formatHex(md5.digest())));
        }
        OptionalLong size = first(signature.number(SignatureTag.LONGSIZE), signature.number(SignatureTag.SIZE));
        size.ifPresent(expected -> checks.add(DigestCheck.compare("size of header and payload",
                Long.toString(expected), Long.toString(pkg.fileSize() - pkg.headerOffset()))));
        OptionalLong archive = first(signature.number(SignatureTag.LONGARCHIVESIZE),
                signature.number(SignatureTag.PAYLOADSIZE));
        // rpm -K does not check this size, and its meaning changed: rpm 4.12 and later count the whole
        // archive, earlier ones stopped where the trailer starts. Either is what rpm wrote.
        if (complete) {
            archive.ifPresent(expected -> checks.add(expected == trailer
                    ? new DigestCheck("uncompressed payload size", Long.toString(expected),
                            trailer + " (up to the cpio trailer, as rpm before 4.12 counted)", true)
                    : DigestCheck.compare("uncompressed payload size", Long.toString(expected),
                            Long.toString(drained))));
        }
        payloadCheck("payload digest", RpmTag.PAYLOADDIGEST, payloadAlgorithm, payloadAlgorithmId, compressed);
        v6Digests.stream().filter(digest -> !digest.uncompressed()).forEach(this::v6PayloadCheck);
        if (complete) {
            payloadCheck("uncompressed payload digest", RpmTag.PAYLOADDIGESTALT, payloadAlgorithm,
                    payloadAlgorithmId, uncompressed);
            v6Digests.stream().filter(V6PayloadDigest::uncompressed).forEach(this::v6PayloadCheck);
            fileChecks(fileDigests);
        }
        return new DigestReport(checks);
    }

    private void payloadCheck(String name, RpmTag tag, Optional<DigestAlgorithm> algorithm, int algorithmId,
            MessageDigest digest) {
        pkg.header().string(tag).ifPresent(expected -> checks.add(algorithm.isPresent()
                ? DigestCheck.compare(name, expected, HEX.formatHex(digest.digest()))
                : new DigestCheck(name, expected, "PAYLOADDIGESTALGO " + algorithmId + " is not supported", false)));
    }

    private void v6PayloadCheck(V6PayloadDigest digest) {
        checks.add(DigestCheck.compare(digest.name(), digest.expected(), HEX.formatHex(digest.digest().digest())));
    }

    /**
     * A v6 payload digest the header states: PAYLOADSHA512 or PAYLOADSHA3_256 over the compressed
     * payload, or its ALT over the uncompressed archive.
     */
    private record V6PayloadDigest(String name, String expected, MessageDigest digest, boolean uncompressed) {
        static List<V6PayloadDigest> present(RpmHeader header) {
            List<V6PayloadDigest> digests = new ArrayList<>();
            add(digests, header, RpmTag.PAYLOADSHA512, "payload SHA-512", Digests::sha512, false);
            add(digests, header, RpmTag.PAYLOADSHA3_256, "payload SHA3-256", Digests::sha3_256, false);
            add(digests, header, RpmTag.PAYLOADSHA512ALT, "uncompressed payload SHA-512", Digests::sha512, true);
            add(digests, header, RpmTag.PAYLOADSHA3_256ALT, "uncompressed payload SHA3-256", Digests::sha3_256,
                    true);
            return digests;
        }

        private static void add(List<V6PayloadDigest> digests, RpmHeader header, RpmTag tag, String name,
                Supplier<MessageDigest> algorithm, boolean uncompressed) {
            header.string(tag).ifPresent(expected -> digests.add(
                    new V6PayloadDigest(name, expected, algorithm.get(), uncompressed)));
        }
    }

    /**
     * Digests every regular file's content; hard links without content get their last link's
     * digest. Returns null when the archive matched the header to its trailer, else what stopped
     * the walk: an entry the header does not list, one listed twice, or content whose size is not
     * the header's. rpm stops there too; reading on would only let a small package make us hold
     * state for, or decompress, whatever the archive claims.
     */
    private String readFiles(PayloadReader payload, Map<Integer, String> digests) {
        List<RpmFile> files = pkg.files();
        Optional<DigestAlgorithm> algorithm = fileAlgorithm();
        Map<Long, List<Integer>> waitingLinks = new HashMap<>();
        try {
            readEntries(payload, digests, files, algorithm, waitingLinks);
        } catch (PackagingException e) {
            return e.getMessage();
        }
        return null;
    }

    private void readEntries(PayloadReader payload, Map<Integer, String> digests, List<RpmFile> files,
            Optional<DigestAlgorithm> algorithm, Map<Long, List<Integer>> waitingLinks) throws PackagingException {
        for (PayloadEntry entry = payload.next(); entry != null; entry = payload.next()) {
            // The cpio reader has matched the entry to the header's file, once, with the header's size.
            int index = entry.fileIndex().getAsInt();
            RpmFile file = files.get(index);
            if (!entry.isRegularFile() || algorithm.isEmpty()) {
                continue;
            }
            if (entry.size() == 0 && file.size() > 0 && entry.links() > 1) {
                waitingLinks.computeIfAbsent(entry.inode(), k -> new ArrayList<>()).add(index);
                continue;
            }
            String digest = digest(payload, algorithm.get(), entry);
            digests.put(index, digest);
            for (int link : waitingLinks.getOrDefault(entry.inode(), List.of())) {
                digests.put(link, digest);
            }
            waitingLinks.remove(entry.inode());
        }
    }

    private void fileChecks(Map<Integer, String> digests) {
        Optional<DigestAlgorithm> algorithm = fileAlgorithm();
        List<RpmFile> files = pkg.files();
        for (int i = 0; i < files.size(); i++) {
            RpmFile file = files.get(i);
            if (file.digest().isEmpty() || file.isGhost() || !file.isRegularFile()) {
                continue;
            }
            String name = "file " + file.displayPath();
            if (algorithm.isEmpty()) {
                checks.add(new DigestCheck(name, file.digest(), "FILEDIGESTALGO "
                        + pkg.header().number(RpmTag.FILEDIGESTALGO).orElse(0) + " is not supported", false));
            } else {
                checks.add(DigestCheck.compare(name, file.digest(),
                        digests.getOrDefault(i, "missing from the payload")));
            }
        }
    }

    private Optional<DigestAlgorithm> fileAlgorithm() {
        return DigestAlgorithm.ofPgpId((int) pkg.header().number(RpmTag.FILEDIGESTALGO)
                .orElse(DigestAlgorithm.MD5.pgpId()));
    }

    private String digest(PayloadReader payload, DigestAlgorithm algorithm, PayloadEntry entry)
            throws PackagingException {
        MessageDigest digest = algorithm.newDigest();
        // One buffer for all entries: an archive of many small files must not allocate per file.
        byte[] buffer = this.buffer;
        try {
            InputStream content = entry.content();
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw payload.failure(e);
        }
        return HEX.formatHex(digest.digest());
    }

    private static String hex(DigestAlgorithm algorithm, byte[] data) {
        return HEX.formatHex(algorithm.newDigest().digest(data));
    }

    private static OptionalLong first(OptionalLong preferred, OptionalLong fallback) {
        return preferred.isPresent() ? preferred : fallback;
    }
}

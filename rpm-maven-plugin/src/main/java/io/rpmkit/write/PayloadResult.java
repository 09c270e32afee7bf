package io.rpmkit.write;

import java.util.List;

import io.rpmkit.spec.Entry;

/**
 * What writing the payload found out, in the sorted order of the package's entries.
 *
 * @param fileSizes each entry's size (content bytes for files, target length for links, 0 otherwise)
 * @param fileDigests each entry's hex SHA-256, empty for everything but shipped regular files
 * @param scriptInterpreters the interpreters the executable files' {@code #!} lines name, each once
 * @param compressedDigest hex SHA-256 of the compressed payload (PAYLOADDIGEST)
 * @param uncompressedDigest hex SHA-256 of the cpio archive before compression (PAYLOADDIGESTALT)
 * @param mimeTypes each entry's MIME type; empty for a v4 package, which records none
 * @param v6Digests the further payload digests of a v6 package; null for v4
 * @param fileInterpreters per entry, the interpreters its {@code #!} line names (v6 only, else empty)
 * @param fileColors per entry, its ELF colour (v6 only, else empty)
 */
record PayloadResult(List<Entry> entries, long[] fileSizes, List<String> fileDigests, List<String> scriptInterpreters,
        long compressedSize,
        long uncompressedSize, String compressedDigest, String uncompressedDigest, List<String> mimeTypes,
        V6Digests v6Digests, List<List<String>> fileInterpreters, int[] fileColors) {

    /** Hex SHA-512 and SHA3-256 of the compressed payload and of the cpio archive (PAYLOADSHA512, ...ALT). */
    record V6Digests(String sha512, String sha512Alt, String sha3_256, String sha3_256Alt) {
    }

    /**
     * The inode that ties entry {@code index} (in sorted order) to its cpio record: FILEINODES and the
     * archive must agree, and rpmbuild numbers from 1.
     */
    static int inode(int index) {
        return index + 1;
    }

    long largestFileSize() {
        long largest = 0;
        for (long size : fileSizes) {
            largest = Math.max(largest, size);
        }
        return largest;
    }
}

package io.rpmkit.write;

import io.rpmkit.spec.Entry;
import java.util.List;

/**
 * What writing the payload found out, in the sorted order of the package's entries.
 *
 * @param fileSizes each entry's size (content bytes for files, target length for links, 0 otherwise)
 * @param fileDigests each entry's hex SHA-256, empty for everything but shipped regular files
 * @param compressedDigest hex SHA-256 of the compressed payload (PAYLOADDIGEST)
 * @param uncompressedDigest hex SHA-256 of the cpio archive before compression (PAYLOADDIGESTALT)
 */
record PayloadResult(List<Entry> entries, long[] fileSizes, List<String> fileDigests, long compressedSize,
        long uncompressedSize, String compressedDigest, String uncompressedDigest) {

    long largestFileSize() {
        long largest = 0;
        for (long size : fileSizes) {
            largest = Math.max(largest, size);
        }
        return largest;
    }
}

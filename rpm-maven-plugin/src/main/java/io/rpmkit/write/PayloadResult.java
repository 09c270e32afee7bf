package io.rpmkit.write;

import java.util.ArrayList;
import java.util.List;

import io.rpmkit.format.Utf8;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;

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

    private static final String HEX_SHA256 = "0".repeat(64);
    private static final String HEX_SHA512 = "0".repeat(128);
    /** newc's 110-byte header, the "." before the name, its NUL and up to 3 + 3 bytes of padding. */
    private static final int ARCHIVE_RECORD = 110 + 2 + 6;

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

    /**
     * What the payload will find out, as far as it is known before: every value of its final width
     * (digests as hex of their length, the sizes as upper bounds), no interpreters, and MIME types as
     * the entries' kinds and names alone tell them.
     */
    static PayloadResult draft(boolean v6, List<Entry> entries, long[] sizes) {
        List<String> digests = new ArrayList<>(entries.size());
        List<String> mimeTypes = new ArrayList<>();
        List<List<String>> fileInterpreters = new ArrayList<>();
        long archive = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            boolean shipped = entry.inPayload() && entry.kind() == EntryKind.FILE;
            digests.add(shipped ? HEX_SHA256 : "");
            if (v6) {
                mimeTypes.add(MimeTypes.of(entry, new byte[0]));
                fileInterpreters.add(List.of());
            }
            // A record's header, name and padding; the archive bounds the compressed payload too.
            archive += sizes[i] + ARCHIVE_RECORD + Utf8.length(entry.path());
        }
        V6Digests v6Digests = v6 ? new V6Digests(HEX_SHA512, HEX_SHA512, HEX_SHA256, HEX_SHA256) : null;
        return new PayloadResult(entries, sizes, digests, List.of(), archive, archive, HEX_SHA256, HEX_SHA256,
                mimeTypes, v6Digests, fileInterpreters, new int[v6 ? entries.size() : 0]);
    }

    long largestFileSize() {
        long largest = 0;
        for (long size : fileSizes) {
            largest = Math.max(largest, size);
        }
        return largest;
    }
}

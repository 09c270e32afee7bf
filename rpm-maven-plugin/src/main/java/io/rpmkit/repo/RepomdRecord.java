package io.rpmkit.repo;

/**
 * One {@code <data>} entry of repomd.xml: a metadata file and how to check it.
 *
 * @param type {@code primary}, {@code filelists} or {@code other}
 * @param checksum SHA-256 of the compressed file, in hex
 * @param openChecksum SHA-256 of the uncompressed file
 * @param location the file's path relative to the repository root, e.g. {@code repodata/<sha256>-primary.xml.gz}
 * @param timestamp seconds since the epoch
 * @param size of the compressed file
 * @param openSize of the uncompressed file
 */
public record RepomdRecord(String type, String checksum, String openChecksum, String location, long timestamp,
        long size, long openSize) {
}

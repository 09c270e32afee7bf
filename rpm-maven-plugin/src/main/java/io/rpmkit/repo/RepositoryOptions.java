package io.rpmkit.repo;

import java.time.Instant;
import java.util.Objects;

/**
 * How to write a repository's metadata.
 *
 * @param revision repomd.xml's {@code <revision>} (seconds since the epoch), the timestamp of every
 *     metadata file and the latest {@code <time file>} a package may claim; the library never reads
 *     the clock, so the same packages and revision give the same bytes
 * @param changelogLimit how many of each package's newest changelog entries other.xml keeps;
 *     createrepo_c's default is {@value #DEFAULT_CHANGELOG_LIMIT}
 * @param signer signs repomd.xml into repomd.xml.asc; null for an unsigned repository
 * @param compression how primary, filelists and other.xml are compressed; gzip by default, which every
 *     yum and dnf reads
 * @param update reuse the previous repodata's metadata of each package whose location, size and
 *     {@code <time file>} are unchanged instead of reading it again, as {@code createrepo_c --update}
 *     does; packages gone are dropped, new or changed ones indexed. The result is the metadata a full
 *     run writes unless a package's bytes changed with its size and modification time kept, or the
 *     changelog limit changed since the previous run (reused packages keep their previous changelog)
 */
public record RepositoryOptions(Instant revision, int changelogLimit, RepomdSigner signer,
        MetadataCompression compression, boolean update) {
    public static final int DEFAULT_CHANGELOG_LIMIT = 10;

    public RepositoryOptions {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(compression, "compression");
    }

    public static RepositoryOptions of(Instant revision) {
        return new RepositoryOptions(revision, DEFAULT_CHANGELOG_LIMIT, null, MetadataCompression.GZIP, false);
    }

    public RepositoryOptions withChangelogLimit(int limit) {
        return new RepositoryOptions(revision, limit, signer, compression, update);
    }

    public RepositoryOptions withSigner(RepomdSigner newSigner) {
        return new RepositoryOptions(revision, changelogLimit, newSigner, compression, update);
    }

    public RepositoryOptions withCompression(MetadataCompression newCompression) {
        return new RepositoryOptions(revision, changelogLimit, signer, newCompression, update);
    }

    public RepositoryOptions withUpdate(boolean newUpdate) {
        return new RepositoryOptions(revision, changelogLimit, signer, compression, newUpdate);
    }
}

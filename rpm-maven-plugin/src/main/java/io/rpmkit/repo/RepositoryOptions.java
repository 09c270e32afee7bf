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
 */
public record RepositoryOptions(Instant revision, int changelogLimit, RepomdSigner signer,
        MetadataCompression compression) {
    public static final int DEFAULT_CHANGELOG_LIMIT = 10;

    public RepositoryOptions {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(compression, "compression");
    }

    public static RepositoryOptions of(Instant revision) {
        return new RepositoryOptions(revision, DEFAULT_CHANGELOG_LIMIT, null, MetadataCompression.GZIP);
    }

    public RepositoryOptions withChangelogLimit(int limit) {
        return new RepositoryOptions(revision, limit, signer, compression);
    }

    public RepositoryOptions withSigner(RepomdSigner newSigner) {
        return new RepositoryOptions(revision, changelogLimit, newSigner, compression);
    }

    public RepositoryOptions withCompression(MetadataCompression newCompression) {
        return new RepositoryOptions(revision, changelogLimit, signer, newCompression);
    }
}

package io.rpmkit.repo;

import io.rpmkit.PackagingException;

/**
 * Signs repomd.xml; the repository writer stores what it returns as {@code repodata/repomd.xml.asc},
 * which dnf checks with {@code repo_gpgcheck=1}. Any OpenPGP signer fits, e.g. as a method reference.
 */
@FunctionalInterface
public interface RepomdSigner {
    /** An ASCII-armored detached signature of {@code repomd}, the exact bytes of repomd.xml. */
    String detachedArmored(byte[] repomd) throws PackagingException;
}

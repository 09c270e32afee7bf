/**
 * Yum/dnf repositories: {@link io.rpmkit.repo.RepositoryPackages} gathers packages into a
 * directory, {@link io.rpmkit.repo.RepositoryWriter} writes its {@code repodata/} as createrepo_c
 * does (primary, filelists and other, byte for byte the same XML before compression), optionally
 * signing repomd.xml through a {@link io.rpmkit.repo.RepomdSigner}, and
 * {@link io.rpmkit.repo.RepodataReader} reads any such metadata back, checking its checksums.
 */
package io.rpmkit.repo;

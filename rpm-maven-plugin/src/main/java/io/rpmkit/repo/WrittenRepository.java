package io.rpmkit.repo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link RepositoryWriter} wrote.
 *
 * @param repomd repodata/repomd.xml
 * @param signature repodata/repomd.xml.asc when a signer was given
 * @param records repomd.xml's entries: primary, filelists, other
 * @param packages in the order the metadata lists them
 */
public record WrittenRepository(Path directory, Path repomd, Optional<Path> signature, String revision,
        List<RepomdRecord> records, List<PackageMetadata> packages) {
    public WrittenRepository {
        records = List.copyOf(records);
        packages = List.copyOf(packages);
    }
}

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
 * @param packages the packages read from their files in this run, in the order the metadata lists
 *     them: all of them in a full run; in an update the new and changed ones, not those kept
 * @param packageCount how many packages the metadata lists
 */
public record WrittenRepository(Path directory, Path repomd, Optional<Path> signature, String revision,
        List<RepomdRecord> records, List<PackageMetadata> packages, int packageCount) {
    public WrittenRepository {
        records = List.copyOf(records);
        packages = List.copyOf(packages);
    }
}

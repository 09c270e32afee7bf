package io.rpmkit.repo;

import java.util.List;
import java.util.Optional;

/**
 * A repository's metadata as {@link RepodataReader} read it back.
 *
 * @param records every {@code <data>} of repomd.xml, the sqlite databases of createrepo_c included
 * @param packages primary.xml's packages in its order, each joined with its file list and changelog
 */
public record Repodata(String revision, List<RepomdRecord> records, List<PackageMetadata> packages) {
    public Repodata {
        records = List.copyOf(records);
        packages = List.copyOf(packages);
    }

    public Optional<RepomdRecord> record(String type) {
        return records.stream().filter(r -> r.type().equals(type)).findFirst();
    }

    public Optional<PackageMetadata> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

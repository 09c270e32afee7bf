package io.rpmkit.repo;

import java.nio.file.Path;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;

/**
 * Writes a repository's metadata in a JVM of its own, for tests that give that JVM less than theirs
 * (no right to read everything): {@code RepositoryWriterMain DIRECTORY}. Exits 0 when it is written,
 * 2 with one line {@code problem: ...} per problem on a PackagingException.
 */
public final class RepositoryWriterMain {
    private RepositoryWriterMain() {
    }

    public static void main(String[] args) {
        try {
            new RepositoryWriter(Console.SILENT).write(Path.of(args[0]), RepositoryOptions.of(RepoFixtures.REVISION));
        } catch (PackagingException e) {
            for (String problem : e.problems().isEmpty() ? java.util.List.of(e.getMessage()) : e.problems()) {
                System.out.println("problem: " + problem);
            }
            System.exit(2);
        }
    }
}

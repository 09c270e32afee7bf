package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.testing.ChildJvm;

/**
 * What the writing user cannot read is reported with the other problems, and nothing is written: a
 * package file closed to it, a directory closed to it, a link whose way leads through one. A closed
 * directory the repository leaves out (a dot directory) is none of its business. Root reads
 * everything, so the writer runs in a JVM of its own that file permissions bind ({@link ChildJvm}).
 */
class UnreadableEntriesTest {
    @TempDir
    Path dir;

    @Test
    void reportsWhatTheUserCannotReadWithTheOtherProblems() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.write(RepoFixtures.small("fine", "1").build(), repo.resolve("packages"));
        Path closedFile = RepoFixtures.write(RepoFixtures.small("closed", "1").build(), repo.resolve("packages"));
        Path closedDirectory = repo.resolve("locked");
        RepoFixtures.write(RepoFixtures.small("locked", "1").build(), closedDirectory);
        Path hidden = repo.resolve(".hidden");
        RepoFixtures.write(RepoFixtures.small("hidden", "1").build(), hidden);
        Path vault = dir.resolve("vault");
        Path behind = RepoFixtures.write(RepoFixtures.small("behind", "1").build(), vault);
        Files.createSymbolicLink(repo.resolve("packages/behind.rpm"), behind);
        Files.writeString(repo.resolve("packages/notes.rpm"), "not a package");
        for (Path closed : List.of(closedFile, closedDirectory, hidden, vault)) {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        }
        String real = repo.toRealPath().toString();

        List<String> problems;
        try {
            problems = write(repo);
        } finally {
            for (Path closed : List.of(closedDirectory, hidden, vault)) {
                Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
            }
            Files.setPosixFilePermissions(closedFile, PosixFilePermissions.fromString("rw-------"));
        }

        assertEquals(4, problems.size(), String.join("\n", problems));
        assertTrue(problems.contains("packages/" + closedFile.getFileName() + " cannot be read"
                + " (java.nio.file.AccessDeniedException: " + real + "/packages/" + closedFile.getFileName()
                + "): make it readable, or move it out of the directory"), String.join("\n", problems));
        assertTrue(problems.contains("locked cannot be read (java.nio.file.AccessDeniedException: " + real
                + "/locked): make it readable, or move it out of the directory"), String.join("\n", problems));
        assertTrue(problems.contains("packages/behind.rpm is a link to " + behind.toRealPath() + ", which cannot be"
                + " followed (a directory on its way is closed to this user): make it lead to a package, or remove"
                + " it"), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("packages/notes.rpm is not an rpm package")),
                String.join("\n", problems));
        assertFalse(Files.exists(repo.resolve("repodata")), "metadata was written");
        try (var left = Files.list(repo)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".repodata"))
                    .toList(), "staging left behind");
        }

        // Opened again, and without the file of other bytes, the same directory is a repository.
        Files.delete(repo.resolve("packages/notes.rpm"));
        assertEquals(List.of(), write(repo));
        assertEquals(4, RepodataReader.read(repo).packages().size());
    }

    /** The problems the writer reports, in a JVM that file permissions bind; none when it wrote the metadata. */
    private List<String> write(Path repo) throws Exception {
        Path log = Files.createTempFile(dir, "writer", ".log");
        ChildJvm.Finished child = ChildJvm.runHeedingPermissions(RepositoryWriterMain.class, log,
                Duration.ofSeconds(120), "what the user cannot read", repo.toString());
        String output = child.output();
        List<String> problems = output.lines().filter(l -> l.startsWith("problem: "))
                .map(l -> l.substring("problem: ".length())).toList();
        assertEquals(problems.isEmpty() ? 0 : 2, child.exitValue(), output);
        return problems;
    }
}

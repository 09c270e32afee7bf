package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;

class RepodataReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatTheWriterWrote() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        RepoFixtures.write(RepoFixtures.small("other", "2.0").epoch(1).build(), repo.resolve("packages"));
        WrittenRepository written = new RepositoryWriter(Console.SILENT).write(repo,
                RepositoryOptions.of(RepoFixtures.REVISION));

        Repodata read = RepodataReader.read(repo);
        assertEquals(written.packages(), read.packages());
        assertEquals(written.records(), read.records());
        assertEquals(written.revision(), read.revision());
    }

    @Test
    void refusesMetadataThatDoesNotMatchRepomd() throws Exception {
        Path repo = dir.resolve("repo");
        RepoFixtures.sample(repo.resolve("packages"), dir.resolve("sources"));
        WrittenRepository written = new RepositoryWriter(Console.SILENT).write(repo,
                RepositoryOptions.of(RepoFixtures.REVISION));
        Path primary = repo.resolve(written.records().get(0).location());
        byte[] bytes = Files.readAllBytes(primary);
        bytes[bytes.length / 2] ^= 1;
        Files.write(primary, bytes);

        PackagingException e = assertThrows(PackagingException.class, () -> RepodataReader.read(repo));
        assertTrue(e.getMessage().contains("repomd.xml states checksum " + written.records().get(0).checksum()
                + ", the file has "), e.getMessage());
    }

    @Test
    void refusesDocumentTypeDeclarations() throws Exception {
        Path repodata = Files.createDirectories(dir.resolve("repodata"));
        Files.writeString(repodata.resolve("repomd.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE repomd [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>&x;</revision></repomd>",
                StandardCharsets.UTF_8);

        PackagingException e = assertThrows(PackagingException.class, () -> RepodataReader.read(dir));
        assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void saysWhenThereIsNoRepository() {
        PackagingException e = assertThrows(PackagingException.class, () -> RepodataReader.read(dir));
        assertTrue(e.getMessage().endsWith("repomd.xml: the file does not exist; is this a yum repository?"),
                e.getMessage());
    }
}

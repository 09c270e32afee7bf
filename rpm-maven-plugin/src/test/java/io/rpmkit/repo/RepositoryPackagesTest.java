package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;

class RepositoryPackagesTest {
    @TempDir
    Path dir;

    @Test
    void copiesPackagesUnderTheirPackageNamesOnce() throws Exception {
        Path rpm = RepoFixtures.sample(dir.resolve("built"), dir.resolve("sources"));
        Path renamed = Files.copy(rpm, dir.resolve("sample-1.2.3.rpm"));
        Path target = dir.resolve("repo/packages");

        List<Path> copies = RepositoryPackages.copy(List.of(rpm, renamed, rpm), target);

        assertEquals(List.of(target.resolve("sample-1.2.3-4.noarch.rpm")), copies);
        assertArrayEquals(Files.readAllBytes(rpm), Files.readAllBytes(copies.get(0)));
        assertEquals(Files.getLastModifiedTime(rpm).toMillis(), Files.getLastModifiedTime(copies.get(0)).toMillis());
    }

    @Test
    void refusesMissingSourcesAndTwoDifferentFilesOfOnePackage() throws Exception {
        Path rpm = RepoFixtures.sample(dir.resolve("built"), dir.resolve("sources"));
        Path other = RepoFixtures.write(RepoFixtures.small("sample", "1.2.3").release("4").build(), dir.resolve("other"));
        Path text = Files.writeString(dir.resolve("readme.rpm"), "text");

        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.copy(
                List.of(rpm, other, dir.resolve("missing.rpm"), text), dir.resolve("repo/packages")));

        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(rpm + " and " + other + " are different files of the same package"
                + " sample-1.2.3-4.noarch.rpm"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("missing.rpm") + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(text + " is not an rpm package"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("repo")), "nothing is copied");
    }

    @Test
    void findsPackagesBelowSourceDirectories() throws Exception {
        Path tree = dir.resolve("tree");
        Path a = RepoFixtures.write(RepoFixtures.small("a", "1").build(), tree.resolve("x"));
        Path b = RepoFixtures.write(RepoFixtures.small("b", "1").build(), tree.resolve("y/z"));
        Files.writeString(tree.resolve("x/notes.txt"), "not a package");
        Path c = RepoFixtures.write(RepoFixtures.small("c", "1").build(), dir.resolve("single"));

        assertEquals(List.of(a, b, c), RepositoryPackages.find(List.of(tree, c), "sources"));
        Path fake = Files.writeString(tree.resolve("y/fake.rpm"), "x".repeat(100));
        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.find(
                List.of(tree, dir.resolve("gone"), tree.resolve("x/notes.txt")), "sources"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("sources[0] " + fake + " is not an rpm package: reading "),
                e.getMessage());
        assertEquals(List.of(
                "sources[1] " + dir.resolve("gone") + " does not exist: give a directory of .rpm files or an .rpm file",
                "sources[2] " + tree.resolve("x/notes.txt") + " is not an .rpm file: give a directory of .rpm files or"
                        + " an .rpm file"), e.problems().subList(1, 3));
    }
}

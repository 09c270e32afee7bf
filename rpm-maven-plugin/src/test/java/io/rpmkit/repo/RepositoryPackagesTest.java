package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.repo.RepositoryPackages.PackageFile;

class RepositoryPackagesTest {
    @TempDir
    Path dir;

    @Test
    void copiesPackagesUnderTheirPackageNamesOnce() throws Exception {
        Path rpm = RepoFixtures.sample(dir.resolve("built"), dir.resolve("sources"));
        Path renamed = Files.copy(rpm, dir.resolve("sample-1.2.3.rpm"));
        Path target = dir.resolve("repo/packages");

        List<PackageFile> packages = RepositoryPackages.collect(List.of(rpm, renamed, rpm), List.of(), "sources");
        List<Path> copies = RepositoryPackages.copy(packages, target);

        assertEquals(List.of(new PackageFile(rpm, "sample-1.2.3-4.noarch.rpm")), packages);
        assertEquals(List.of(target.resolve("sample-1.2.3-4.noarch.rpm")), copies);
        assertArrayEquals(Files.readAllBytes(rpm), Files.readAllBytes(copies.get(0)));
        assertEquals(Files.getLastModifiedTime(rpm).toMillis(), Files.getLastModifiedTime(copies.get(0)).toMillis());
        // The copies as sources of the next run: found in place, the same files, left as they are.
        Files.setLastModifiedTime(copies.get(0), Files.getLastModifiedTime(rpm));
        long inode = (long) Files.getAttribute(copies.get(0), "unix:ino");
        assertEquals(copies, RepositoryPackages.copy(RepositoryPackages.collect(List.of(), List.of(target),
                "sources"), target));
        assertEquals(inode, (long) Files.getAttribute(copies.get(0), "unix:ino"));
    }

    @Test
    void reportsEveryProblemOfFilesAndSourcesTogether() throws Exception {
        Path rpm = RepoFixtures.sample(dir.resolve("built"), dir.resolve("sources"));
        Path other = RepoFixtures.write(RepoFixtures.small("sample", "1.2.3").release("4").build(), dir.resolve("other"));
        Path text = Files.writeString(dir.resolve("readme.rpm"), "text");
        Path tree = dir.resolve("tree");
        Path fake = Files.writeString(Files.createDirectories(tree.resolve("y")).resolve("fake.rpm"), "x".repeat(100));
        Path notes = Files.writeString(tree.resolve("notes.txt"), "not a package");
        Path empty = Files.createDirectories(dir.resolve("empty"));

        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(
                List.of(rpm, other, dir.resolve("missing.rpm"), text),
                List.of(tree, dir.resolve("gone"), notes, empty), "sources"));

        assertEquals(List.of(
                dir.resolve("missing.rpm") + " does not exist or is not a file: give the path of an .rpm file",
                "sources[1] " + dir.resolve("gone") + " does not exist: give a directory of .rpm files or an .rpm file",
                "sources[2] " + notes + " is not an .rpm file: give a directory of .rpm files or an .rpm file",
                "sources[3] " + empty + " holds no .rpm file: give a directory of .rpm files or an .rpm file"),
                e.problems().subList(0, 4));
        assertTrue(e.problems().get(4).startsWith(text + " is not an rpm package: reading "), e.getMessage());
        assertTrue(e.problems().get(5).startsWith("sources[0] " + fake + " is not an rpm package: reading "),
                e.getMessage());
        assertEquals(rpm + " and " + other + " are different files of the same package sample-1.2.3-4.noarch.rpm: a"
                + " repository holds a package once; leave one of them out", e.problems().get(6));
        assertEquals(7, e.problems().size(), e.getMessage());
    }

    /** Many packages, read on every core: each named by its own headers, in the order given, each file once. */
    @Test
    void namesEveryPackageInOrderWhateverThreadReadsIt() throws Exception {
        Random random = new Random(14);
        Path tree = dir.resolve("tree");
        List<PackageFile> expected = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i : order) {
            String name = "pkg" + (char) ('a' + random.nextInt(26)) + i;
            String version = random.nextInt(9) + "." + random.nextInt(20);
            String release = Integer.toString(1 + random.nextInt(5));
            Path written = RepoFixtures.write(RepoFixtures.small(name, version).release(release).build(),
                    tree.resolve("d" + i % 4));
            // Files named as Maven names artifacts, not as the repository will.
            Path file = Files.move(written, written.resolveSibling(name + "-" + version + ".rpm"));
            expected.add(new PackageFile(file, name + "-" + version + "-" + release + ".noarch.rpm"));
        }
        expected.sort((a, b) -> a.path().compareTo(b.path()));
        Path single = expected.get(7).path();
        Path link = Files.createSymbolicLink(dir.resolve("link.rpm"), expected.get(3).path());

        List<PackageFile> collected = RepositoryPackages.collect(List.of(single, link), List.of(tree, single), "sources");

        // The caller's files first; a link to a package is that package, so the tree's copy of it is not
        // listed again, nor is the file given both ways.
        List<PackageFile> inOrder = new ArrayList<>(List.of(expected.get(7),
                new PackageFile(link, expected.get(3).fileName())));
        for (PackageFile pkg : expected) {
            if (pkg != expected.get(7) && pkg != expected.get(3)) {
                inOrder.add(pkg);
            }
        }
        assertEquals(inOrder, collected);
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.repo.RepositoryPackages.PackageFile;

class RepositoryPackagesTest {
    @TempDir
    Path dir;

    @Test
    void copiesPackagesUnderTheirPackageNamesOnce() throws Exception {
        Path rpm = RepoFixtures.sample(dir.resolve("built"), dir.resolve("sources"));
        Path renamed = Files.copy(rpm, dir.resolve("sample-1.2.3.rpm"));

        Path repository = dir.resolve("repo");
        Path target = repository.resolve("packages");

        RepositoryPackages.Collected collected = RepositoryPackages.collect(List.of(rpm, renamed, rpm), List.of(),
                "sources", repository);
        List<Path> copies = RepositoryPackages.copy(collected.toCopy(), target);

        assertEquals(List.of(new PackageFile(rpm, "sample-1.2.3-4.noarch.rpm")), collected.toCopy());
        assertEquals(List.of(), collected.inPlace());
        assertEquals(List.of(target.resolve("sample-1.2.3-4.noarch.rpm")), copies);
        assertArrayEquals(Files.readAllBytes(rpm), Files.readAllBytes(copies.get(0)));
        assertEquals(Files.getLastModifiedTime(rpm).toMillis(), Files.getLastModifiedTime(copies.get(0)).toMillis());
    }

    /**
     * Packages given that are in the repository already, as files or below a source, stay as they are,
     * unread (even a file that is no package: the repository writer reads and reports every one there).
     */
    @Test
    void leavesWhatIsInTheRepositoryWhereItIs() throws Exception {
        Path repository = dir.resolve("repo");
        Path inside = RepoFixtures.sample(repository.resolve("packages"), dir.resolve("sources"));
        Path mavenNamed = Files.move(inside, inside.resolveSibling("sample-1.2.3.rpm"));
        Files.writeString(repository.resolve("packages/broken.rpm"), "not a package");
        Path outside = RepoFixtures.write(RepoFixtures.small("other", "2").build(), dir.resolve("built"));

        Path brokenByAnotherPath = dir.resolve("repo/../repo/packages/broken.rpm");

        RepositoryPackages.Collected collected = RepositoryPackages.collect(List.of(outside, mavenNamed),
                List.of(repository.resolve("packages"), brokenByAnotherPath), "sources", dir.resolve("./repo"));

        assertEquals(List.of(new PackageFile(outside, "other-2-1.noarch.rpm")), collected.toCopy());
        assertEquals(List.of(mavenNamed, repository.resolve("packages"), brokenByAnotherPath), collected.inPlace());
        RepositoryPackages.copy(collected.toCopy(), repository.resolve("packages"));
        try (var listed = Files.list(repository.resolve("packages"))) {
            assertEquals(List.of("broken.rpm", "other-2-1.noarch.rpm", "sample-1.2.3.rpm"),
                    listed.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // A directory of the repository without a package is still a mistake of the configuration.
        Path empty = Files.createDirectories(repository.resolve("empty/sub"));
        Files.writeString(empty.resolve("notes.txt"), "no package");
        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(List.of(),
                List.of(repository.resolve("packages"), empty.getParent()), "sources", repository));
        assertEquals(List.of("sources[1] " + empty.getParent() + " holds no .rpm file: give a directory of .rpm files"
                + " or an .rpm file"), e.problems());
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
                List.of(tree, dir.resolve("gone"), notes, empty), "sources", dir.resolve("repo")));

        assertEquals(List.of(
                dir.resolve("missing.rpm") + " does not exist or is not a file: give the path of an .rpm file",
                "sources[1] " + dir.resolve("gone") + " does not exist: give a directory of .rpm files or an .rpm file",
                "sources[2] " + notes + " is not an .rpm file: give a directory of .rpm files or an .rpm file",
                "sources[3] " + empty + " holds no .rpm file: give a directory of .rpm files or an .rpm file"),
                e.problems().subList(0, 4));
        // Then, in the order given, what reading finds: a second file of a package, and files that are none.
        assertEquals(rpm + " and " + other + " are different files of the same package sample-1.2.3-4.noarch.rpm: a"
                + " repository holds a package once; leave one of them out", e.problems().get(4));
        assertTrue(e.problems().get(5).startsWith(text + " is not an rpm package: reading "), e.getMessage());
        assertTrue(e.problems().get(6).startsWith("sources[0] " + fake + " is not an rpm package: reading "),
                e.getMessage());
        assertEquals(7, e.problems().size(), e.getMessage());
    }

    /**
     * A source directory is walked as the repository is ({@link PackageWalk}): a link out of it is
     * followed; a package the repository's own links reach is left to it; and an .rpm entry that cannot
     * be a package is a problem named below the source.
     */
    @Test
    void walksASourceDirectoryAsTheRepositoryIsWalked() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Path pooled = RepoFixtures.write(RepoFixtures.small("pooled", "1").build(), dir.resolve("pool"));
        Files.createSymbolicLink(tree.resolve("pool"), dir.resolve("pool"));
        Path repository = dir.resolve("repo");

        RepositoryPackages.Collected collected = RepositoryPackages.collect(List.of(), List.of(tree), "sources",
                repository);
        assertEquals(List.of(new PackageFile(tree.resolve("pool").resolve(pooled.getFileName()),
                "pooled-1-1.noarch.rpm")), collected.toCopy());

        // The same directory linked from the repository is the repository's: indexed there, not copied in.
        Files.createDirectories(repository);
        Files.createSymbolicLink(repository.resolve("Packages"), dir.resolve("pool"));
        RepositoryPackages.Collected linked = RepositoryPackages.collect(List.of(), List.of(tree), "sources",
                repository);
        assertEquals(List.of(), linked.toCopy());
        assertEquals(List.of(tree.resolve("pool").resolve(pooled.getFileName())), linked.inPlace());
        assertEquals(List.of("Packages/" + pooled.getFileName()), new RepositoryWriter(Console.SILENT)
                .write(repository, RepositoryOptions.of(RepoFixtures.REVISION)).packages().stream()
                .map(PackageMetadata::location).toList());

        Files.createSymbolicLink(tree.resolve("lost.rpm"), dir.resolve("built/lost-1-1.noarch.rpm"));
        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(List.of(),
                List.of(tree), "sources", repository));
        assertEquals(List.of("sources[0] " + tree + ": lost.rpm is a link to " + dir.resolve("built/lost-1-1.noarch.rpm")
                + ", which does not exist: remove the link, or put the package it names there"), e.problems());
    }

    /** A file given with a name (a build's artifact by its coordinates) is named by it in every problem. */
    @Test
    void namesGivenFilesByTheirNamesInProblems() throws Exception {
        Path rpm = RepoFixtures.sample(dir.resolve("built"), dir.resolve("sources"));
        Path text = Files.writeString(dir.resolve("readme.rpm"), "text");
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve("target/gone-1.rpm"), "artifact org.example:gone:rpm:1");
        files.put(rpm, "artifact org.example:sample:rpm:1.2.3");
        files.put(text, "artifact org.example:text:rpm:1");
        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(files,
                List.of(), "sources", dir.resolve("repo")));
        assertEquals("artifact org.example:gone:rpm:1: " + dir.resolve("target/gone-1.rpm") + " does not exist or is"
                + " not a file: build it in this run, before this goal (e.g. mvn package), or leave it out",
                e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("artifact org.example:text:rpm:1: " + text + " is not an rpm package:"),
                e.getMessage());
        assertEquals(2, e.problems().size(), e.getMessage());
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

        List<PackageFile> collected = RepositoryPackages.collect(List.of(single, link), List.of(tree, single), "sources",
                dir.resolve("repo")).toCopy();

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

    /** Links and relative paths name the same files: a repository or source given through a link is still itself. */
    @Test
    void tellsWhatIsInTheRepositoryByRealPaths() throws Exception {
        Path repository = dir.resolve("repo");
        Path inside = RepoFixtures.write(RepoFixtures.small("s", "1").build(), repository.resolve("packages"));
        Path mavenNamed = Files.move(inside, inside.resolveSibling("s-1.rpm"));
        Path linkedRepository = Files.createSymbolicLink(dir.resolve("repo-link"), repository);
        Path linkedSources = Files.createSymbolicLink(dir.resolve("sources-link"), repository.resolve("packages"));
        Path outside = RepoFixtures.write(RepoFixtures.small("t", "1").build(), dir.resolve("built"));
        Path linkedOutside = Files.createSymbolicLink(dir.resolve("elsewhere"), outside.getParent());

        Path relative = Path.of("").toAbsolutePath().relativize(repository); // from the JVM's working directory
        for (Path given : List.of(repository, linkedRepository, relative)) {
            RepositoryPackages.Collected collected = RepositoryPackages.collect(List.of(),
                    List.of(repository.resolve("packages"), linkedSources, linkedOutside, mavenNamed), "sources",
                    given);
            assertEquals(List.of(repository.resolve("packages"), mavenNamed), collected.inPlace(), given.toString());
            assertEquals(List.of("t-1-1.noarch.rpm"), collected.toCopy().stream().map(PackageFile::fileName).toList(),
                    given.toString());
        }
    }

    /** What the repository writer does not index (repodata/, dot directories, other names) cannot be given in place. */
    @Test
    void refusesWhatTheRepositoryLeavesOut() throws Exception {
        Path repository = dir.resolve("repo");
        Path hidden = RepoFixtures.write(RepoFixtures.small("h", "1").build(), repository.resolve(".incoming"));
        Path inRepodata = RepoFixtures.write(RepoFixtures.small("r", "1").build(), repository.resolve("repodata"));
        Path notRpm = Files.writeString(Files.createDirectories(repository.resolve("packages")).resolve("readme.txt"),
                "no package");

        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(
                List.of(hidden, notRpm), List.of(repository.resolve(".incoming"), inRepodata), "sources", repository));

        String leftOut = ", which the repository leaves out (repodata/ and directories whose name starts with a dot):"
                + " move it elsewhere in the repository, or give it from outside";
        Path root = repository.toRealPath();
        assertEquals(List.of(
                hidden + " is in the repository's directory " + root + ", but under " + root.resolve(".incoming")
                        + leftOut,
                notRpm + " is in the repository's directory " + root + " but not named .rpm, so the repository would"
                        + " leave it out: name it NAME.rpm or give it from outside the repository",
                "sources[0] " + repository.resolve(".incoming") + " is in the repository's directory " + root
                        + ", but under " + root.resolve(".incoming") + leftOut,
                "sources[1] " + inRepodata + " is in the repository's directory " + root + ", but under "
                        + root.resolve("repodata") + leftOut), e.problems());
    }

    /**
     * A package from outside that a link in the repository leads to is left to the writer, but still
     * named: another file of it is reported, and the same bytes from elsewhere are not copied in. What
     * is given where the repository does not look is in place when links reach all of it, else an
     * error. A source in the repository holding only a broken link says so.
     */
    @Test
    void takesWhatTheRepositorysLinksReachAsInPlaceAndStillChecksIt() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repo"));
        Path pooled = RepoFixtures.write(RepoFixtures.small("app", "1").build(), dir.resolve("pool"));
        Files.createSymbolicLink(repository.resolve("Packages"), dir.resolve("pool"));
        Path rebuilt = RepoFixtures.write(RepoFixtures.small("app", "1").summary("rebuilt").build(),
                dir.resolve("target"));

        PackagingException twice = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(
                List.of(rebuilt), List.of(dir.resolve("pool")), "sources", repository));
        assertEquals(List.of(rebuilt + " and sources[0] " + pooled + " are different files of the same package"
                + " app-1-1.noarch.rpm: a repository holds a package once; leave one of them out"), twice.problems());
        // The same bytes from the build and through the link: indexed through the link, not copied too.
        Path sameBytes = Files.copy(pooled, Files.createDirectories(dir.resolve("same")).resolve("app.rpm"));
        RepositoryPackages.Collected once = RepositoryPackages.collect(List.of(sameBytes), List.of(dir.resolve("pool")),
                "sources", repository);
        assertEquals(List.of(), once.toCopy());
        assertEquals(List.of(pooled), once.inPlace());

        // Where the repository does not look: in place when links reach all of it, else an error.
        Path built = RepoFixtures.write(RepoFixtures.small("built", "1").build(), repository.resolve(".builds/42"));
        RepoFixtures.write(RepoFixtures.small("older", "1").build(), repository.resolve(".builds/41"));
        Files.createSymbolicLink(repository.resolve("current"), Path.of(".builds/42"));
        assertEquals(List.of(built, repository.resolve(".builds/42")), RepositoryPackages.collect(List.of(built),
                List.of(repository.resolve(".builds/42")), "sources", repository).inPlace());
        Path broken = Files.createDirectories(repository.resolve("incoming"));
        Files.createSymbolicLink(broken.resolve("app.rpm"), dir.resolve("missing.rpm"));
        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(
                List.of(built), List.of(repository.resolve(".builds"), broken), "sources", repository));
        Path root = repository.toRealPath();
        String leftOut = ", which the repository leaves out (repodata/ and directories whose name starts with a dot):"
                + " move it elsewhere in the repository, or give it from outside";
        assertEquals(List.of("sources[0] " + repository.resolve(".builds") + " is in the"
                + " repository's directory " + root + ", but under " + root.resolve(".builds") + leftOut,
                "sources[1] " + broken + ": app.rpm is a link to " + dir.toRealPath().resolve("missing.rpm")
                + ", which does not exist: remove the link, or put the package it names there"), e.problems());

        Files.delete(broken.resolve("app.rpm"));
        RepositoryPackages.Collected collected = RepositoryPackages.collect(List.of(), List.of(dir.resolve("pool")),
                "sources", repository);
        assertEquals(List.of(), collected.toCopy());
        assertEquals(List.of(pooled), collected.inPlace());
    }

    /** A package to copy that the repository, given as a source, holds already as another file is two packages. */
    @Test
    void refusesAPackageToCopyOverADifferentOneGivenInPlace() throws Exception {
        Path repository = dir.resolve("repo");
        Path inPlace = RepoFixtures.write(RepoFixtures.small("d", "1").build(), repository.resolve("packages"));
        Path rebuilt = RepoFixtures.write(RepoFixtures.small("d", "1").summary("Rebuilt").build(),
                dir.resolve("built"));
        Path sameBytes = Files.copy(inPlace, Files.createDirectories(dir.resolve("copy")).resolve("d-1.rpm"),
                StandardCopyOption.COPY_ATTRIBUTES);

        PackagingException e = assertThrows(PackagingException.class, () -> RepositoryPackages.collect(
                List.of(rebuilt), List.of(repository.resolve("packages")), "sources", repository));
        assertEquals(List.of(rebuilt + " and " + repository.resolve("packages/d-1-1.noarch.rpm") + " are different"
                + " files of the same package d-1-1.noarch.rpm: a repository holds a package once; leave one of them"
                + " out"), e.problems());
        // The same bytes are the same package; and a file of the repository not given is a build's to replace.
        assertEquals(1, RepositoryPackages.collect(List.of(sameBytes), List.of(repository.resolve("packages")),
                "sources", repository).toCopy().size());
        assertEquals(1, RepositoryPackages.collect(List.of(rebuilt), List.of(), "sources", repository).toCopy()
                .size());
    }

    /** A source that holds the repository: the repository's packages stay, the others are copied. */
    @Test
    void aSourceAroundTheRepositoryCopiesOnlyWhatIsOutsideIt() throws Exception {
        Path target = dir.resolve("target");
        Path repository = target.resolve("yum-repository");
        Path kept = RepoFixtures.write(RepoFixtures.small("old", "1").build(), repository.resolve("packages"));
        Path built = RepoFixtures.write(RepoFixtures.small("new", "1").build(), target);

        RepositoryPackages.Collected collected = RepositoryPackages.collect(List.of(), List.of(target), "sources",
                repository);

        assertEquals(List.of(new PackageFile(built, "new-1-1.noarch.rpm")), collected.toCopy());
        assertEquals(List.of(kept), collected.inPlace());
    }
}

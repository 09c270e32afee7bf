package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * dnf installs from a repository our writer made and resolves dependencies through its metadata:
 * stand-ins for what the worker package needs (systemd, openssh-server, rkt, docker), small noarch
 * packages made by our writer, and a package requiring them.
 */
class DnfInstallTest {
    @TempDir
    Path dir;

    /** Both dnf generations, with metadata compressed as every yum reads it and as createrepo_c 1.x does. */
    static Stream<Arguments> dnfAndCompression() {
        return Stream.of(RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1).flatMap(g -> Stream.of(
                MetadataCompression.values()).map(c -> Arguments.of(g, c)));
    }

    // The trixie root (rpm 4.20) carries no dnf: dnf 4.14 and dnf5 are the two dnf generations.
    @ParameterizedTest
    @MethodSource("dnfAndCompression")
    void installsAPackageAndResolvesItsRequirements(RpmGeneration generation, MetadataCompression compression)
            throws Exception {
        Path work = generation.workDir(dir);
        Path repo = repository(work, RepositoryOptions.of(RepoFixtures.REVISION).withCompression(compression));

        Dnf dnf = Dnf.unsigned(generation, work.resolve("dnf"), repo).require();
        List<String> options = List.of();
        if (generation.isRpm6()) {
            // dnf5 loads filelists.xml only when told to: by default a requirement on a file that only
            // filelists.xml lists is "nothing provides", though the repository says who provides it.
            RealRpm.Result withoutFilelists = dnf.install("app");
            assertNotEquals(0, withoutFilelists.exitCode(), withoutFilelists.output());
            assertTrue(withoutFilelists.output().contains("nothing provides /usr/share/rkt/rkt.txt needed by"
                    + " app-1.0-1.noarch"), withoutFilelists.output());
            options = List.of("--setopt=optional_metadata_types=filelists");
        }
        RealRpm.Result result = dnf.install(options, "app");

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of(
                "app-1.0-1.noarch",
                // docker >= 1:20 rules out 19.03, and 1:18.09 is older than 1:20.10.
                "docker-1:20.10-1.noarch",
                "openssh-server-8.7p1-1.noarch",
                "rkt-1.30.0-1.noarch",
                "systemd-250-1.noarch"), dnf.installed());
        assertTrue(Files.isRegularFile(dnf.root().resolve("usr/share/app/app.txt")), "the payload is installed");
    }

    @ParameterizedTest
    @EnumSource(names = {"RPM_4_18", "RPM_6_1"})
    void failsWhenTheMetadataCannotResolveARequirement(RpmGeneration generation) throws Exception {
        Path work = generation.workDir(dir);
        Path repo = repository(work);

        RealRpm.Result result = Dnf.unsigned(generation, work.resolve("dnf"), repo).require().install("broken");

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("nothing provides missing-piece needed by broken-1.0-1.noarch"),
                result.output());
    }

    @ParameterizedTest
    @MethodSource("dnfAndCompression")
    void checksTheSignatureOfRepomd(RpmGeneration generation, MetadataCompression compression) throws Exception {
        RealRpm.requireTool("gpg");
        Path work = generation.workDir(dir);
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
        try {
            String home = "--homedir=" + gnupg;
            RealRpm.ok("gpg", home, "--batch", "--passphrase", "", "--quick-gen-key", "Repository <repo@rpmkit.invalid>",
                    "ed25519", "sign", "never");
            Path key = dir.resolve("key.asc");
            Files.writeString(key, RealRpm.ok("gpg", home, "--batch", "--armor", "--export", "repo@rpmkit.invalid"));
            // gpg stands in for the library's signer: the hook takes any detached armored signature.
            RepomdSigner gpg = bytes -> {
                try {
                    Path data = Files.write(dir.resolve("to-sign"), bytes);
                    Files.deleteIfExists(dir.resolve("to-sign.asc"));
                    RealRpm.ok("gpg", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor",
                            "--detach-sign", data.toString());
                    return Files.readString(dir.resolve("to-sign.asc"));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            Path repo = repository(work, RepositoryOptions.of(RepoFixtures.REVISION).withSigner(gpg)
                    .withCompression(compression));
            assertTrue(Files.list(repo.resolve("repodata")).anyMatch(p -> p.toString().endsWith("-primary.xml"
                    + compression.suffix())), "primary.xml" + compression.suffix());

            Dnf dnf = Dnf.unsigned(generation, work.resolve("signed"), repo).withRepomdKey(key).require();
            // dnf5 would otherwise stop at the file-only requirement (installsAPackageAndResolvesItsRequirements).
            RealRpm.Result signed = dnf.install(generation.isRpm6()
                    ? List.of("--setopt=optional_metadata_types=filelists") : List.of(), "app");
            assertEquals(0, signed.exitCode(), signed.output());
            // dnf5 says OpenPGP where dnf 4 said GPG; both then check repomd.xml.asc.
            assertTrue(signed.output().contains(generation.isRpm6() ? "Importing OpenPGP key" : "Importing GPG key"),
                    signed.output());

            // A signature over other bytes: dnf must refuse the repository.
            Files.writeString(repo.resolve("repodata/repomd.xml.asc"), gpg.detachedArmored("other".getBytes()));
            RealRpm.Result forged = Dnf.unsigned(generation, work.resolve("forged"), repo).withRepomdKey(key)
                    .install("app");
            assertNotEquals(0, forged.exitCode(), forged.output());
            assertTrue(forged.output().contains("repomd.xml GPG signature verification error"), forged.output());
        } finally {
            // Ours, and those dnf started for the keyrings it keeps under its cache ("pubring").
            List<Path> homes = new ArrayList<>(List.of(gnupg));
            for (Path searched : List.of(dir, work).stream().distinct().toList()) {
                try (Stream<Path> found = Files.walk(searched)) {
                    found.filter(p -> p.getFileName().toString().equals("pubring")).forEach(homes::add);
                }
            }
            for (Path home : homes) {
                RealRpm.run("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
            }
        }
    }

    /**
     * The stand-ins, an app that needs them in every way the metadata expresses (versions with
     * epochs, a virtual provide, Requires(post) written pre="1", a file only filelists.xml lists, a
     * file primary.xml lists), and a broken package.
     */
    private Path repository(Path work) throws Exception {
        return repository(work, RepositoryOptions.of(RepoFixtures.REVISION));
    }

    private Path repository(Path work, RepositoryOptions options) throws Exception {
        Path packages = work.resolve("repo/packages");
        RepoFixtures.write(RepoFixtures.small("systemd", "250").build(), packages);
        RepoFixtures.write(RepoFixtures.small("openssh-server", "8.7p1")
                .dependency(Dependency.of(DependencyKind.PROVIDES, "sshd")).build(), packages);
        RepoFixtures.write(RepoFixtures.small("rkt", "1.30.0").build(), packages);
        for (String version : List.of("18.09", "19.03", "20.10")) {
            PackageSpec.Builder docker = RepoFixtures.small("docker", version);
            // 19.03 has no epoch, which ranks it below every 1:x of the others.
            RepoFixtures.write((version.equals("19.03") ? docker : docker.epoch(1)).build(), packages);
        }
        RepoFixtures.write(RepoFixtures.small("app", "1.0")
                .dependency(RepoFixtures.requires("systemd", Comparison.GREATER_OR_EQUAL, "219")
                        .withContexts(Set.of(InstallContext.POST)))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "sshd"))
                .dependency(RepoFixtures.requires("rkt", Comparison.GREATER_OR_EQUAL, "1.25.0"))
                .dependency(RepoFixtures.requires("docker", Comparison.GREATER_OR_EQUAL, "1:20"))
                // Only filelists.xml lists this file, so dnf must read it.
                .dependency(Dependency.of(DependencyKind.REQUIRES, "/usr/share/rkt/rkt.txt"))
                .build(), packages);
        RepoFixtures.write(RepoFixtures.small("broken", "1.0")
                .dependency(Dependency.of(DependencyKind.REQUIRES, "missing-piece")).build(), packages);
        new RepositoryWriter(Console.SILENT).write(packages.getParent(), options);
        return packages.getParent();
    }
}

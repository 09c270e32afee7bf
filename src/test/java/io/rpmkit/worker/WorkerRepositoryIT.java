package io.rpmkit.worker;

import static io.rpmkit.testing.RealRpm.requireTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.repo.Dnf;
import io.rpmkit.repo.RepositoryOptions;
import io.rpmkit.repo.RepositoryWriter;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.write.RpmWriter;
import io.rpmkit.write.Signing;

/**
 * The release pipeline end to end: sign what {@code mvn package} built, publish it in a yum
 * repository with stand-ins for its dependencies, and let the real dnf install it with gpgcheck on.
 */
class WorkerRepositoryIT {
    private static final Instant TIME = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void dnfInstallsTheSignedPackageFromOurRepository() throws Exception {
        requireTool("dnf");
        requireTool("gpg");
        Path publicKey = dir.resolve("key.pub.asc");
        Path secretKey = dir.resolve("key.sec.asc");
        generateKey(publicKey, secretKey);
        PackageSigner signer = new PackageSigner(SigningKey.load(secretKey, null, null), HashChoice.SHA256, TIME);

        Path repository = Files.createDirectories(dir.resolve("repo/packages"));
        Path worker = repository.resolve(WorkerPackageIT.RPM.getFileName());
        Files.copy(WorkerPackageIT.RPM, worker);
        PackageSigning.signInPlace(worker, signer, true);
        standIn(repository, signer, "systemd", "239", List.of());
        standIn(repository, signer, "openssh-server", "7.4p1", List.of());
        standIn(repository, signer, "rkt", "1.30.0", List.of());
        standIn(repository, signer, "docker", "1.13.1", List.of());
        // The scriptlets' interpreter and the wrapper's (#!/bin/bash); the shell itself comes from the
        // root's busybox.
        standIn(repository, signer, "shell", "1", List.of("/bin/sh", "/bin/bash"));
        new RepositoryWriter(Console.SILENT).write(dir.resolve("repo"),
                RepositoryOptions.of(TIME).withSigner(signer::detachedArmored));

        Dnf dnf = Dnf.unsigned(dir.resolve("dnf"), dir.resolve("repo")).withKey(publicKey);
        new RealRpm.Root(dnf.root()).withShell();
        RealRpm.Result result = dnf.install("tectonic-worker");
        assertEquals(0, result.exitCode(), result.output());
        List<String> installed = dnf.installed();
        assertTrue(installed.contains("tectonic-worker-1.8.9-1.noarch"), installed::toString);
        assertTrue(installed.contains("rkt-1.30.0-1.noarch"), installed::toString);
        assertTrue(Files.isRegularFile(dnf.root().resolve("usr/lib/coreos/kubelet-wrapper")));
    }

    private static void standIn(Path repository, PackageSigner signer, String name, String version,
            List<String> provides) throws Exception {
        PackageSpec.Builder spec = PackageSpec.builder().name(name).version(version).summary("Stand-in for " + name)
                .license("MIT").buildTime(TIME);
        for (String provide : provides) {
            spec.dependency(Dependency.of(DependencyKind.PROVIDES, provide));
        }
        PackageSpec built = spec.build();
        new RpmWriter(Console.SILENT).write(built, repository.resolve(built.fileName()), new Signing(signer, true));
    }

    private void generateKey(Path publicKey, Path secretKey) throws Exception {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String gpg = "gpg --homedir " + home + " --batch --pinentry-mode loopback --passphrase ''";
        RealRpm.ok("sh", "-c", gpg + " --quick-gen-key 'worker test key (TEST ONLY) <test@rpmkit.invalid>' rsa3072 sign never");
        RealRpm.ok("sh", "-c", gpg + " --armor --export > " + publicKey);
        RealRpm.ok("sh", "-c", gpg + " --armor --export-secret-keys > " + secretKey);
    }

}

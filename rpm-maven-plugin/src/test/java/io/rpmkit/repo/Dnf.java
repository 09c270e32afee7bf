package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rpmkit.testing.RealRpm;

/**
 * The real dnf against one {@code file://} repository, installing into a throwaway root; no
 * network, nothing of the machine's own configuration. Measured with Debian 12's dnf 4.14:
 * <ul>
 * <li>Our own config file ({@code --config}), because Debian's /etc/dnf/dnf.conf has
 * {@code best=False} and {@code skip_if_unavailable=True}: with them dnf quietly installs an older
 * package, or none, and still exits 0. Ours says {@code best=True} and
 * {@code skip_if_unavailable=False}, so a package the metadata cannot resolve fails the install.</li>
 * <li>{@code reposdir=} (empty) keeps the machine's repositories out; the repository is a section of
 * the same file.</li>
 * <li>{@code gpgcheck}: dnf's built-in default is off, but stated here; Debian's dnf.conf turns it on,
 * which without a key fails with "You have enabled checking of packages via GPG keys".</li>
 * <li>{@code --releasever=1}: the empty root has no release package; without it dnf warns
 * "Unable to detect release version" (harmless).</li>
 * <li>{@code --noplugins}: nothing but dnf itself.</li>
 * <li>Scriptlets: rpm runs them chrooted into the root, which has no shell, and a package with
 * scriptlets requires /bin/sh, which nothing in the repository provides. The packages installed
 * here have none; {@code tsflags=noscripts} would be the other way.</li>
 * <li>Debian's rpm keeps its database under {@code ~/.rpmdb}, so inside the root at
 * {@code ROOT/root/.rpmdb}; {@code rpm --root ROOT} finds it there.</li>
 * </ul>
 * Signed repositories: {@link #withRepomdKey} sets {@code repo_gpgcheck=1} and {@code gpgkey} in
 * the repository's section, {@link #withKey} also {@code gpgcheck=1}; dnf then imports the key
 * itself ({@code -y}) and checks repodata/repomd.xml.asc, and with the second each package's
 * signature too. Measured by hand with gpg-made signatures:
 * repomd.xml.asc by an RSA 3072 and by an Ed25519 key both verify ("Importing GPG key ..."), and
 * {@code gpgcheck=1} refuses unsigned packages ("Package app-1-3.noarch.rpm is not signed").
 * Public for the plugin's integration tests (verify.groovy).
 */
public record Dnf(Path work, Path repository, Optional<Path> key, boolean packageSignatures) {
    public static Dnf unsigned(Path work, Path repository) {
        return new Dnf(work, repository, Optional.empty(), false);
    }

    /** Checks repodata/repomd.xml.asc against this ASCII-armored public key; packages may be unsigned. */
    public Dnf withRepomdKey(Path publicKey) {
        return new Dnf(work, repository, Optional.of(publicKey), false);
    }

    /** Checks repomd.xml.asc and every package's signature against this key. */
    public Dnf withKey(Path publicKey) {
        return new Dnf(work, repository, Optional.of(publicKey), true);
    }

    public Path root() {
        return work.resolve("root");
    }

    public String config() {
        // gpgkey is an option of a repository: in [main] dnf ignores it and fails with "Bad GPG signature".
        String gpg = key.map(k -> "gpgcheck=" + (packageSignatures ? 1 : 0) + "\nrepo_gpgcheck=1\ngpgkey=" + k.toUri()
                + "\n").orElse("gpgcheck=0\nrepo_gpgcheck=0\n");
        return "[main]\n"
                + "reposdir=\n"
                + "best=True\n"
                + "skip_if_unavailable=False\n"
                + "install_weak_deps=False\n"
                + "\n[local]\n"
                + "name=local\n"
                + "baseurl=" + repository.toUri() + "\n"
                + gpg;
    }

    public RealRpm.Result install(String... packages) throws IOException, InterruptedException {
        Files.createDirectories(root());
        Path config = Files.writeString(work.resolve("dnf.conf"), config());
        List<String> command = new ArrayList<>(List.of("dnf", "--config=" + config, "--installroot=" + root(),
                "--noplugins", "--releasever=1", "-y", "install"));
        command.addAll(List.of(packages));
        return RealRpm.run(command);
    }

    /** NAME-[EPOCH:]VERSION-RELEASE.ARCH of every package installed in the root, sorted. */
    public List<String> installed() throws IOException, InterruptedException {
        String out = RealRpm.ok("rpm", "--root", root().toString(), "-qa", "--qf", "%{NEVRA}\\n");
        return out.lines().filter(l -> !l.isBlank()).sorted().toList();
    }
}

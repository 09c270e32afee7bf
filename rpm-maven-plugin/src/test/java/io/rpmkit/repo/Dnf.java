package io.rpmkit.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * The real dnf against one {@code file://} repository, installing into a throwaway root; no
 * network, nothing of the machine's own configuration. On the host it is Debian 12's dnf 4.14; in
 * the sid root ({@link RpmGeneration#RPM_6_1}) dnf5 5.4, which reads the same options, and whose
 * rpm keeps its database at the root's /var/lib/rpm. Measured with dnf 4.14:
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
public record Dnf(RpmGeneration generation, Path work, Path repository, Optional<Path> key,
        boolean packageSignatures) {
    /** The host's dnf. */
    public static Dnf unsigned(Path work, Path repository) {
        return unsigned(RpmGeneration.RPM_4_18, work, repository);
    }

    /**
     * The dnf of a generation: the host's dnf 4.14, or dnf5 in the sid root (rpm 6.1), where
     * {@code work} and {@code repository} must lie inside the root ({@link RpmGeneration#workDir}).
     */
    public static Dnf unsigned(RpmGeneration generation, Path work, Path repository) {
        return new Dnf(generation, work, repository, Optional.empty(), false);
    }

    /** Checks repodata/repomd.xml.asc against this ASCII-armored public key; packages may be unsigned. */
    public Dnf withRepomdKey(Path publicKey) {
        return new Dnf(generation, work, repository, Optional.of(publicKey), false);
    }

    /** Checks repomd.xml.asc and every package's signature against this key. */
    public Dnf withKey(Path publicKey) {
        return new Dnf(generation, work, repository, Optional.of(publicKey), true);
    }

    /** dnf5 where the generation's root has it (sid), dnf on the host. */
    public String tool() {
        return generation.isHost() ? "dnf" : "dnf5";
    }

    /** Skips loudly unless this generation has the tool and an rpm. */
    public Dnf require() throws IOException, InterruptedException {
        generation.requireTool(tool());
        return this;
    }

    public Path root() {
        return work.resolve("root");
    }

    public String config() throws IOException {
        // gpgkey is an option of a repository: in [main] dnf ignores it and fails with "Bad GPG signature".
        String gpg = key.isEmpty() ? "gpgcheck=0\nrepo_gpgcheck=0\n" : "gpgcheck=" + (packageSignatures ? 1 : 0)
                + "\nrepo_gpgcheck=1\ngpgkey=" + uri(key.get()) + "\n";
        return "[main]\n"
                + "reposdir=\n"
                + "best=True\n"
                + "skip_if_unavailable=False\n"
                + "install_weak_deps=False\n"
                + "\n[local]\n"
                + "name=local\n"
                + "baseurl=" + uri(repository) + "\n"
                + gpg;
    }

    public RealRpm.Result install(String... packages) throws IOException, InterruptedException {
        return install(List.of(), packages);
    }

    /** Installs with further command-line options, such as {@code --setopt=...}. */
    public RealRpm.Result install(List<String> options, String... packages) throws IOException, InterruptedException {
        Files.createDirectories(root());
        Path config = Files.writeString(work.resolve("dnf.conf"), config());
        // dnf5 spells it --no-plugins; both read the same [main] options.
        List<String> command = new ArrayList<>(List.of(tool(), "--config=" + generation.path(config),
                "--installroot=" + generation.path(root()), generation.isHost() ? "--noplugins" : "--no-plugins",
                "--releasever=1", "-y"));
        command.addAll(options);
        command.add("install");
        command.addAll(List.of(packages));
        return generation.run(command.toArray(String[]::new));
    }

    /** file:// as the generation's dnf sees it. */
    private String uri(Path path) throws IOException {
        return Path.of(generation.path(path)).toUri().toString();
    }

    /** NAME-[EPOCH:]VERSION-RELEASE.ARCH of every package installed in the root, sorted. */
    public List<String> installed() throws IOException, InterruptedException {
        String out = generation.ok("rpm", "--root", generation.path(root()), "-qa", "--qf", "%{NEVRA}\\n");
        return out.lines().filter(l -> !l.isBlank()).sorted().toList();
    }
}

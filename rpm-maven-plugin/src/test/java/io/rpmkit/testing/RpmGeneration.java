package io.rpmkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An rpm generation the real-rpm tests run against: the host's own rpm (4.18 on Debian 12), or the
 * rpm of a Debian root that {@code .ci/rpm-roots} builds and caches (trixie: 4.20, sid: 6.1). A
 * root's tools run as {@code chroot ROOT tool ...}; files they read are copied into a scratch
 * directory inside the root ({@link #path}), never bind-mounted, so deleting a root or a scratch
 * directory cannot reach outside it.
 *
 * <p>The roots are found in the directory named by the system property {@code rpmkit.rpmRoots},
 * else the environment variable {@code RPMKIT_RPM_ROOTS}, else {@value #DEFAULT_ROOTS}. A test asking
 * for a generation whose root is missing skips, loudly.
 */
public enum RpmGeneration {
    /** The host's rpm: Debian 12's 4.18, the one every test used before. */
    RPM_4_18("4.18", null),
    /** Debian 13 (trixie). */
    RPM_4_20("4.20", "trixie"),
    /** Debian unstable (sid): rpm 6.1, createrepo_c 1.2, dnf5 and rpmlint 2.8. */
    RPM_6_1("6.1", "sid");

    public static final String DEFAULT_ROOTS = "/var/cache/rpmkit/roots";
    private static final String SCRATCH = "scratch";
    private static final AtomicInteger WORK_DIRS = new AtomicInteger();

    private final String version;
    private final String suite;
    private Path scratch;
    private boolean checked;

    RpmGeneration(String version, String suite) {
        this.version = version;
        this.suite = suite;
    }

    /** The directory holding the roots, as the tests are told to find it. */
    public static Path rootsDir() {
        String dir = System.getProperty("rpmkit.rpmRoots");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv().getOrDefault("RPMKIT_RPM_ROOTS", DEFAULT_ROOTS);
        }
        return Path.of(dir);
    }

    /** The rpm version this generation stands for, "6.1". */
    public String version() {
        return version;
    }

    public boolean isHost() {
        return suite == null;
    }

    /** Where this generation's tools see "/": the host's "/" or the Debian root. */
    public Path root() {
        return isHost() ? Path.of("/") : rootsDir().resolve(suite);
    }

    /** True from rpm 6 on, the generation that reads and writes several OpenPGP signatures. */
    public boolean isRpm6() {
        return version.startsWith("6.");
    }

    /**
     * The name this generation's {@code --qf} knows a tag by. rpm 6 renamed the payload digest tags
     * after the digest they hold, since it can hold several (PAYLOADSHA512, PAYLOADSHA3_256), keeping
     * their numbers: 5092 PAYLOADDIGEST is PAYLOADSHA256 there, and 4.x knows no new name.
     */
    public String tagName(String name) {
        if (!isRpm6()) {
            return name;
        }
        return switch (name) {
            case "PAYLOADDIGEST" -> "PAYLOADSHA256";
            case "PAYLOADDIGESTALGO" -> "PAYLOADSHA256ALGO";
            case "PAYLOADDIGESTALT" -> "PAYLOADSHA256ALT";
            default -> name;
        };
    }

    @Override
    public String toString() {
        return isHost() ? "rpm " + version + " (host)" : "rpm " + version + " (" + suite + " root)";
    }

    /**
     * Skips the calling test, with a message on stderr, unless this generation's rpm can run: the
     * host's rpm on the PATH, or the root built and usable (chroot needs root). Fails when a root holds
     * another rpm than the one this generation stands for, so a test never claims a version it did not
     * run.
     */
    public synchronized void require() throws IOException, InterruptedException {
        if (isHost()) {
            RealRpm.requireTool("rpm");
            return;
        }
        Path root = root();
        String why = null;
        if (!Files.isRegularFile(root.resolve(".rpmkit-stamp"))) {
            why = "there is no " + suite + " root at " + root + "; make it with .ci/rpm-roots (as root, with network)"
                    + " or point RPMKIT_RPM_ROOTS (-Drpmkit.rpmRoots) at the directory holding it";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            why = "running " + suite + "'s rpm takes chroot, which needs root";
        }
        if (why != null) {
            System.err.println("!!! SKIPPED on " + this + ": " + why + ".");
            assumeTrue(false, why);
        }
        if (!checked) {
            String reported = RealRpm.ok("chroot", root.toString(), "rpm", "--version").strip();
            assertTrue(reported.startsWith("RPM version " + version + "."), () -> root + " holds " + reported
                    + ", not rpm " + version + ": rebuild it (.ci/rpm-roots --rebuild) or update RpmGeneration");
            checked = true;
        }
    }

    /** {@link #require()}, and the tool inside this generation's root (the host's PATH for 4.18). */
    public void requireTool(String tool) throws IOException, InterruptedException {
        require();
        if (isHost()) {
            RealRpm.requireTool(tool);
            return;
        }
        boolean present = RealRpm.run("chroot", root().toString(), "sh", "-c", "command -v " + tool).exitCode() == 0;
        if (!present) {
            System.err.println("!!! SKIPPED on " + this + ": '" + tool + "' is not in " + root()
                    + "; .ci/rpm-roots installs what the suite has.");
        }
        assumeTrue(present, tool + " is not in " + root());
    }

    /**
     * A fresh directory this generation's tools can see: {@code tempDir} itself for the host, a new
     * directory under the root's scratch directory otherwise (removed when the JVM exits).
     */
    public Path workDir(Path tempDir) throws IOException {
        return isHost() ? tempDir : freshDir();
    }

    /**
     * The path under which this generation's tools see {@code file}. A file outside the root is
     * copied into a fresh work directory first, under the same name; a directory must already be
     * inside (see {@link #workDir}).
     */
    public String path(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = root().toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            if (Files.isDirectory(absolute)) {
                throw new IllegalArgumentException(absolute + " is a directory outside " + root
                        + ": make it under workDir()");
            }
            Path copy = freshDir().resolve(absolute.getFileName());
            Files.copy(absolute, copy, StandardCopyOption.COPY_ATTRIBUTES);
            absolute = copy;
        }
        return "/" + root.relativize(absolute);
    }

    /** The command as it runs in this generation: unchanged on the host, under chroot in a root. */
    public List<String> command(List<String> command) {
        if (isHost()) {
            return command;
        }
        List<String> chrooted = new ArrayList<>(List.of("chroot", root().toString()));
        chrooted.addAll(command);
        return chrooted;
    }

    public RealRpm.Result run(String... command) throws IOException, InterruptedException {
        return RealRpm.run(command(List.of(command)));
    }

    /** Runs and requires exit 0, showing the generation and the output on failure. */
    public String ok(String... command) throws IOException, InterruptedException {
        RealRpm.Result result = run(command);
        assertEquals(0, result.exitCode(), () -> this + ": " + String.join(" ", command) + " failed:\n"
                + result.output());
        return result.output();
    }

    /** {@code rpm -qp --nosignature --qf FORMAT package}, with this generation's rpm. */
    public String query(Path rpm, String format) throws IOException, InterruptedException {
        return ok("rpm", "-qp", "--nosignature", "--qf", format, path(rpm));
    }

    /** {@code rpm -Kv} of the package in a fresh key database holding only {@code publicKey}. */
    public RealRpm.Result checkSignatures(Path rpm, Path publicKey, Path tempDir)
            throws IOException, InterruptedException {
        String db = path(Files.createTempDirectory(workDir(tempDir), "rpmdb"));
        ok("rpmkeys", "--dbpath", db, "--import", path(publicKey));
        return run("rpm", "-Kv", "--dbpath", db, path(rpm));
    }

    /**
     * The line {@code rpm -Kv} prints for a V4 header signature, or for the legacy one over header and
     * payload, without its verdict. rpm 4 names the signing key by its short key ID. rpm 6, which
     * reads several OpenPGP signatures and v6 keys (whose short IDs are no identity), says "OpenPGP",
     * names the certificate by its primary key's full fingerprint even when a subkey signed, and labels
     * the header-and-payload signature "Legacy".
     */
    public String signatureLine(boolean legacy, String algorithm, String signingKeyId, String primaryFingerprint) {
        if (isRpm6()) {
            return (legacy ? "    Legacy OpenPGP V4 " : "Header OpenPGP V4 ") + algorithm
                    + " signature, key fingerprint: " + primaryFingerprint.toLowerCase(Locale.ROOT);
        }
        return (legacy ? "    V4 " : "Header V4 ") + algorithm + " Signature, key ID "
                + signingKeyId.toLowerCase(Locale.ROOT);
    }

    /** A throwaway install root this generation's rpm can reach: inside its Debian root, or {@code dir}. */
    public RealRpm.Root newRoot(Path dir) throws IOException, InterruptedException {
        require();
        return new RealRpm.Root(this, isHost() ? dir : freshDir().resolve(dir.getFileName()));
    }

    private Path freshDir() throws IOException {
        return Files.createDirectories(scratch().resolve(Integer.toString(WORK_DIRS.incrementAndGet())));
    }

    private synchronized Path scratch() throws IOException {
        if (scratch == null) {
            Path dir = Files.createDirectories(root().resolve(SCRATCH).resolve("run-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            scratch = dir;
        }
        return scratch;
    }

    /** Deletes without following symbolic links: installed packages leave links pointing anywhere. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

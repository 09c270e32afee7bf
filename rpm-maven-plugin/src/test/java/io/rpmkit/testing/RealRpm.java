package io.rpmkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real rpm tools as referee. A test that needs one skips, loudly, where it is missing; CI
 * installs them all, so there they always run. These helpers run the host's tools (rpm 4.18 on
 * Debian 12); {@link RpmGeneration} runs rpm 4.20 and 6.1 from the roots CI caches.
 */
public final class RealRpm {
    /** The rpmlint findings the library's tests filter, each with its reason in the file. */
    public static final Path RPMLINT_FILTERS = Path.of("src/test/resources/rpmlint-filters.toml");

    private RealRpm() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Skips the calling test, with a message on stderr, unless {@code tool} is on the PATH. */
    public static void requireTool(String tool) {
        boolean present = findOnPath(tool);
        if (!present) {
            System.err.println("!!! SKIPPED: '" + tool + "' is not installed; this check of the real RPM tools did"
                    + " not run. Install it: apt-get install -y rpm rpmlint createrepo-c dnf (CI does).");
        }
        assumeTrue(present, tool + " is not installed: the real-tool check was skipped");
    }

    public static boolean findOnPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    /** Runs and requires exit 0, showing the output on failure. */
    public static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertEquals(0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.output());
        return result.output();
    }

    /** {@code rpm -qp --qf FORMAT package}. */
    public static String query(Path rpm, String format) throws IOException, InterruptedException {
        return ok("rpm", "-qp", "--nosignature", "--qf", format, rpm.toString());
    }

    /**
     * A throwaway root with its own database, for installs that touch nothing else. A generation's
     * rpm runs it from inside its Debian root, so there it lives inside that root
     * ({@link RpmGeneration#newRoot}).
     */
    public static final class Root {
        /** Relative to the root: rpm prefixes {@code --dbpath} with {@code --root}. */
        private static final String DB_PATH = "/var/lib/rpm";

        private final RpmGeneration generation;
        private final Path dir;

        /** A root for the host's rpm. */
        public Root(Path dir) throws IOException, InterruptedException {
            this(RpmGeneration.RPM_4_18, dir);
        }

        Root(RpmGeneration generation, Path dir) throws IOException, InterruptedException {
            if (!dir.toAbsolutePath().normalize().startsWith(generation.root())) {
                throw new IllegalArgumentException(dir + " is outside " + generation.root());
            }
            this.generation = generation;
            this.dir = dir;
            Files.createDirectories(dbPath());
            rpmOk("--initdb");
        }

        /**
         * Gives the root a shell for scriptlets, which rpm runs chrooted: a static busybox as /bin/sh
         * and a /dev/null. Skips loudly without busybox.
         */
        public Root withShell() throws IOException, InterruptedException {
            requireTool("busybox");
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Files.copy(Path.of(ok("sh", "-c", "command -v busybox").strip()), bin.resolve("busybox"));
            ok("chroot", dir.toString(), "/bin/busybox", "--install", "-s", "/bin");
            Files.createDirectories(dir.resolve("dev"));
            ok("mknod", "-m", "666", dir.resolve("dev/null").toString(), "c", "1", "3");
            return this;
        }

        public Path dir() {
            return dir;
        }

        public Path dbPath() {
            return dir.resolve(DB_PATH.substring(1));
        }

        public RpmGeneration generation() {
            return generation;
        }

        public Result rpm(String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("rpm", "--root", generation.path(dir), "--dbpath",
                    DB_PATH));
            command.addAll(List.of(arguments));
            return run(generation.command(command));
        }

        public String rpmOk(String... arguments) throws IOException, InterruptedException {
            Result result = rpm(arguments);
            assertEquals(0, result.exitCode(), () -> generation + ": rpm " + String.join(" ", arguments)
                    + " failed:\n" + result.output());
            return result.output();
        }
    }
}

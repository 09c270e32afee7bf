package io.rpmkit.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Starts a class of the test class path in a JVM of its own, the JVM running the tests. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The test class path as surefire gives it: {@code java.class.path} holds every entry when the
     * tests run in a forked JVM without a manifest-only jar, else {@code surefire.test.class.path} does.
     */
    public static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        if (!classPath.contains("test-classes")) {
            throw new IllegalStateException("the class path lacks target/test-classes: " + classPath);
        }
        return classPath;
    }

    public static Process start(Class<?> main, List<String> jvmOptions, Path log, String... args) throws IOException {
        return start(List.of(), main, jvmOptions, log, args);
    }

    /** How a child JVM ended: its exit value and everything it printed. */
    public record Finished(int exitValue, String output) {
    }

    /** Runs the class as {@link #start} does and waits for it; one that overruns {@code timeout} fails the test. */
    public static Finished run(Class<?> main, List<String> jvmOptions, Path log, Duration timeout, String... args)
            throws IOException, InterruptedException {
        return finish(start(List.of(), main, jvmOptions, log, args), log, timeout);
    }

    /**
     * Runs the class as {@link #run} does, in a JVM that reads only what file permissions let it: as
     * root, without the capabilities that let root read and search everything (so that a file of mode
     * 000 is closed to it, as to any other user); as another user, as it is. Where no such JVM can be
     * had (root without {@code setpriv} from util-linux, or a file of mode 000 stays open to the process
     * even so), the test is skipped with a loud line that says what was not tried.
     */
    public static Finished runHeedingPermissions(Class<?> main, Path log, Duration timeout, String untried,
            String... args) throws IOException, InterruptedException {
        List<String> prefix = isRoot()
                ? List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                        "--bounding-set=-dac_override,-dac_read_search")
                : List.of();
        if (!prefix.isEmpty() && !RealRpm.findOnPath("setpriv") || !closedToIt(prefix)) {
            String why = "SKIPPED: no JVM that file permissions bind (running as root without 'setpriv' from"
                    + " util-linux, or a file of mode 000 stays open to it): " + untried + " was not tried";
            System.err.println("!!! " + why);
            Assumptions.abort(why);
        }
        return finish(start(prefix, main, List.of(), log, args), log, timeout);
    }

    private static Finished finish(Process child, Path log, Duration timeout) throws IOException,
            InterruptedException {
        try {
            assertTrue(child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "the child JVM did not finish in "
                    + timeout + "; its output:\n" + Files.readString(log));
        } finally {
            child.destroyForcibly();
        }
        return new Finished(child.exitValue(), Files.readString(log));
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** Whether a process started with {@code prefix} is refused a file of mode 000. */
    private static boolean closedToIt(List<String> prefix) throws IOException, InterruptedException {
        Path canary = Files.createTempFile("closed", ".txt");
        try {
            Files.setPosixFilePermissions(canary, PosixFilePermissions.fromString("---------"));
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of("cat", canary.toString()));
            Process cat = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return cat.waitFor() != 0;
        } finally {
            Files.delete(canary);
        }
    }

    private static Process start(List<String> prefix, Class<?> main, List<String> jvmOptions, Path log,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}

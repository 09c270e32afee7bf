package io.rpmkit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * Starts the class as {@link #start} does, in a JVM that reads only what file permissions let it:
     * as root, without the capabilities that let root read and search everything (so that a file of
     * mode 000 is closed to it, as to any other user); as another user, as it is. Empty when no such
     * JVM can be had here: root without {@code setpriv} (util-linux), or where a file of mode 000 stays
     * open to the process even so.
     */
    public static Optional<Process> startHeedingPermissions(Class<?> main, Path log, String... args)
            throws IOException, InterruptedException {
        List<String> prefix = isRoot()
                ? List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                        "--bounding-set=-dac_override,-dac_read_search")
                : List.of();
        if (!prefix.isEmpty() && !RealRpm.findOnPath("setpriv") || !closedToIt(prefix)) {
            return Optional.empty();
        }
        return Optional.of(start(prefix, main, List.of(), log, args));
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

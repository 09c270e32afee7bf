package io.rpmkit.testing;

import java.io.IOException;
import java.nio.file.Path;
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
     * mode 000 is closed to it, as to any other user); as another user, as it is. Empty when the
     * tests run as root and {@code setpriv} (util-linux) is not installed.
     */
    public static Optional<Process> startHeedingPermissions(Class<?> main, Path log, String... args)
            throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of(start(main, List.of(), log, args));
        }
        if (!RealRpm.findOnPath("setpriv")) {
            return Optional.empty();
        }
        return Optional.of(start(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search"), main, List.of(),
                log, args));
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

package io.rpmkit.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test class path in a JVM of its own, the JVM running the tests. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The test class path as surefire gives it: {@code java.class.path} holds every entry when the
     * tests run in a forked JVM without a manifest-only jar, else {@code surefire.test.class.path} does.
     */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        if (!classPath.contains("test-classes")) {
            throw new IllegalStateException("the class path lacks target/test-classes: " + classPath);
        }
        return classPath;
    }

    static Process start(Class<?> main, List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}

package io.rpmkit.write;

import java.nio.file.Path;

/**
 * Removes a temporary file when the JVM shuts down while it exists: SIGTERM, Ctrl-C (SIGINT) and
 * {@code System.exit} run shutdown hooks but no finally block. Registered for as long as the file
 * lives and removed with it, so that a long-lived JVM (a Maven daemon) does not collect hooks.
 * SIGKILL runs nothing; its leftovers are dot-files that {@code mvn clean} removes.
 */
final class ExitCleanup implements AutoCloseable {
    private final Thread hook;

    private ExitCleanup(Thread hook) {
        this.hook = hook;
    }

    static ExitCleanup register(Path file) {
        Thread hook = new Thread(() -> PackageFile.deleteQuietly(file), "rpmkit-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the caller's own failure handling removes the file.
        }
        return new ExitCleanup(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook runs or ran, and deleting a missing file is harmless.
        }
    }
}

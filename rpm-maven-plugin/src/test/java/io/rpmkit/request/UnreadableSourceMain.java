package io.rpmkit.request;

import java.nio.file.Path;

/**
 * Builds {@link BadRequestTest}'s baseline package plus an entry whose source is
 * {@code src/secret.txt} (which the caller made unreadable) in a JVM of its own:
 * {@code UnreadableSourceMain BASE}. Exits 0 when the package is written; 2 after printing the
 * failure's stage and message.
 */
public final class UnreadableSourceMain {
    private UnreadableSourceMain() {
    }

    public static void main(String[] args) throws Exception {
        RequestHarness h = new RequestHarness(Path.of(args[0]));
        BadRequestTest.baseline(h);
        h.entry("path=/opt/demo/secret.txt", "source=src/secret.txt");
        try {
            h.execute();
        } catch (RequestHarness.Failure e) {
            System.out.println("stage: " + e.stage);
            System.out.println("message: " + e.getMessage());
            System.exit(2);
        }
    }
}

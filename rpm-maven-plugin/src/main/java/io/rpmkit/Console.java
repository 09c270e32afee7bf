package io.rpmkit;

/** Where the library reports progress; the caller adapts it to its own log (Maven's, a test's). */
public interface Console {
    void info(String message);

    void warn(String message);

    /** Reports nothing, for callers that have no log. */
    Console SILENT = new Console() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}

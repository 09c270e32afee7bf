package io.rpmkit.read;

/**
 * One digest or size of a package recomputed and compared with what the package states.
 *
 * @param name what was checked, e.g. {@code header SHA-256} or {@code file /etc/app.conf}
 * @param expected the stated value (hex for digests)
 * @param actual the recomputed value, or why there is none
 */
public record DigestCheck(String name, String expected, String actual, boolean ok) {
    static DigestCheck compare(String name, String expected, String actual) {
        return new DigestCheck(name, expected, actual, expected.equalsIgnoreCase(actual));
    }

    @Override
    public String toString() {
        return ok ? "OK    " + name + ": " + actual
                : "FAIL  " + name + ": expected " + expected + ", actual " + actual;
    }
}

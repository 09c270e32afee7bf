package io.rpmkit.sign;

import static io.rpmkit.testing.RealRpm.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rpmkit.testing.RealRpm;

/**
 * The real gpg in a throwaway home directory, to make keys the way users make them. Skips the
 * calling test, loudly, where gpg is not installed. Close it to stop the agent gpg starts.
 */
final class Gnupg implements AutoCloseable {
    private final Path home;

    private Gnupg(Path home) {
        this.home = home;
    }

    static Gnupg in(Path dir) throws Exception {
        RealRpm.requireTool("gpg");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return new Gnupg(home);
    }

    /** {@code gpg --quick-gen-key}; returns the primary key's fingerprint. */
    String generate(String userId, String algorithm, String usage, String passphrase) throws Exception {
        gpg(passphrase, "--quick-gen-key", userId, algorithm, usage, "never");
        return fingerprint(userId);
    }

    /** {@code gpg --quick-add-key}: adds a subkey to the key. */
    void addSubkey(String fingerprint, String algorithm, String usage, String passphrase) throws Exception {
        gpg(passphrase, "--quick-add-key", fingerprint, algorithm, usage, "never");
    }

    /** The key IDs of a key's subkeys with the given capability letter, from gpg's colon listing. */
    List<String> subkeyIds(String fingerprint, char capability) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : gpg(null, "--with-colons", "--list-secret-keys", fingerprint).split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("ssb") && fields[11].indexOf(capability) >= 0) {
                ids.add(fields[4]);
            }
        }
        return ids;
    }

    Path exportSecret(String fingerprint, String passphrase, boolean armor, Path file) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--output", file.toString(), "--export-secret-keys"));
        if (armor) {
            arguments.add(0, "--armor");
        }
        arguments.add(fingerprint);
        gpg(passphrase, arguments.toArray(String[]::new));
        return file;
    }

    Path exportPublic(String fingerprint, Path file) throws Exception {
        gpg(null, "--armor", "--output", file.toString(), "--export", fingerprint);
        return file;
    }

    /** {@code gpg --verify}: the result, whatever it is. */
    RealRpm.Result verify(Path signature, Path data) throws Exception {
        return RealRpm.run("gpg", "--homedir", home.toString(), "--batch", "--verify", signature.toString(),
                data.toString());
    }

    private String fingerprint(String userId) throws Exception {
        for (String line : gpg(null, "--with-colons", "--list-secret-keys", userId).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new AssertionError("gpg lists no key for " + userId);
    }

    private String gpg(String passphrase, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase", passphrase == null ? "" : passphrase));
        command.addAll(List.of(arguments));
        return ok(command.toArray(String[]::new));
    }

    @Override
    public void close() throws Exception {
        RealRpm.run("gpgconf", "--homedir", home.toString(), "--kill", "all");
    }
}

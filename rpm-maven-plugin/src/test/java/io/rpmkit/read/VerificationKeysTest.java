package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.PackagingException;
import io.rpmkit.sign.TestKeys;

/** Key files as gpg writes them are read; everything else is refused, all files' problems at once. */
class VerificationKeysTest {
    private static PGPSecretKeyRing first;
    private static PGPSecretKeyRing second;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        first = TestKeys.ed25519(null);
        second = TestKeys.ed25519(null);
    }

    static Stream<Arguments> forms() {
        return Stream.of(Arguments.of("armored public"), Arguments.of("binary keyring of two"),
                Arguments.of("armored secret"), Arguments.of("rpm's test key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void readsTheFormsGpgWrites(String form) throws Exception {
        Path file = dir.resolve("key");
        int expected = 1;
        switch (form) {
            case "armored public" -> TestKeys.writePublic(first, file);
            case "binary keyring of two" -> {
                Files.write(file, concat(first.toCertificate().getEncoded(), second.toCertificate().getEncoded()));
                expected = 2;
            }
            case "armored secret" -> TestKeys.writeArmored(first, file);
            default -> file = SignatureVerifierRealRpmTest.keyFile("rpm.org-rsa-2048-test.pub");
        }
        assertEquals(expected, VerificationKeys.load("keys", List.of(file)).certificates().size());
    }

    @Test
    void reportsEveryBadFileAtOnce() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\ngarbage\n");
        Path good = TestKeys.writePublic(first, dir.resolve("good.asc"));
        PackagingException e = assertThrows(PackagingException.class, () -> VerificationKeys.load("keys",
                List.of(dir.resolve("absent.asc"), good, text, dir)));
        assertTrue(e.getMessage().startsWith("keys: key file " + dir.resolve("absent.asc") + " does not exist; "),
                e.getMessage());
        assertTrue(e.getMessage().contains("; key file " + text + " holds no OpenPGP public key; expected what gpg"
                + " --export writes"), e.getMessage());
        assertTrue(e.getMessage().contains("; key file " + dir + " is a directory; give the key files themselves"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("good.asc"), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

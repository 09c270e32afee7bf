package io.rpmkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.hostile.SecretScan;
import io.rpmkit.sign.TestKeys;

/** A signing passphrase appears nowhere: not in the log, the package, or any exception text. */
class SigningSecretsTest {
    private static final String PASSPHRASE = "correct-horse-battery-staple-42";
    private static final String WRONG = "wrong-but-plausible-passphrase-7";
    private static PGPSecretKeyRing key;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKey() throws Exception {
        key = TestKeys.rsa(2048, PASSPHRASE.toCharArray());
    }

    private MojoHarness<PackageMojo> signingBuild(String passphrase) throws Exception {
        MojoHarness<PackageMojo> h = MojoHarness.packageGoal(dir.resolve("project"));
        h.file("src/app.txt", "hello\n");
        h.entry("path=/usr/share/demo/app.txt", "source=src/app.txt");
        h.set("summary", "Demo").set("license", "MIT");
        Path keyFile = TestKeys.writeArmored(key, h.path("signing-key.asc"));
        h.set("signKeyFile", keyFile.toString());
        Server server = new Server();
        server.setId(SigningParameters.DEFAULT_SERVER_ID);
        server.setPassphrase(passphrase);
        h.settings.addServer(server);
        return h;
    }

    @Test
    void signedBuildShowsThePassphraseNowhere() throws Exception {
        MojoHarness<PackageMojo> h = signingBuild(PASSPHRASE);
        h.execute();
        Path rpm;
        try (var files = Files.list(h.outputDirectory())) {
            rpm = files.filter(f -> f.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        assertTrue(h.log.text().contains("signed RSA/SHA256"), h.log.text());
        assertEquals(List.of(), SecretScan.inText(PASSPHRASE, "build log", h.log.text()));
        assertEquals(List.of(), SecretScan.inPackage(PASSPHRASE, rpm));
    }

    @Test
    void wrongPassphraseFailsWithoutShowingEitherPassphrase() throws Exception {
        MojoHarness<PackageMojo> h = signingBuild(WRONG);
        MojoFailureException e = assertThrows(MojoFailureException.class, h::execute);
        assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
        for (String secret : List.of(WRONG, PASSPHRASE)) {
            assertEquals(List.of(), SecretScan.inThrowable(secret, e));
            assertEquals(List.of(), SecretScan.inText(secret, "build log", h.log.text()));
        }
        assertTrue(!Files.exists(h.outputDirectory()) || Files.list(h.outputDirectory()).noneMatch(
                f -> f.toString().endsWith(".rpm")), "no package is written");
    }
}

package io.rpmkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoFailureException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.Console;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.PackageSigning;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.sign.TestKeys;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/** The verify goal passes a package signed with a given key and fails, naming why, on everything else. */
class VerifyMojoTest {
    private static final Instant SIGNED = Instant.parse("2026-11-24T10:00:00Z");
    private static PGPSecretKeyRing release;
    private static PGPSecretKeyRing stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        release = TestKeys.ed25519(null);
        stranger = TestKeys.ed25519(null);
    }

    private Path unsigned(String name) throws Exception {
        Path rpm = dir.resolve(name);
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve("src-"
                + name))).build(), rpm);
        return rpm;
    }

    private Path signed(String name, PGPSecretKeyRing ring) throws Exception {
        Path rpm = unsigned(name);
        Path key = TestKeys.writeArmored(ring, dir.resolve(name + ".secret.asc"));
        PackageSigning.signInPlace(rpm, new PackageSigner(SigningKey.load(key, null, null), HashChoice.SHA256,
                SIGNED), false);
        return rpm;
    }

    private MojoHarness<VerifyMojo> goal(Path rpm, Path... keys) throws Exception {
        List<File> files = new ArrayList<>();
        for (Path key : keys) {
            files.add(key.toFile());
        }
        return MojoHarness.verifyGoal(dir).set("file", rpm == null ? null : rpm.toFile()).set("keys", files);
    }

    private Path publicKey(PGPSecretKeyRing ring, String name) throws Exception {
        return TestKeys.writePublic(ring, dir.resolve(name));
    }

    @Test
    void passesASignedPackageAndLogsItsSignature() throws Exception {
        Path rpm = signed("good.rpm", release);
        MojoHarness<VerifyMojo> h = goal(rpm, publicKey(stranger, "other.asc"), publicKey(release, "release.asc"));
        h.execute();
        String log = h.log.text();
        assertTrue(log.contains("Verified " + rpm + " (sample-1.2.3-4.noarch)")
                && log.contains("Header V4 EdDSA/SHA256 signature"
                + " (DSAHEADER)") && log.contains(": OK; ") && log.contains("digests OK"), log);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("unsigned", "the package is not signed"),
                Arguments.of("signed by another key", "(DSAHEADER), key ID "),
                Arguments.of("header changed", "(DSAHEADER), key ID "),
                Arguments.of("garbage signature",
                        "Header signature (DSAHEADER): BAD (not an OpenPGP signature packet)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsNamingFileSignatureAndReason(String kind, String expected) throws Exception {
        Path rpm = switch (kind) {
            case "unsigned" -> unsigned("p.rpm");
            case "signed by another key" -> signed("p.rpm", stranger);
            default -> signed("p.rpm", release);
        };
        if (kind.equals("header changed") || kind.equals("garbage signature")) {
            byte[] bytes = Files.readAllBytes(rpm);
            RpmPackage pkg = RpmReader.read(rpm);
            if (kind.equals("header changed")) {
                bytes[indexOf(bytes, pkg.summary().orElseThrow().getBytes(StandardCharsets.UTF_8))] ^= 0x01;
            } else {
                bytes[indexOf(bytes, pkg.signature().bytes(SignatureTag.DSAHEADER))] = (byte) 0x99; // a key's tag
            }
            Files.write(rpm, bytes);
        }
        MojoHarness<VerifyMojo> h = goal(rpm, publicKey(release, "release.asc"));
        MojoFailureException e = assertThrows(MojoFailureException.class, h::execute);
        assertTrue(e.getMessage().startsWith("verify: 1 of 1 packages failed verification:\n" + rpm + ":\n  "),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        String status = switch (kind) {
            case "signed by another key" -> ": NOKEY (none of the given keys has this key ID)";
            case "header changed" -> ": BAD (the header does not match it";
            default -> "";
        };
        assertTrue(e.getMessage().contains(status), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("no keys", List.of(), "verify: keys is empty; name the public keys the packages must be"
                        + " signed with, <keys><key>release-key.asc</key></keys> or -Drpm.keys=release-key.asc (export"
                        + " one with gpg --export --armor KEYID > release-key.asc)"),
                Arguments.of("missing and not a key, both reported", List.of("missing.asc", "notakey.txt"),
                        "verify: keys: key file DIR/missing.asc does not exist; export a public key with: gpg --export"
                                + " --armor KEYID > KEYID.asc; key file DIR/notakey.txt holds no OpenPGP public key;"
                                + " expected what gpg --export writes, ASCII-armored (-----BEGIN PGP PUBLIC KEY"
                                + " BLOCK-----) or binary; export a public key with: gpg --export --armor KEYID >"
                                + " KEYID.asc"),
                Arguments.of("a directory", List.of("."), "verify: keys: key file DIR/. is a directory; give the"
                        + " key files themselves, export a public key with: gpg --export --armor KEYID > KEYID.asc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsEveryMistakeInKeys(String kind, List<String> keys, String expected) throws Exception {
        Files.writeString(dir.resolve("notakey.txt"), "hello\n");
        Path rpm = signed("p.rpm", release);
        Path[] paths = keys.stream().map(dir::resolve).toArray(Path[]::new);
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> goal(rpm, paths).execute());
        assertEquals(expected.replace("DIR", dir.toString()), e.getMessage());
    }

    @Test
    void outsideAProjectWithoutAFileSaysWhatToWrite() throws Exception {
        MojoHarness<VerifyMojo> h = goal(null, publicKey(release, "release.asc"));
        MojoFailureException e = assertThrows(MojoFailureException.class, h::execute);
        assertEquals("verify: rpm.file is not set; name the package, e.g. mvn io.rpmkit:rpm-maven-plugin:VERSION:verify"
                + " -Drpm.file=x.rpm -Drpm.keys=release-key.asc", e.getMessage());
    }

    @Test
    void inspectShowsEachSignaturesVerdictAndFailsOnOneWhenVerifying() throws Exception {
        Path rpm = signed("inspected.rpm", release);
        MojoHarness<InspectMojo> ok = MojoHarness.inspectGoal(dir).set("file", rpm.toFile())
                .set("keys", List.of(publicKey(release, "release.asc").toFile())).set("verify", true);
        ok.execute();
        String log = ok.log.text();
        assertTrue(log.contains("Signatures:\nHeader V4 EdDSA/SHA256 signature (DSAHEADER), key ID "), log);
        assertTrue(log.contains("(DSAHEADER, not verified)"), "the summary line is unverified: " + log);

        MojoHarness<InspectMojo> other = MojoHarness.inspectGoal(dir).set("file", rpm.toFile())
                .set("keys", List.of(publicKey(stranger, "stranger.asc").toFile())).set("verify", true);
        MojoFailureException e = assertThrows(MojoFailureException.class, other::execute);
        assertTrue(e.getMessage().startsWith(rpm + ": signatures do not verify:\nHeader V4 EdDSA/SHA256 signature"
                + " (DSAHEADER), key ID ")
                && e.getMessage().endsWith(": NOKEY (none of the given keys has this key ID)"),
                e.getMessage());
    }

    @Test
    void signRefusesAnUnknownSignaturesModeNamingWhatIsAccepted() throws Exception {
        Path rpm = signed("mode.rpm", release);
        MojoHarness<SignMojo> h = MojoHarness.signGoal(dir).set("file", rpm.toFile()).set("signatures", "merge")
                .set("signKeyFile", TestKeys.writeArmored(release, dir.resolve("release.secret.asc")).toFile());
        MojoFailureException e = assertThrows(MojoFailureException.class, h::execute);
        assertEquals("signing: rpm.sign.signatures 'merge' is unknown: use replace or add", e.getMessage());
    }
}

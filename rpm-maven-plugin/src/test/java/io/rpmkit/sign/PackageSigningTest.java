package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Lead;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/** Signing a package in place, judged by our reader; the real rpm judges in PackageSigningRealRpmTest. */
class PackageSigningTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-24T10:00:00Z");

    private static PGPSecretKeyRing rsaRing;
    private static PGPSecretKeyRing edRing;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        rsaRing = TestKeys.rsa(2048, null);
        edRing = TestKeys.ed25519(null);
    }

    private PackageSigner signer(PGPSecretKeyRing ring) throws Exception {
        Path file = TestKeys.writeArmored(ring, Files.createTempFile(dir, "key", ".asc"));
        return new PackageSigner(SigningKey.load(file, null, null), HashChoice.SHA256, BUILD_TIME);
    }

    @Test
    void keepsLeadHeaderAndPayloadByteForByte() throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        RpmPackage before = RpmReader.read(rpm);
        byte[] original = Files.readAllBytes(rpm);

        PackageSigning.Signed signed = PackageSigning.signInPlace(rpm, signer(rsaRing), false);

        assertEquals(List.of(SignatureTag.RSAHEADER), signed.tags());
        assertEquals("sample-1.2.3-4.noarch", signed.nevra());
        assertFalse(signed.replacedSignature());
        RpmPackage after = RpmReader.read(rpm);
        byte[] now = Files.readAllBytes(rpm);
        assertArrayEquals(Arrays.copyOf(original, Lead.SIZE), Arrays.copyOf(now, Lead.SIZE));
        assertArrayEquals(before.headerBytes(), after.headerBytes());
        assertArrayEquals(Arrays.copyOfRange(original, (int) before.payloadOffset(), original.length),
                Arrays.copyOfRange(now, (int) after.payloadOffset(), now.length));
        assertTrue(after.verifyDigests().allOk(), after.verifyDigests().toString());
        assertArrayEquals(before.bytes(SignatureTag.MD5), after.bytes(SignatureTag.MD5));
        assertTrue(after.contains(SignatureTag.RSAHEADER));
        assertFalse(after.contains(SignatureTag.PGP));
        assertEquals(List.of(rpm.getFileName().toString()), listing());
    }

    @Test
    void addsTheLegacySignatureWhenAsked() throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        assertEquals(List.of(SignatureTag.DSAHEADER, SignatureTag.GPG),
                PackageSigning.signInPlace(rpm, signer(edRing), true).tags());
        RpmPackage after = RpmReader.read(rpm);
        assertTrue(after.contains(SignatureTag.DSAHEADER) && after.contains(SignatureTag.GPG));
        assertTrue(after.verifyDigests().allOk(), after.verifyDigests().toString());
    }

    @Test
    void signingTwiceAtTheSameTimeGivesIdenticalFiles() throws Exception {
        Path first = SampleRpm.build(dir, "first.rpm");
        Path second = Files.copy(first, dir.resolve("second.rpm"));
        PackageSigning.signInPlace(first, signer(rsaRing), true);
        PackageSigning.signInPlace(second, signer(rsaRing), true);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));

        PackageSigning.Signed again = PackageSigning.signInPlace(second, signer(rsaRing), true);
        assertTrue(again.replacedSignature());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "re-signing changes nothing");
    }

    @Test
    void replacesAnEarlierSignature() throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        PackageSigning.signInPlace(rpm, signer(rsaRing), true);
        PackageSigning.Signed signed = PackageSigning.signInPlace(rpm, signer(edRing), false);
        assertTrue(signed.replacedSignature());
        RpmPackage after = RpmReader.read(rpm);
        assertTrue(after.contains(SignatureTag.DSAHEADER));
        assertFalse(after.contains(SignatureTag.RSAHEADER) || after.contains(SignatureTag.PGP));
    }

    @Test
    void refusesADamagedPayloadAndLeavesTheFileAsItWas() throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        byte[] damaged = Files.readAllBytes(rpm);
        damaged[damaged.length - 100] ^= 0x01;
        Files.write(rpm, damaged);
        PackagingException e = assertThrows(PackagingException.class,
                () -> PackageSigning.signInPlace(rpm, signer(rsaRing), false));
        assertEquals("signing " + rpm.toRealPath() + ": the payload does not match the PAYLOADDIGEST its header"
                + " states; the file is damaged (an incomplete download or copy?) and is not signed: rebuild or"
                + " fetch it again", e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(rpm));
        assertEquals(List.of("sample.rpm"), listing());
    }

    @Test
    void refusesADamagedHeader() throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        RpmPackage pkg = RpmReader.read(rpm);
        byte[] damaged = Files.readAllBytes(rpm);
        // Inside the SUMMARY text: the header still parses, its digest no longer matches.
        int summary = indexOf(damaged, "Greets the world".getBytes(), (int) pkg.headerOffset());
        damaged[summary] = 'g';
        Files.write(rpm, damaged);
        PackagingException e = assertThrows(PackagingException.class,
                () -> PackageSigning.signInPlace(rpm, signer(rsaRing), false));
        assertTrue(e.getMessage().contains(": the main header does not match its stated digest; the file is"
                + " damaged"), e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(rpm));
    }

    @Test
    void refusesWhatIsNotAPackage() throws Exception {
        Path notRpm = Files.writeString(dir.resolve("notes.rpm"), "not a package, just text long enough to have"
                + " ninety-six bytes for a lead, and then some more text to be sure of it.\n");
        byte[] before = Files.readAllBytes(notRpm);
        PackagingException e = assertThrows(PackagingException.class,
                () -> PackageSigning.signInPlace(notRpm, signer(rsaRing), false));
        assertTrue(e.getMessage().contains("this is not an rpm package"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(notRpm));
        assertEquals(List.of("notes.rpm"), listing());

        PackagingException missing = assertThrows(PackagingException.class,
                () -> PackageSigning.signInPlace(dir.resolve("missing.rpm"), signer(rsaRing), false));
        assertTrue(missing.getMessage().startsWith("signing " + dir.resolve("missing.rpm") + ": the file does not"
                + " exist"), missing.getMessage());
    }

    @Test
    void keepsTheFilesPermissionsAndSignsThroughASymlink() throws Exception {
        Path rpm = SampleRpm.build(dir, "sample.rpm");
        Files.setPosixFilePermissions(rpm, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.rpm"), rpm.getFileName());
        PackageSigning.Signed signed = PackageSigning.signInPlace(link, signer(rsaRing), false);
        assertEquals(rpm.toRealPath(), signed.file());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(RpmReader.read(rpm).contains(SignatureTag.RSAHEADER));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(rpm)));
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("key")
                    && !n.startsWith("sources-")).sorted().toList();
        }
    }

    private static int indexOf(byte[] data, byte[] wanted, int from) {
        for (int i = from; i <= data.length - wanted.length; i++) {
            if (Arrays.equals(data, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}

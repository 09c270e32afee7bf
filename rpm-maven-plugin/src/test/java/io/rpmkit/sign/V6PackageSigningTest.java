package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Lead;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.read.HeaderEntry;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/**
 * The sign goal on v6 packages, judged by our reader; rpm judges in V6SigningRealRpmTest. The
 * layout is rpm 6.1's {@code rpmsign --addsign --rpmv4} on a v6 package, as measured there.
 */
class V6PackageSigningTest {
    private static final Instant SIGNED = Instant.parse("2026-11-24T10:00:00Z");

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
        return new PackageSigner(SigningKey.load(file, null, null), HashChoice.SHA256, SIGNED);
    }

    private PackageSigning.Signed sign(Path rpm, PGPSecretKeyRing ring, SignatureMode mode) throws Exception {
        return PackageSigning.signInPlace(rpm, signer(ring), false, mode);
    }

    /** Replacing on an unsigned package and adding to one signs alike: the first goes in both tags. */
    @ParameterizedTest
    @EnumSource(SignatureMode.class)
    void keepsLeadHeaderPayloadAndSizeAndSignsInOpenPgpAndRsaHeader(SignatureMode mode) throws Exception {
        Path rpm = SampleRpm.buildV6(dir, "v6.rpm");
        RpmPackage before = RpmReader.read(rpm);
        byte[] original = Files.readAllBytes(rpm);

        PackageSigning.Signed signed = sign(rpm, rsaRing, mode);

        assertEquals(List.of(SignatureTag.OPENPGP, SignatureTag.RSAHEADER), signed.tags());
        assertEquals(1, signed.headerSignatures());
        assertFalse(signed.replacedSignature());
        RpmPackage after = RpmReader.read(rpm);
        byte[] now = Files.readAllBytes(rpm);
        assertArrayEquals(Arrays.copyOf(original, Lead.SIZE), Arrays.copyOf(now, Lead.SIZE), "the v6 lead kept");
        assertEquals(original.length, now.length, "RESERVED made room: the file keeps its size");
        assertEquals(before.signature().size(), after.signature().size());
        assertArrayEquals(before.headerBytes(), after.headerBytes());
        assertArrayEquals(Arrays.copyOfRange(original, (int) before.payloadOffset(), original.length),
                Arrays.copyOfRange(now, (int) after.payloadOffset(), now.length));
        assertEquals(List.of(62, 268, 273, 278, 279, 999), tags(after), "rpmsign --rpmv4's tags");
        assertArrayEquals(after.signature().bytes(SignatureTag.RSAHEADER),
                Base64.getDecoder().decode(after.signature().strings(SignatureTag.OPENPGP).get(0)));
        assertTrue(after.verifyDigests().allOk(), after.verifyDigests().toString());
        assertEquals(List.of("v6.rpm"), listing());
    }

    @Test
    void addsASecondSignatureToOpenPgpOnly() throws Exception {
        Path rpm = SampleRpm.buildV6(dir, "v6.rpm");
        long size = Files.size(rpm);
        sign(rpm, rsaRing, SignatureMode.REPLACE);
        PackageSigning.Signed added = sign(rpm, edRing, SignatureMode.ADD);
        assertEquals(List.of(SignatureTag.OPENPGP), added.tags(), "one v4 header signature only, the first");
        assertEquals(2, added.headerSignatures());
        RpmPackage pkg = RpmReader.read(rpm);
        assertEquals(2, pkg.signature().strings(SignatureTag.OPENPGP).size());
        assertEquals(List.of(62, 268, 273, 278, 279, 999), tags(pkg), "as rpmsign --addsign --rpmv4 twice");
        assertEquals(size, Files.size(rpm));
        assertTrue(pkg.verifyDigests().allOk(), pkg.verifyDigests().toString());

        byte[] before = Files.readAllBytes(rpm);
        assertEquals(List.of(), sign(rpm, edRing, SignatureMode.ADD).tags(), "an identical one is not added");
        assertArrayEquals(before, Files.readAllBytes(rpm));

        PackageSigning.Signed replaced = sign(rpm, edRing, SignatureMode.REPLACE);
        assertTrue(replaced.replacedSignature());
        assertEquals(List.of(SignatureTag.OPENPGP, SignatureTag.DSAHEADER), replaced.tags());
        RpmPackage alone = RpmReader.read(rpm);
        assertEquals(1, alone.signature().strings(SignatureTag.OPENPGP).size());
        assertEquals(List.of(62, 267, 273, 278, 279, 999), tags(alone), "EdDSA's v4 tag is DSAHEADER");
        assertEquals(size, Files.size(rpm));
    }

    @ParameterizedTest
    @EnumSource(SignatureMode.class)
    void refusesTheLegacySignatureAndLeavesTheFileAsItWas(SignatureMode mode) throws Exception {
        Path rpm = SampleRpm.buildV6(dir, "v6.rpm");
        byte[] original = Files.readAllBytes(rpm);
        PackagingException e = assertThrows(PackagingException.class,
                () -> PackageSigning.signInPlace(rpm, signer(rsaRing), true, mode));
        assertEquals("signing " + rpm.toRealPath() + ": rpm.sign.legacy 'true' cannot be met by a v6 package"
                + " (RPMFORMAT 6): its signature header has no room for a signature over header and payload, which"
                + " only rpm before 4.14 needs; sign it without rpm.sign.legacy, or build the package with"
                + " rpmFormat 4", e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(rpm));
        assertEquals(List.of("v6.rpm"), listing());
    }

    /** A byte of the header, of the payload, or of either header digest: refused, not signed. */
    @ParameterizedTest
    @EnumSource(DamagedPart.class)
    void refusesADamagedPackage(DamagedPart part) throws Exception {
        Path rpm = SampleRpm.buildV6(dir, "v6.rpm");
        RpmPackage pkg = RpmReader.read(rpm);
        byte[] bytes = Files.readAllBytes(rpm);
        bytes[part.offset(pkg)] ^= 0x01;
        Files.write(rpm, bytes);
        PackagingException e = assertThrows(PackagingException.class, () -> sign(rpm, rsaRing,
                SignatureMode.REPLACE));
        assertEquals("signing " + rpm.toRealPath() + ": " + part.message + "; the file is damaged (an incomplete"
                + " download or copy?) and is not signed: rebuild or fetch it again", e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(rpm));
    }

    enum DamagedPart {
        HEADER("the main header does not match its stated digest"),
        SHA3_256HEADER("the main header does not match its stated SHA3-256 digest"),
        PAYLOAD("the payload does not match the PAYLOADDIGEST its header states");

        final String message;

        DamagedPart(String message) {
            this.message = message;
        }

        int offset(RpmPackage pkg) {
            return switch (this) {
                // A letter of the summary: the header still parses.
                case HEADER -> (int) pkg.headerOffset() + indexOf(pkg.headerBytes(), pkg.summary().orElseThrow());
                case SHA3_256HEADER -> Lead.SIZE + indexOf(pkg.signature().bytes(),
                        pkg.signature().string(SignatureTag.SHA3_256HEADER).orElseThrow()) + 3;
                case PAYLOAD -> (int) pkg.payloadOffset() + 40;
            };
        }

        /** Where {@code text} sits in {@code data}; a hex digit of a digest, flipped, is still one. */
        private static int indexOf(byte[] data, String text) {
            byte[] wanted = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i <= data.length - wanted.length; i++) {
                if (Arrays.equals(data, i, i + wanted.length, wanted, 0, wanted.length)) {
                    return i;
                }
            }
            throw new AssertionError("not found");
        }
    }

    private static List<Integer> tags(RpmPackage pkg) {
        return pkg.signature().entries().stream().map(HeaderEntry::tag).sorted().toList();
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("key")
                    && !n.startsWith("sources-")).sorted().toList();
        }
    }
}

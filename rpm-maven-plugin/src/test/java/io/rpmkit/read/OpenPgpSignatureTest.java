package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Algorithm and key ID of header signatures, as rpm -qi shows them. */
class OpenPgpSignatureTest {
    private static final Path GPG = Path.of("/usr/bin/gpg");
    private static final Path RPMSIGN = Path.of("/usr/bin/rpmsign");

    @TempDir
    Path dir;

    @Test
    void namesAlgorithmsAndIssuerOfAVersion4Packet() {
        byte[] keyId = HexFormat.of().parseHex("0123456789abcdef");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {4, 0, 1, 8}); // version 4, binary document, RSA, SHA-256
        body.writeBytes(new byte[] {0, 6, 5, 2, 0, 0, 0, 0}); // hashed: creation time subpacket
        body.writeBytes(new byte[] {0, 10, 9, 16}); // unhashed: issuer subpacket
        body.writeBytes(keyId);
        body.writeBytes(new byte[] {0x12, 0x34, 0, 1, 0}); // hash prefix and a stub MPI
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x89); // old format, tag 2, two-byte length
        packet.write(0);
        packet.write(body.size());
        packet.writeBytes(body.toByteArray());
        assertEquals(Optional.of("RSA/SHA256, key ID 0123456789abcdef"),
                OpenPgpSignature.describe(packet.toByteArray()));
    }

    @Test
    void givesUpQuietlyOnGarbage() {
        assertEquals(Optional.empty(), OpenPgpSignature.describe(new byte[] {(byte) 0x89, 0, 50, 4}));
        assertEquals(Optional.empty(), OpenPgpSignature.describe(new byte[0]));
        assertEquals(Optional.empty(), OpenPgpSignature.describe(new byte[] {0x01, 0x02}));
    }

    @Test
    void agreesWithRpmOnAPackageRpmsignSigned() throws Exception {
        boolean tools = Files.isExecutable(GPG) && Files.isExecutable(RPMSIGN);
        if (!tools) {
            System.err.println("*** SKIPPED: gpg or rpmsign is not installed; the signature summary was NOT "
                    + "compared with rpm's");
        }
        assumeTrue(tools, "gpg or rpmsign is not installed");
        Path signed = Files.copy(RpmbuildFixtures.build("w6.gzdio"), dir.resolve("signed.rpm"));
        Path home = Files.createDirectory(dir.resolve("gnupg"));
        String gnupg = "GNUPGHOME=" + home;
        try {
            RpmbuildFixtures.run(List.of("env", gnupg, GPG.toString(), "--batch", "--passphrase", "",
                    "--quick-gen-key", "Test Signer <signer@example.com>", "ed25519", "sign", "never"));
            RpmbuildFixtures.run(List.of("env", gnupg, RPMSIGN.toString(), "--define", "_gpg_name Test Signer",
                    "--define", "__gpg_sign_cmd " + GPG + " --batch --no-verbose --no-armor --pinentry-mode loopback"
                            + " --passphrase '' --no-secmem-warning -u '%{_gpg_name}' -sbo %{__signature_filename}"
                            + " %{__plaintext_filename}",
                    "--addsign", signed.toString()));
        } finally {
            new ProcessBuilder("env", gnupg, "gpgconf", "--kill", "all").start().waitFor();
        }
        Matcher rpm = Pattern.compile("Signature   : (\\S+), .*, Key ID (\\w+)").matcher(
                RpmbuildFixtures.run(List.of(RpmbuildFixtures.RPM.toString(), "-qip", signed.toString())));
        assertTrue(rpm.find(), "rpm -qi shows no signature");
        String summary = PackageSummary.render(RpmReader.read(signed));
        assertTrue(summary.contains("Signature   : " + rpm.group(1) + ", key ID " + rpm.group(2)
                + " (DSAHEADER, not verified)\n"),
                summary);
    }
}

package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/** The secret scanner finds what it must, where it must, and nothing in a clean package. */
class SecretScanTest {
    private static final String SECRET = "correct horse battery staple 7f3a";

    @TempDir
    Path dir;

    @Test
    void findsASecretInsideACompressedPayload() throws Exception {
        Path rpm = build(Compression.GZIP, ("key=" + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        List<String> found = SecretScan.inPackage(SECRET, rpm);
        assertEquals(List.of("payload file etc/leak.conf (as written)"), found,
                "gzip hides it from the raw scan, the payload scan finds it");
    }

    @Test
    void findsASecretInAnUncompressedPayloadTwice() throws Exception {
        Path rpm = build(Compression.NONE, SECRET.getBytes(StandardCharsets.UTF_16LE));
        List<String> found = SecretScan.inPackage(SECRET, rpm);
        assertTrue(found.contains("package " + rpm + " (raw bytes) (UTF-16LE)"), found.toString());
        assertTrue(found.contains("payload file etc/leak.conf (UTF-16LE)"), found.toString());
    }

    @Test
    void findsASecretInTheHeader() throws Exception {
        Path rpm = dir.resolve("header.rpm");
        new RpmWriter(Console.SILENT).write(SamplePackages.everything(Files.createDirectories(dir.resolve("s")))
                .summary("Built with " + SECRET).build(), rpm);
        assertTrue(SecretScan.inPackage(SECRET, rpm).stream().anyMatch(f -> f.startsWith("main header tag 1004")),
                SecretScan.inPackage(SECRET, rpm).toString());
    }

    @Test
    void findsNothingInACleanPackage() throws Exception {
        Path rpm = build(Compression.XZ, "nothing to see\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), SecretScan.inPackage(SECRET, rpm));
    }

    @Test
    void findsASecretInACauseOrASuppressedException() {
        PackagingException outer = new PackagingException("signing failed", new IOException("bad " + SECRET));
        assertEquals(List.of("java.io.IOException message (as written)",
                "java.io.IOException localized message (as written)", "java.io.IOException toString (as written)",
                "printed stack trace (as written)"), SecretScan.inThrowable(SECRET, outer));
        PackagingException suppressing = new PackagingException("signing failed");
        suppressing.addSuppressed(new IllegalStateException(HexFormat.of().formatHex(SECRET.getBytes(
                StandardCharsets.UTF_8))));
        assertTrue(SecretScan.inThrowable(SECRET, suppressing).contains("printed stack trace (hex)"));
        assertEquals(List.of(), SecretScan.inThrowable(SECRET, new PackagingException("signing failed")));
    }

    @Test
    void findsASecretInALogAcrossEncodings() throws Exception {
        String encoded = Base64.getEncoder().encodeToString(("xyz" + SECRET).getBytes(StandardCharsets.UTF_8));
        Path log = Files.writeString(dir.resolve("build.log"), "[INFO] token " + encoded + "\n");
        assertTrue(SecretScan.inLog(SECRET, log).contains("log " + log + " (Base64)"), SecretScan.inLog(SECRET, log)
                .toString());
    }

    @Test
    void findsASecretAcrossTheBlocksOfAStream() throws Exception {
        byte[] data = new byte[(1 << 16) + 100];
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(secret, 0, data, (1 << 16) - 5, secret.length);
        assertEquals(List.of("stream (as written)"), SecretScan.inStream(SECRET, "stream",
                new java.io.ByteArrayInputStream(data)));
    }

    @Test
    void refusesAShortSecret() {
        assertThrows(IllegalArgumentException.class, () -> SecretScan.inText("abc", "x", "abc"));
    }

    private Path build(Compression compression, byte[] content) throws Exception {
        PackageSpec spec = PackageSpec.builder().name("leak").version("1").summary("s").license("MIT")
                .buildTime(SamplePackages.BUILD_TIME).compression(compression, null)
                .entry(Entry.file("/etc/leak.conf", Content.ofBytes(content, "inline"))).build();
        Path rpm = dir.resolve(compression.settingName() + ".rpm");
        new RpmWriter(Console.SILENT).write(spec, rpm);
        return rpm;
    }
}

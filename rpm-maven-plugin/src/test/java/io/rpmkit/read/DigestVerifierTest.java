package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Our digest checks against packages rpmbuild made, and against the same packages tampered with. */
class DigestVerifierTest {
    static final List<String> PAYLOADS = RpmbuildFixtures.PAYLOADS;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("PAYLOADS")
    void verifiesEveryDigestRpmbuildWrites(String payload) throws Exception {
        DigestReport report = RpmReader.read(RpmbuildFixtures.build(payload)).verifyDigests();
        assertTrue(report.allOk(), report::toString);
        List<String> names = report.checks().stream().map(DigestCheck::name).toList();
        assertTrue(names.containsAll(List.of("header SHA-256", "header SHA-1", "MD5 of header and payload",
                "size of header and payload", "uncompressed payload size", "payload digest",
                "uncompressed payload digest", "file /etc/demo/demo.conf", "file /usr/share/demo/hard1",
                "file /usr/share/demo/hard2", "file /usr/share/demo/numbers.txt")), names::toString);
    }

    @Test
    void reportsAChangedFileInAnUncompressedPayload() throws Exception {
        Path original = RpmbuildFixtures.build("w.ufdio");
        byte[] bytes = Files.readAllBytes(original);
        int at = indexOf(bytes, "key=value".getBytes(StandardCharsets.US_ASCII), (int) RpmReader.read(original)
                .payloadOffset());
        bytes[at] = 'K';
        Path tampered = Files.write(dir.resolve("tampered.rpm"), bytes);
        DigestReport report = RpmReader.read(tampered).verifyDigests();
        assertEquals(List.of("MD5 of header and payload", "payload digest", "uncompressed payload digest",
                "file /etc/demo/demo.conf"), report.failures().stream().map(DigestCheck::name).toList(),
                report::toString);
    }

    @Test
    void reportsAChangedHeader() throws Exception {
        Path original = RpmbuildFixtures.build("w6.gzdio");
        byte[] bytes = Files.readAllBytes(original);
        int at = indexOf(bytes, "A demo package".getBytes(StandardCharsets.US_ASCII), 0);
        bytes[at] = 'B';
        Path tampered = Files.write(dir.resolve("tampered.rpm"), bytes);
        RpmPackage pkg = RpmReader.read(tampered);
        assertEquals("B demo package", pkg.summary().orElseThrow());
        DigestReport report = pkg.verifyDigests();
        assertEquals(List.of("header SHA-256", "header SHA-1", "MD5 of header and payload"),
                report.failures().stream().map(DigestCheck::name).toList(), report::toString);
        DigestCheck sha256 = report.failures().get(0);
        assertFalse(sha256.expected().equals(sha256.actual()));
    }

    @Test
    void verifiesTheSyntheticPackage() throws Exception {
        Path file = Files.write(dir.resolve("synthetic.rpm"), SyntheticPackage.valid());
        DigestReport report = RpmReader.read(file).verifyDigests();
        assertTrue(report.allOk(), report::toString);
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

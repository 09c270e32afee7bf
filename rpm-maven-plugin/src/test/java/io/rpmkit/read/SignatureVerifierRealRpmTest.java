package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * Our signature verdicts equal {@code rpm -Kv}'s, signature by signature, on rpm's own signed test
 * packages: as they are, after a byte of a signature packet is flipped, and after a byte of the main
 * header is flipped, with rpm 4.18, 4.20 and 6.1. rpm and we are given the same keys: those this
 * generation's {@code rpmkeys --import} accepts (rpm 4.18 refuses alice's key and the v6 keys, rpm
 * 6.1 the ML-DSA one).
 */
class SignatureVerifierRealRpmTest {
    /** The keys a project would hold; the deliberately broken ones have rows of their own below. */
    private static final List<String> KEYS = List.of("rpm.org-rsa-2048-test.pub", "rpm.org-ed25519-test.pub",
            "alice.asc", "rpm.org-v6-ed25519-test.asc", "rpm.org-v6-rsa4k-test.asc", "rpm.org-v6-mldsa87-test.asc");
    /** rpm 4.18: "Header V4 RSA/SHA256 Signature, key ID 1964c5fc: OK", the legacy one without "Header". */
    private static final Pattern RPM4_LINE = Pattern.compile(
            "(?m)^\\s+(Header )?V(\\d) (\\S+) Signature, key ID ([0-9a-f]+): (\\w+)");
    /** rpm 6: "Header OpenPGP V4 RSA/SHA256 signature, key fingerprint: 771b...: OK", "Legacy OpenPGP ...". */
    private static final Pattern RPM6_LINE = Pattern.compile(
            "(?m)^\\s+(Header|Legacy) OpenPGP V(\\d) (\\S+) signature, key (?:fingerprint:|ID) ([0-9a-f]+): (\\w+)");

    @TempDir
    Path dir;

    static Path keyFile(String name) throws Exception {
        return RpmCorpusTest.corpus().get(0).resolveSibling("keys").resolve(name);
    }

    /** The signed packages of rpm's corpus. */
    static List<Path> signedCorpus() throws Exception {
        List<Path> signed = new ArrayList<>();
        for (Path rpm : RpmCorpusTest.corpus()) {
            if (!SignatureVerifier.packets(RpmReader.read(rpm).signature()).isEmpty()) {
                signed.add(rpm);
            }
        }
        return signed;
    }

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_4_20", "RPM_6_1"})
    void everyCorpusPackageGetsRpmsVerdicts(RpmGeneration generation) throws Exception {
        generation.require();
        KeyDatabase db = KeyDatabase.of(generation, dir, KEYS);
        int signatures = 0;
        for (Path rpm : RpmCorpusTest.corpus()) {
            signatures += assertSameVerdicts(generation, db, rpm);
        }
        // Our verdicts for signatures this generation does not check (rpm 4 ignores OPENPGP).
        assertTrue(signatures >= 12, signatures + " signatures compared");
    }

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_4_20", "RPM_6_1"})
    void aFlippedByteInASignaturePacketIsBad(RpmGeneration generation) throws Exception {
        generation.require();
        KeyDatabase db = KeyDatabase.of(generation, dir, KEYS);
        int flipped = 0;
        for (Path original : signedCorpus()) {
            RpmPackage pkg = RpmReader.read(original);
            List<SignatureVerifier.Packet> packets = SignatureVerifier.packets(pkg.signature());
            for (int i = 0; i < packets.size(); i++) {
                Path rpm = dir.resolve("sig" + i + "-" + original.getFileName());
                Files.write(rpm, flipSignatureByte(pkg, packets, i, Files.readAllBytes(original)));
                SignatureReport ours = RpmReader.read(rpm).verifySignatures(db.accepted());
                SignatureCheck check = ours.checks().get(i);
                // Only a key tells a changed signature value from a sound one (ML-DSA: no one can check it).
                if (!check.certificate().isEmpty()) {
                    assertEquals(SignatureStatus.BAD, check.status(), rpm + ":\n" + ours);
                }
                assertSameVerdicts(generation, db, rpm);
                flipped++;
            }
        }
        assertTrue(flipped >= 12, flipped + " signatures flipped");
    }

    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_4_20", "RPM_6_1"})
    void aFlippedByteInTheHeaderMakesEverySignatureBadThatHadAKey(RpmGeneration generation) throws Exception {
        generation.require();
        KeyDatabase db = KeyDatabase.of(generation, dir, KEYS);
        for (Path original : signedCorpus()) {
            RpmPackage pkg = RpmReader.read(original);
            byte[] bytes = Files.readAllBytes(original);
            // A letter of the summary: the header still parses, its digests and signatures no longer match.
            int summary = pkg.header().entry(RpmTag.SUMMARY.code()).orElseThrow().position();
            bytes[(int) pkg.headerOffset() + summary] ^= 0x01;
            Path rpm = dir.resolve("header-" + original.getFileName());
            Files.write(rpm, bytes);
            SignatureReport ours = RpmReader.read(rpm).verifySignatures(db.accepted());
            for (SignatureCheck check : ours.checks()) {
                assertTrue(check.status() != SignatureStatus.OK, rpm + ":\n" + ours);
            }
            assertSameVerdicts(generation, db, rpm);
        }
    }

    static Stream<Arguments> singleKeys() {
        return Stream.of(
                Arguments.of("hello-2.0-1.x86_64-signed-with-subkey.rpm", "alice.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed-with-subkey.rpm", "alice-revoked-subkey.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed-with-subkey.rpm", "alice-expired-subkey.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed-with-new-subkey.rpm", "rpm.org-rsa-2048-add-subkey.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed-with-new-subkey.rpm", "rpm.org-rsa-2048-test.pub"),
                Arguments.of("hello-2.0-1.x86_64-signed.rpm", "CVE-2021-3521-badbind.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed.rpm", "CVE-2021-3521-nosubsig.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed.rpm", "type-confusion.asc"),
                Arguments.of("hello-2.0-1.x86_64-signed.rpm", "keyidcollision1.pub"),
                Arguments.of("hello-2.0-1.x86_64-signed.rpm", "rpm.org-ed25519-test.pub"),
                Arguments.of("mwe-rpm-lua-problem-1.0.0-1.noarch.rpm", "rpm.org-ed25519-test.pub"),
                Arguments.of("hello-2.0-1.x86_64-signed-mldsa87.rpm", "rpm.org-v6-mldsa87-test.asc"));
    }

    /** Revoked, expired, unbound and colliding keys, one per database. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("singleKeys")
    void aSingleKeyGetsRpmsVerdict(String rpmName, String key) throws Exception {
        Path rpm = RpmCorpusTest.corpus().get(0).resolveSibling(rpmName);
        for (RpmGeneration generation : RpmGeneration.values()) {
            generation.require();
            Path work = Files.createDirectories(dir.resolve(generation.name()));
            assertSameVerdicts(generation, KeyDatabase.of(generation, work, List.of(key)), rpm);
        }
    }

    /** Compares ours with rpm -Kv's lines for the signatures this generation checks; returns how many. */
    static int assertSameVerdicts(RpmGeneration generation, KeyDatabase db, Path rpm) throws Exception {
        RealRpm.Result result = generation.run("rpm", "-Kv", "--dbpath", db.path(), generation.path(rpm));
        List<String> theirs = rpmVerdicts(generation, result.output());
        RpmPackage pkg = RpmReader.read(rpm);
        SignatureReport report = pkg.verifySignatures(db.accepted());
        List<String> ours = ourVerdicts(generation, pkg, report);
        assertEquals(theirs.stream().sorted().toList(), ours.stream().sorted().toList(), () -> generation + " on "
                + rpm.getFileName() + "\nrpm:\n" + result.output() + "\nours:\n" + report);
        return ours.size();
    }

    static List<String> rpmVerdicts(RpmGeneration generation, String output) {
        List<String> verdicts = new ArrayList<>();
        Matcher line = (generation.isRpm6() ? RPM6_LINE : RPM4_LINE).matcher(output);
        while (line.find()) {
            boolean header = generation.isRpm6() ? "Header".equals(line.group(1)) : line.group(1) != null;
            verdicts.add(verdict(header, line.group(2), line.group(3), line.group(4), line.group(5)));
        }
        return verdicts;
    }

    /**
     * Ours, for the signatures rpm checks: rpm 4 all but OPENPGP; rpm 6 only OPENPGP when present
     * (lib/rpmvs.cc), else no legacy tag in a v6 package (one with the signature tags 999 and 279).
     */
    static List<String> ourVerdicts(RpmGeneration generation, RpmPackage pkg, SignatureReport report) {
        boolean openPgp = pkg.signature().contains(SignatureTag.OPENPGP);
        boolean v6 = pkg.signature().entry(999).isPresent() && pkg.signature().entry(279).isPresent();
        List<String> verdicts = new ArrayList<>();
        for (SignatureCheck check : report.checks()) {
            boolean checked = generation.isRpm6()
                    ? openPgp ? check.tag() == SignatureTag.OPENPGP : !(v6 && check.coversPayload())
                    : check.tag() != SignatureTag.OPENPGP;
            if (checked) {
                String id = generation.isRpm6() ? check.certificate().isEmpty() ? check.keyId() : check.certificate()
                        : check.keyId().substring(8);
                verdicts.add(verdict(!check.coversPayload(), Integer.toString(check.packetVersion()),
                        check.algorithm(), id, check.status().name()));
            }
        }
        return verdicts;
    }

    private static String verdict(boolean header, String version, String algorithm, String id, String status) {
        return (header ? "header" : "legacy") + " V" + version + " " + algorithm + " " + id + ": " + status;
    }

    /** The file with one byte of the packet's signature value (its last byte) flipped. */
    static byte[] flipSignatureByte(RpmPackage pkg, List<SignatureVerifier.Packet> packets, int index, byte[] file) {
        SignatureVerifier.Packet packet = packets.get(index);
        HeaderEntry entry = pkg.signature().entry(packet.tag().code()).orElseThrow();
        int start = Lead.SIZE + entry.position();
        if (packet.tag() != SignatureTag.OPENPGP) {
            file[start + entry.length() - 1] ^= 0x01;
            return file;
        }
        // Base64 text: flip within the decoded packet, then write the same number of characters back.
        // OPENPGP's strings come first in the list.
        int offset = start;
        for (int i = 0; i < index; i++) {
            while (file[offset] != 0) {
                offset++;
            }
            offset++;
        }
        int end = offset;
        while (file[end] != 0) {
            end++;
        }
        byte[] decoded = Base64.getMimeDecoder().decode(new String(file, offset, end - offset,
                StandardCharsets.US_ASCII));
        decoded[decoded.length - 1] ^= 0x01;
        byte[] encoded = Base64.getEncoder().encodeToString(decoded).getBytes(StandardCharsets.US_ASCII);
        assertEquals(end - offset, encoded.length, "base64 without line breaks, as rpm writes it");
        System.arraycopy(encoded, 0, file, offset, encoded.length);
        return file;
    }

    /** A throwaway rpm key database and the keys its rpmkeys --import accepted, loaded for our verifier. */
    record KeyDatabase(String path, VerificationKeys accepted) {
        static KeyDatabase of(RpmGeneration generation, Path tempDir, List<String> corpusKeys) throws Exception {
            List<Path> files = new ArrayList<>();
            for (String key : corpusKeys) {
                files.add(keyFile(key));
            }
            return ofFiles(generation, tempDir, files);
        }

        static KeyDatabase ofFiles(RpmGeneration generation, Path tempDir, List<Path> keys) throws Exception {
            String db = generation.path(Files.createTempDirectory(generation.workDir(tempDir), "rpmdb"));
            List<Path> accepted = new ArrayList<>();
            for (Path file : keys) {
                if (generation.run("rpmkeys", "--dbpath", db, "--import", generation.path(file)).exitCode() == 0) {
                    accepted.add(file);
                }
            }
            return new KeyDatabase(db, VerificationKeys.load("keys", accepted));
        }
    }
}

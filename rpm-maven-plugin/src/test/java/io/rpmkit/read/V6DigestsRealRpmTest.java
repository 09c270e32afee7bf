package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import io.rpmkit.format.Tag;
import io.rpmkit.testing.RpmGeneration;

/**
 * Our digest checks of v6 packages against {@code rpm -Kv}'s, digest by digest: ours, rpmbuild
 * 6.1's and rpm's own v6 test package, as they are and with a byte flipped in each area a digest
 * covers (the header, the payload) and in each stated digest. rpm 6.1 checks the header's SHA3-256
 * and SHA-256 and the payload's SHA3-256, SHA-512 and SHA-256; rpm 4.18 and 4.20 the SHA-256 ones.
 * The ALT digests over the uncompressed archive are ours alone: rpm -K shows an ALT line, BAD, only
 * beside a failed payload digest, of which it is taken as a second value.
 */
class V6DigestsRealRpmTest {
    /** rpm -Kv's digest names and ours. */
    private static final Map<String, String> NAMES = Map.of(
            "Header SHA3-256", "header SHA3-256",
            "Header SHA256", "header SHA-256",
            "Header SHA1", "header SHA-1",
            "Payload SHA3-256", "payload SHA3-256",
            "Payload SHA512", "payload SHA-512",
            "Payload SHA256", "payload digest",
            "MD5", "MD5 of header and payload");
    private static final Pattern RPM_LINE = Pattern.compile(
            "^\\s+((?:Header|Payload) \\S+|MD5)( ALT)? digest: (OK|BAD)", Pattern.MULTILINE);

    private static final Map<Source, Path> BUILT = new java.util.EnumMap<>(Source.class);

    @TempDir
    static Path dir;

    enum Source {
        OURS, RPMBUILD_6_1, RPM_CORPUS;

        Path build(String name) throws Exception {
            Path built = BUILT.get(this);
            if (built == null) {
                built = make(name);
                BUILT.put(this, built);
            }
            return built;
        }

        private Path make(String name) throws Exception {
            return switch (this) {
                case OURS -> RpmbuildV6.ours(dir, name);
                case RPMBUILD_6_1 -> RpmbuildV6.rpmbuild(dir, name);
                case RPM_CORPUS -> RpmbuildV6.corpus();
            };
        }
    }

    /** Where a byte is flipped; NONE leaves the package as it is. */
    enum Damage {
        NONE(null, List.of()),
        HEADER(null, List.of("header SHA3-256", "header SHA-256")),
        PAYLOAD(null, List.of("payload SHA3-256", "payload SHA-512", "payload digest")),
        SHA256HEADER(SignatureTag.SHA256HEADER, List.of("header SHA-256")),
        SHA3_256HEADER(SignatureTag.SHA3_256HEADER, List.of("header SHA3-256")),
        // A stated payload digest sits in the main header: its digests break with it.
        PAYLOADSHA256(RpmTag.PAYLOADDIGEST, List.of("header SHA3-256", "header SHA-256", "payload digest")),
        PAYLOADSHA512(RpmTag.PAYLOADSHA512, List.of("header SHA3-256", "header SHA-256", "payload SHA-512")),
        PAYLOADSHA3_256(RpmTag.PAYLOADSHA3_256, List.of("header SHA3-256", "header SHA-256", "payload SHA3-256")),
        PAYLOADSHA512ALT(RpmTag.PAYLOADSHA512ALT, List.of("header SHA3-256", "header SHA-256",
                "uncompressed payload SHA-512")),
        PAYLOADSHA3_256ALT(RpmTag.PAYLOADSHA3_256ALT, List.of("header SHA3-256", "header SHA-256",
                "uncompressed payload SHA3-256"));

        final Tag stated;
        final List<String> failing;

        Damage(Tag stated, List<String> failing) {
            this.stated = stated;
            this.failing = failing;
        }

        Path apply(Path original) throws Exception {
            if (this == NONE) {
                return original;
            }
            RpmPackage pkg = RpmReader.read(original);
            byte[] bytes = Files.readAllBytes(original);
            int at;
            if (this == HEADER) {
                // A letter of the summary: the header still parses.
                at = (int) pkg.headerOffset() + indexOf(pkg.headerBytes(), pkg.summary().orElseThrow());
            } else if (this == PAYLOAD) {
                at = (int) (pkg.payloadOffset() + (pkg.fileSize() - pkg.payloadOffset()) / 2);
            } else {
                boolean inSignature = stated instanceof SignatureTag;
                RpmHeader header = inSignature ? pkg.signature() : pkg.header();
                String hex = header.string(stated).orElseThrow();
                long start = inSignature ? Lead.SIZE : pkg.headerOffset();
                at = (int) start + indexOf(header.bytes(), hex);
            }
            // Another hex digit, so that only the value, not its form, is wrong.
            bytes[at] = this == HEADER || this == PAYLOAD ? (byte) (bytes[at] ^ 0x01)
                    : (byte) (bytes[at] == '0' ? '1' : '0');
            return Files.write(dir.resolve(name() + "-" + original.getFileName()), bytes);
        }
    }

    static Stream<Arguments> damagedPackages() {
        List<Arguments> rows = new ArrayList<>();
        for (Source source : Source.values()) {
            for (Damage damage : Damage.values()) {
                rows.add(Arguments.of(source, damage));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("damagedPackages")
    void everyDigestGetsRpmsVerdict(Source source, Damage damage) throws Exception {
        RpmGeneration.RPM_6_1.require();
        Path rpm = damage.apply(source.build("v6digests-" + source.name().toLowerCase().replace('_', '-')));
        RpmPackage pkg = RpmReader.read(rpm);
        if (damage.stated != null && !(damage.stated instanceof SignatureTag)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(pkg.header().contains(damage.stated),
                    source + " states no " + damage.stated);
        }
        DigestReport ours = pkg.verifyDigests();
        List<String> expectedFailures = damage.failing.stream().filter(name -> ours.checks().stream()
                .anyMatch(check -> check.name().equals(name))).sorted().toList();
        // A damaged payload may fail to decompress or decompress to other bytes; either is a failure
        // rpm -K does not see, and the payload's digests fail either way.
        List<String> failures = ours.failures().stream().map(DigestCheck::name)
                .filter(name -> !name.startsWith("file ") && !name.equals("payload")
                        && (!name.startsWith("uncompressed payload") || damage.failing.contains(name)))
                .sorted().toList();
        assertEquals(expectedFailures, failures, ours::toString);
        for (RpmGeneration generation : RpmGeneration.values()) {
            generation.require();
            String output = generation.run("rpm", "-Kv", "--nosignature", generation.path(rpm)).output();
            Map<String, String> theirs = rpmVerdicts(output);
            Map<String, String> ourVerdicts = new TreeMap<>();
            for (DigestCheck check : ours.checks()) {
                if (NAMES.containsValue(check.name()) && (generation.isRpm6() || theirs.containsKey(check.name()))) {
                    ourVerdicts.put(check.name(), check.ok() ? "OK" : "BAD");
                }
            }
            assertEquals(theirs, ourVerdicts, () -> generation + " on " + rpm.getFileName() + "\nrpm:\n" + output
                    + "\nours:\n" + ours);
            Map<String, String> failedPayloadDigests = new TreeMap<>();
            theirs.forEach((name, verdict) -> {
                if (name.startsWith("payload") && verdict.equals("BAD")) {
                    failedPayloadDigests.put(name, verdict);
                }
            });
            assertEquals(failedPayloadDigests, rpmAltVerdicts(output), () -> generation + ": an ALT line for each"
                    + " failed payload digest, BAD, and none else:\n" + output);
            if (generation.isRpm6()) {
                assertEquals(5, theirs.size(), "rpm 6.1 checks five digests of a v6 package:\n" + output);
            } else {
                assertEquals(List.of("header SHA-256", "payload digest"), List.copyOf(theirs.keySet()), output);
            }
        }
    }

    /** Every v6 package states the ALT digests, and ours checks them. */
    @ParameterizedTest
    @EnumSource(Source.class)
    void theUncompressedDigestsAreCheckedToo(Source source) throws Exception {
        if (source == Source.RPMBUILD_6_1) {
            RpmGeneration.RPM_6_1.require();
        }
        DigestReport report = RpmReader.read(source.build("v6alt-" + source.ordinal())).verifyDigests();
        assertTrue(report.allOk(), report::toString);
        List<String> names = report.checks().stream().map(DigestCheck::name).toList();
        assertTrue(names.containsAll(List.of("header SHA-256", "header SHA3-256", "payload digest", "payload SHA-512",
                "payload SHA3-256", "uncompressed payload digest", "uncompressed payload SHA-512",
                "uncompressed payload SHA3-256")), names::toString);
    }

    private static Map<String, String> rpmVerdicts(String output) {
        Map<String, String> verdicts = new TreeMap<>();
        Matcher line = RPM_LINE.matcher(output);
        while (line.find()) {
            if (line.group(2) == null) {
                verdicts.put(NAMES.get(line.group(1)), line.group(3));
            }
        }
        return verdicts;
    }

    /**
     * rpm's ALT lines, by the name of the digest they stand in for. rpm -K takes an ALT as a second
     * value for the compressed payload's digest (lib/rpmvs.cc: a failure is ignored when its
     * alternative verifies) and shows it only when that digest failed too; it is then BAD, since
     * the ALT is the archive's digest. So they say nothing of the archive; ours check that.
     */
    private static Map<String, String> rpmAltVerdicts(String output) {
        Map<String, String> verdicts = new TreeMap<>();
        Matcher line = RPM_LINE.matcher(output);
        while (line.find()) {
            if (line.group(2) != null) {
                verdicts.put(NAMES.get(line.group(1)), line.group(3));
            }
        }
        return verdicts;
    }

    private static int indexOf(byte[] data, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= data.length - wanted.length; i++) {
            if (java.util.Arrays.equals(data, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found: " + text);
    }
}

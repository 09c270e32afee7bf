package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.RpmTag;

/** Payloads of every compressor rpmbuild writes, and payloads broken on purpose. */
class PayloadReaderTest {
    static final List<String> PAYLOADS = RpmbuildFixtures.PAYLOADS;
    private static final Path CPIO = Path.of("/usr/bin/cpio");
    private static final int CASES_PER_COMPRESSOR = 60;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("PAYLOADS")
    void readsEveryCompressorRpmbuildWrites(String payload) throws Exception {
        Path rpm = RpmbuildFixtures.build(payload);
        RpmPackage pkg = RpmReader.read(rpm);
        Map<String, byte[]> contents = contents(pkg);
        if (Files.isExecutable(CPIO)) {
            List<String> cpioListing = Arrays.stream(RpmbuildFixtures.run(List.of("sh", "-c",
                    "rpm2cpio '" + rpm + "' | " + CPIO + " --quiet -it")).split("\n")).map(n -> n.substring(2))
                    .toList();
            assertEquals(cpioListing, new ArrayList<>(contents.keySet()));
        } else {
            System.err.println("*** " + CPIO + " is not installed: the payload listing was NOT compared with cpio's");
        }
        assertEquals(RpmbuildFixtures.CONFIG_CONTENT, text(contents, "etc/demo/demo.conf"));
        assertEquals(RpmbuildFixtures.README_CONTENT, text(contents, "usr/share/demo/readme.txt"));
        assertEquals(IntStream.rangeClosed(1, 60000).mapToObj(i -> i + "\n").collect(Collectors.joining()),
                text(contents, "usr/share/demo/numbers.txt"));
        assertEquals("../share/demo/readme.txt", text(contents, "usr/bin/demo-readme"));
        assertFalse(contents.containsKey("var/log/demo.log"), "a %ghost is not in the payload");
    }

    @Test
    void givesEachEntryTheModeAndSizeOfItsHeaderFile() throws Exception {
        RpmPackage pkg = RpmReader.read(RpmbuildFixtures.build("w3.zstdio"));
        Map<String, RpmFile> files = pkg.files().stream()
                .collect(Collectors.toMap(f -> f.path().substring(1), f -> f));
        try (PayloadReader payload = pkg.openPayload()) {
            int count = 0;
            for (PayloadEntry entry = payload.next(); entry != null; entry = payload.next(), count++) {
                RpmFile file = files.get(entry.name());
                assertEquals(file.mode(), entry.mode(), entry.name());
                // Of a hard link set only the last link carries the content.
                long expected = entry.links() > 1 && entry.name().endsWith("hard1") ? 0 : file.size();
                assertEquals(expected, entry.size(), entry.name());
                assertEquals(file.mtime(), entry.mtime(), entry.name());
            }
            assertEquals(pkg.files().size() - 1, count, "every file but the %ghost");
            assertEquals(null, payload.next(), "the trailer ends the walk for good");
        }
    }

    @Test
    void acceptsConcatenatedGzipMembers() throws Exception {
        Path original = RpmbuildFixtures.build("w6.gzdio");
        RpmPackage pkg = RpmReader.read(original);
        byte[] bytes = Files.readAllBytes(original);
        byte[] cpio;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, (int) pkg.payloadOffset(),
                bytes.length))) {
            cpio = in.readAllBytes();
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        rewritten.write(bytes, 0, (int) pkg.payloadOffset());
        int third = cpio.length / 3;
        rewritten.writeBytes(SyntheticPackage.gzip(Arrays.copyOfRange(cpio, 0, third)));
        rewritten.writeBytes(SyntheticPackage.gzip(Arrays.copyOfRange(cpio, third, 2 * third)));
        rewritten.writeBytes(SyntheticPackage.gzip(Arrays.copyOfRange(cpio, 2 * third, cpio.length)));
        RpmPackage members = RpmReader.read(Files.write(dir.resolve("members.rpm"), rewritten.toByteArray()));

        assertEquals(asText(contents(pkg)), asText(contents(members)));
        DigestReport report = members.verifyDigests();
        // The compressed bytes changed, the cpio archive and the files did not.
        assertEquals(List.of("MD5 of header and payload", "size of header and payload", "payload digest"),
                report.failures().stream().map(DigestCheck::name).toList(), report::toString);
    }

    @ParameterizedTest
    @FieldSource("PAYLOADS")
    void noticesCorruptionOfEveryCompressor(String payload) throws Exception {
        Path original = RpmbuildFixtures.build(payload);
        RpmPackage pkg = RpmReader.read(original);
        byte[] bytes = Files.readAllBytes(original);
        int middle = (int) (pkg.payloadOffset() + (bytes.length - pkg.payloadOffset()) / 2);
        for (int i = middle; i < middle + 16; i++) {
            bytes[i] ^= 0x5A;
        }
        RpmPackage corrupt = RpmReader.read(Files.write(dir.resolve("corrupt.rpm"), bytes));
        try {
            contents(corrupt);
            DigestReport report = corrupt.verifyDigests();
            assertFalse(report.allOk(), "corruption of a " + payload + " payload went unnoticed");
        } catch (PackagingException e) {
            assertTrue(e.getMessage().startsWith("reading " + dir.resolve("corrupt.rpm") + ": payload"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @FieldSource("PAYLOADS")
    void damagedPayloadsOfEveryCompressorRaiseOnlyPackagingException(String payload) throws Exception {
        Path original = RpmbuildFixtures.build(payload);
        byte[] valid = Files.readAllBytes(original);
        int payloadOffset = (int) RpmReader.read(original).payloadOffset();
        Random random = new Random(payload.hashCode());
        Path file = dir.resolve("damaged.rpm");
        for (int i = 0; i < CASES_PER_COMPRESSOR; i++) {
            byte[] damaged;
            String what;
            if (i % 3 == 0) {
                int length = payloadOffset + random.nextInt(valid.length - payloadOffset);
                damaged = Arrays.copyOf(valid, length);
                what = "truncated to " + length;
            } else {
                damaged = valid.clone();
                what = HostileInput.mutate(damaged, random, payloadOffset, damaged.length);
            }
            Files.write(file, damaged);
            HostileInput.Outcome outcome = HostileInput.exercise(file, payload + " " + what, null);
            assertTrue(outcome != HostileInput.Outcome.REFUSED_AT_READ, what + ": the headers are intact");
        }
    }

    @Test
    void refusesAnUnknownCompressorNamingTheAcceptedOnes() throws Exception {
        byte[] cpio = SyntheticPackage.cpio(List.of());
        HeaderBuilder main = HeaderBuilder.mainHeader().string(RpmTag.NAME, "n").string(RpmTag.VERSION, "1")
                .string(RpmTag.RELEASE, "1").string(RpmTag.PAYLOADCOMPRESSOR, "lz4");
        Path file = Files.write(dir.resolve("lz4.rpm"), SyntheticPackage.assemble(main, cpio, cpio.length));
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(file));
        assertEquals("reading " + file + ": PAYLOADCOMPRESSOR is \"lz4\"; accepted are gzip, bzip2, xz, lzma, zstd "
                + "or no tag for an uncompressed payload", e.getMessage());
    }

    @Test
    void readsAPayloadWithoutCompressorTagEitherWay() throws Exception {
        List<SyntheticPackage.Entry> entries = List.of(SyntheticPackage.Entry.file("./a", 0100644, "a\n"));
        byte[] cpio = SyntheticPackage.cpio(entries);
        for (byte[] payload : List.of(cpio, SyntheticPackage.gzip(cpio))) {
            HeaderBuilder main = SyntheticPackage.listing(HeaderBuilder.mainHeader().string(RpmTag.NAME, "n")
                    .string(RpmTag.VERSION, "1").string(RpmTag.RELEASE, "1"), entries);
            RpmPackage pkg = RpmReader.read(Files.write(dir.resolve("plain.rpm"),
                    SyntheticPackage.assemble(main, payload, cpio.length)));
            assertEquals(PayloadCompression.NONE, pkg.payloadCompression());
            assertEquals("a\n", text(contents(pkg), "a"));
        }
    }

    @Test
    void readsStrippedEntriesOfPackagesWithLongFileSizes() throws Exception {
        // rpm writes "07070X" and the file index instead of a newc header when LONGFILESIZES is present.
        Path file = Files.write(dir.resolve("stripped.rpm"), SyntheticPackage.stripped());
        RpmPackage pkg = RpmReader.read(file);
        Map<String, byte[]> read = contents(pkg);
        assertEquals(List.of("opt/one", "opt/dir", "opt/two", "opt/three"), new ArrayList<>(read.keySet()));
        assertEquals("first\n", text(read, "opt/one"));
        assertEquals("", text(read, "opt/two"));
        assertEquals("second!\n", text(read, "opt/three"));
        DigestReport report = pkg.verifyDigests();
        assertTrue(report.allOk(), report::toString);
    }

    @Test
    void refusesACpioNameLongerThanRpmAccepts() throws Exception {
        String header = "070701" + "00000001" + "000081a4" + "0".repeat(8 * 4) + "00000000" + "0".repeat(8 * 4)
                + "ffffffff" + "00000000";
        byte[] archive = header.getBytes(StandardCharsets.US_ASCII);
        PackagingException e = assertThrows(PackagingException.class, () -> contents(withPayload(archive)));
        assertTrue(e.getMessage().contains("has a name of 4294967295 bytes; accepted are 1 to 4096"), e.getMessage());
    }

    @Test
    void refusesAPayloadWithoutTrailer() throws Exception {
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        SyntheticPackage.writeEntry(cpio, 1, 0100644, 1, "./a", "a".getBytes(StandardCharsets.US_ASCII));
        byte[] archive = cpio.toByteArray();
        byte[] payload = SyntheticPackage.gzip(archive);
        HeaderBuilder main = SyntheticPackage.listing(SyntheticPackage.mainHeader(payload, archive),
                List.of(SyntheticPackage.Entry.file("./a", 0100644, "a")));
        RpmPackage pkg = RpmReader.read(Files.write(dir.resolve("p.rpm"), SyntheticPackage.assemble(main, payload,
                archive.length)));
        PackagingException e = assertThrows(PackagingException.class, () -> contents(pkg));
        assertTrue(e.getMessage().contains("(no cpio trailer)"), e.getMessage());
    }

    @Test
    void refusesAnEntryWithBadMagic() throws Exception {
        byte[] archive = "070707junk".getBytes(StandardCharsets.US_ASCII);
        PackagingException e = assertThrows(PackagingException.class, () -> contents(withPayload(archive)));
        assertTrue(e.getMessage().contains("has magic \"070707\"; accepted are 070701, 070702 and 07070X"),
                e.getMessage());
    }

    private RpmPackage withPayload(byte[] archive) throws Exception {
        byte[] payload = SyntheticPackage.gzip(archive);
        HeaderBuilder main = SyntheticPackage.mainHeader(payload, archive);
        return RpmReader.read(Files.write(dir.resolve("p.rpm"), SyntheticPackage.assemble(main, payload,
                archive.length)));
    }

    /** Every entry's content by name, in payload order. */
    static Map<String, byte[]> contents(RpmPackage pkg) throws PackagingException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        pkg.forEachPayloadEntry(entry -> contents.put(entry.name(), entry.content().readAllBytes()));
        return contents;
    }

    private static String text(Map<String, byte[]> contents, String name) {
        return new String(contents.get(name), StandardCharsets.UTF_8);
    }

    private static Map<String, String> asText(Map<String, byte[]> contents) {
        Map<String, String> text = new LinkedHashMap<>();
        contents.forEach((name, bytes) -> text.put(name, new String(bytes, StandardCharsets.ISO_8859_1)));
        return text;
    }
}

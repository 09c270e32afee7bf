package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.SyntheticPackage.Entry;

/**
 * Payloads that disagree with their header, and payloads that end early: the verifier believes the
 * header, stops where rpm stops, and every failure says what is wrong and where.
 */
class PayloadDisagreementTest {
    @TempDir
    Path dir;

    /** One file, /opt/a of {@code declared} bytes, and whatever archive the test gives. */
    private Path pkg(long declared, byte[] cpio, long payloadSize) throws Exception {
        byte[] payload = SyntheticPackage.gzip(cpio);
        HeaderBuilder main = SyntheticPackage.mainHeader(payload, cpio)
                .strings(RpmTag.DIRNAMES, List.of("/opt/"))
                .int32(RpmTag.DIRINDEXES, 0)
                .strings(RpmTag.BASENAMES, List.of("a"))
                .int32(RpmTag.FILESIZES, (int) declared)
                .int16(RpmTag.FILEMODES, (short) 0100644)
                .strings(RpmTag.FILEDIGESTS, List.of(SyntheticPackage.sha256("0123456789".getBytes(
                        StandardCharsets.US_ASCII))))
                .int32(RpmTag.FILEDIGESTALGO, DigestAlgorithm.SHA256.pgpId());
        return Files.write(dir.resolve("p" + System.nanoTime() + ".rpm"),
                SyntheticPackage.assemble(main, payload, payloadSize));
    }

    private static byte[] archive(List<Entry> entries, byte[] afterTrailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SyntheticPackage.cpio(entries));
        out.writeBytes(afterTrailer);
        return out.toByteArray();
    }

    @Test
    void stopsAtTheFirstEntryTheHeaderDoesNotList() throws Exception {
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.file("./opt/a", 0100644, "0123456789"));
        for (int i = 0; i < 2000; i++) {
            entries.add(Entry.file("./opt/" + "x".repeat(2000) + i, 0100644, ""));
        }
        byte[] cpio = archive(entries, new byte[0]);
        DigestReport report = RpmReader.read(pkg(10, cpio, cpio.length)).verifyDigests();
        assertFalse(report.allOk());
        assertEquals(1, report.failures().stream().filter(c -> c.name().equals("payload")).count(), report::toString);
        assertTrue(report.failures().get(0).actual().contains("is not a file of the header"), report::toString);
        assertTrue(report.checks().size() < 10, "one check per unlisted entry: " + report.checks().size());
    }

    @Test
    void believesTheHeaderWhenAnEntryIsLargerThanDeclared() throws Exception {
        byte[] big = new byte[32 << 20];
        byte[] cpio = archive(List.of(new Entry("./opt/a", 0100644, big, 0, 1)), new byte[0]);
        DigestReport report = RpmReader.read(pkg(10, cpio, cpio.length)).verifyDigests();
        assertTrue(report.failures().stream().anyMatch(c -> c.actual().contains(
                "(opt/a) has " + big.length + " bytes; the header says 10")), report::toString);
    }

    /** Content only regular files and symlinks have: a directory or a device claiming bytes is refused. */
    @Test
    void refusesContentForEntriesThatHaveNone() throws Exception {
        for (int mode : new int[] {040755, 0020644, 0010644}) {
            List<Entry> entries = List.of(new Entry("./opt/d", mode, new byte[8 << 20], 0, 1));
            byte[] cpio = SyntheticPackage.cpio(entries);
            byte[] payload = SyntheticPackage.gzip(cpio);
            HeaderBuilder main = SyntheticPackage.listing(SyntheticPackage.mainHeader(payload, cpio), entries);
            Path file = Files.write(dir.resolve("d.rpm"), SyntheticPackage.assemble(main, payload, cpio.length));
            DigestReport report = RpmReader.read(file).verifyDigests();
            assertTrue(report.failures().stream().anyMatch(c -> c.actual().contains("(opt/d) of mode "
                    + Integer.toOctalString(mode) + " claims " + (8 << 20) + " bytes")), report::toString);
        }
    }

    @Test
    void readsLittleOfWhatFollowsTheTrailer() throws Exception {
        byte[] cpio = archive(List.of(Entry.file("./opt/a", 0100644, "0123456789")), new byte[64 << 20]);
        long started = System.nanoTime();
        DigestReport report = RpmReader.read(pkg(10, cpio, cpio.length)).verifyDigests();
        assertTrue(report.failures().stream().anyMatch(c -> c.actual().contains("past its cpio trailer")),
                report::toString);
        assertTrue(report.failures().stream().anyMatch(c -> c.name().equals("payload digest")) == false,
                "the compressed payload is still read and its digest matches: " + report);
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
    }

    /** rpm before 4.12 stored the archive's size without its trailer; rpm -K accepts both. */
    @Test
    void acceptsThePayloadSizeOfEitherRpmGeneration() throws Exception {
        byte[] cpio = archive(List.of(Entry.file("./opt/a", 0100644, "0123456789")), new byte[0]);
        byte[] trailer = "TRAILER!!!".getBytes(StandardCharsets.US_ASCII);
        long trailerAt = DigestVerifierTest.indexOf(cpio, trailer, 0) - 110;
        for (long size : new long[] {cpio.length, trailerAt}) {
            DigestReport report = RpmReader.read(pkg(10, cpio, size)).verifyDigests();
            assertTrue(report.allOk(), () -> size + ": " + report);
        }
        DigestReport wrong = RpmReader.read(pkg(10, cpio, trailerAt - 4)).verifyDigests();
        assertEquals(List.of("uncompressed payload size"), wrong.failures().stream().map(DigestCheck::name).toList());
    }

    /** Cut anywhere in the payload: a clear message, never "null" or a raw exception's class name. */
    @Test
    void saysWhatIsWrongWithATruncatedPayload() throws Exception {
        byte[] whole = SyntheticPackage.valid();
        Path full = Files.write(dir.resolve("full.rpm"), whole);
        int payloadAt = (int) RpmReader.read(full).payloadOffset();
        // The walk ends at the cpio trailer; gzip's 8-byte footer after it is read only by the verifier.
        for (int cut = payloadAt; cut < whole.length - 8; cut += Math.max(1, (whole.length - payloadAt) / 23)) {
            Path file = Files.write(dir.resolve("cut" + cut + ".rpm"), Arrays.copyOf(whole, cut));
            RpmPackage pkg = RpmReader.read(file);
            PackagingException e = assertThrows(PackagingException.class, () -> pkg.forEachPayloadEntry(x -> {
                x.content().transferTo(java.io.OutputStream.nullOutputStream());
            }), "cut at " + cut);
            String message = e.getMessage();
            assertFalse(message.contains("null") || message.contains("java.") || message.contains("Exception"),
                    message);
            assertTrue(message.contains("truncated") || message.contains("damaged") || message.contains("missing"),
                    message);
            assertFalse(pkg.verifyDigests().allOk(), "cut at " + cut);
        }
        for (int cut = whole.length - 8; cut < whole.length; cut++) {
            Path file = Files.write(dir.resolve("cut" + cut + ".rpm"), Arrays.copyOf(whole, cut));
            DigestReport report = RpmReader.read(file).verifyDigests();
            assertFalse(report.allOk(), "cut at " + cut);
            assertFalse(report.toString().contains("null"), report::toString);
        }
    }

    @Test
    void refusesAFileWithoutAName() throws Exception {
        byte[] cpio = archive(List.of(), new byte[0]);
        byte[] payload = SyntheticPackage.gzip(cpio);
        for (List<String> names : List.of(List.of(""), List.of("a", ""))) {
            HeaderBuilder main = SyntheticPackage.mainHeader(payload, cpio)
                    .strings(RpmTag.DIRNAMES, List.of(""))
                    .int32(RpmTag.DIRINDEXES, new int[names.size()])
                    .strings(RpmTag.BASENAMES, names);
            Path file = Files.write(dir.resolve("noname.rpm"), SyntheticPackage.assemble(main, payload, cpio.length));
            PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(file));
            assertTrue(e.getMessage().contains("BASENAMES[" + (names.size() - 1) + "] is empty"), e.getMessage());
        }
    }
}

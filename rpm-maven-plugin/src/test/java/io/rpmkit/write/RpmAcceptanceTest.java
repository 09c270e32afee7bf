package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderLayout;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.TagType;
import io.rpmkit.spec.ChangelogEntry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.Scriptlet;
import io.rpmkit.format.ScriptletPhase;

/**
 * The encoded headers are held against rpm's own loading rules before the package is moved into
 * place: the blob size as hdrblobInit computes it (8 + 16 * il + dl, below 256 MiB), the entry and
 * data limits of hdrblobVerifyLengths for both headers, and the per-entry counts of hdrblobVerifyInfo.
 */
class RpmAcceptanceTest {
    @TempDir
    Path dir;

    /** An intro and an index of {@code il} entries of {@code type} with {@code count} values; no data area. */
    private static byte[] header(int il, long dl, TagType type, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(HeaderLayout.INTRO_SIZE + HeaderLayout.INDEX_ENTRY_SIZE * il);
        buffer.putLong(HeaderLayout.MAGIC).putInt(il).putInt((int) dl);
        for (int i = 0; i < il; i++) {
            buffer.putInt(RpmTag.NAME.code() + i).putInt(type.code()).putInt(0).putInt(count);
        }
        return buffer.array();
    }

    private static List<String> mainProblems(byte[] header) {
        return RpmAcceptance.problems(header, RpmLimits.MAX_INDEX_ENTRIES, RpmLimits.MAX_DATA_SIZE, false);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100, 65535})
    void acceptsTheLargestBlobBelowRpmsLimitAndRefusesOneByteMore(int il) {
        long largest = RpmLimits.MAX_HEADER_BLOB_SIZE - 8L - 16L * il - 1;
        assertEquals(List.of(), mainProblems(header(il, largest, TagType.STRING, 1)));
        List<String> problems = mainProblems(header(il, largest + 1, TagType.STRING, 1));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains((RpmLimits.MAX_HEADER_BLOB_SIZE) + " bytes as rpm counts it")
                && problems.get(0).contains("hdrblobInit"), problems.get(0));
    }

    @Test
    void refusesADataSizeOfExactlyHeaderDataMaxAsRpmDoes() {
        List<String> problems = mainProblems(header(1, RpmLimits.MAX_DATA_SIZE, TagType.STRING, 1));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("hdrblobInit"), problems.get(0));
        assertTrue(mainProblems(header(1, RpmLimits.MAX_DATA_SIZE + 1L, TagType.STRING, 1)).stream()
                .anyMatch(p -> p.contains("hdrblobVerifyLengths")));
    }

    @Test
    void refusesMoreIndexEntriesThanRpmAccepts() {
        assertTrue(mainProblems(header(65536, 64, TagType.INT32, 1)).stream()
                .anyMatch(p -> p.startsWith("65536 index entries")));
        List<String> signature = RpmAcceptance.problems(header(33, 64, TagType.BIN, 1),
                RpmLimits.MAX_SIGNATURE_INDEX_ENTRIES, RpmLimits.MAX_SIGNATURE_DATA_SIZE, true);
        assertTrue(signature.stream().anyMatch(p -> p.startsWith("33 index entries")), signature::toString);
        List<String> data = RpmAcceptance.problems(header(1, RpmLimits.MAX_SIGNATURE_DATA_SIZE + 1L, TagType.BIN, 1),
                RpmLimits.MAX_SIGNATURE_INDEX_ENTRIES, RpmLimits.MAX_SIGNATURE_DATA_SIZE, true);
        assertTrue(data.stream().anyMatch(p -> p.contains("bytes of data")), data::toString);
    }

    @Test
    void refusesEntriesWithMoreValuesThanRpmAccepts() {
        int over = RpmLimits.MAX_ARRAY_COUNT + 1;
        for (TagType type : new TagType[] {TagType.STRING_ARRAY, TagType.INT32, TagType.INT16}) {
            List<String> problems = mainProblems(header(1, 16L << 20, type, over));
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).contains("NAME holds " + over + " values") && problems.get(0)
                    .contains("hdrchkArray"), problems.get(0));
        }
        assertEquals(List.of(), mainProblems(header(1, 16L << 20, TagType.BIN, over)), "BIN has no array limit");
        assertTrue(mainProblems(header(1, 64, TagType.INT32, 0)).get(0).contains("hdrchkCount"));
        assertTrue(mainProblems(header(1, 64, TagType.BIN, 65)).get(0).contains("hdrchkCount"));
    }

    /**
     * Strings each well below the limit that together make a header rpm refuses ("not an rpm
     * package"): the spec accepts them, the writer refuses the header and leaves nothing behind.
     */
    @Test
    void refusesAHeaderOverRpmsLimitMadeOfManyStringsAndLeavesNoFile() throws IOException {
        assumeHeapForAFullHeader();
        String part = "x".repeat(90 << 20);
        PackageSpec spec;
        try {
            spec = PackageSpec.builder().name("big").version("1.0").summary("s").license("MIT")
                    .buildTime(Instant.parse("2026-11-24T10:00:00Z")).description(part)
                    .scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/sh", part))
                    .changelog(new ChangelogEntry(Instant.parse("2026-11-24T10:00:00Z"), "Jane - 1.0-1", part))
                    .build();
        } catch (PackagingException e) {
            throw new AssertionError("each string alone fits a header: " + e.getMessage(), e);
        }
        Path output = dir.resolve("big-1.0-1.noarch.rpm");
        PackagingException e = assertThrows(PackagingException.class,
                () -> new RpmWriter(Console.SILENT).write(spec, output));
        assertTrue(e.getMessage().contains("main header is one rpm refuses to load") && e.getMessage()
                .contains("hdrblobInit"), e.getMessage());
        for (String tag : new String[] {"DESCRIPTION", "POSTIN", "CHANGELOGTEXT"}) {
            assertTrue(e.getMessage().contains(tag + " ("), tag + " not named: " + e.getMessage());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no package and no temporary file");
        }
    }

    /**
     * A description that brings the header within one alignment step (4 bytes) of rpm's limit is
     * written (rpm 4.18 reads such a package: "edge 1.0", digests OK); the next length with the same
     * alignment, whose blob reaches the limit, is refused: the writer is as strict as rpm, not more.
     */
    @Test
    void writesTheLargestHeaderRpmLoadsAndRefusesTheNextOne() throws Exception {
        assumeHeapForAFullHeader();
        Path output = dir.resolve("edge-1.0-1.noarch.rpm");
        new RpmWriter(Console.SILENT).write(edge(1000), output);
        // Padding before the 4-aligned entries after DESCRIPTION adds 0 to 3 bytes: 3 less always fits.
        int length = (int) (1000 + RpmLimits.MAX_HEADER_BLOB_SIZE - 1 - blob(output)) - 3;
        new RpmWriter(Console.SILENT).write(edge(length), output);
        long blob = blob(output);
        assertTrue(blob < RpmLimits.MAX_HEADER_BLOB_SIZE && blob >= RpmLimits.MAX_HEADER_BLOB_SIZE - 8,
                "blob " + blob + " is within two alignment steps of the limit");
        // The same length modulo 4 keeps the padding: the blob grows by exactly the added bytes.
        int added = (int) ((RpmLimits.MAX_HEADER_BLOB_SIZE - blob + 3) / 4 * 4);
        PackagingException e = assertThrows(PackagingException.class,
                () -> new RpmWriter(Console.SILENT).write(edge(length + added), dir.resolve("next.rpm")));
        assertTrue(e.getMessage().contains((blob + added) + " bytes as rpm counts it")
                && e.getMessage().contains("hdrblobInit"), e.getMessage());
    }

    /** A header of 256 MiB is held as a string, its bytes and the encoded header at once. */
    private static void assumeHeapForAFullHeader() {
        assumeTrue(Runtime.getRuntime().maxMemory() >= 2L << 30, "needs a heap of 2 GiB for a 256 MiB header");
    }

    private static PackageSpec edge(int descriptionLength) throws PackagingException {
        return PackageSpec.builder().name("edge").version("1.0").summary("s").license("MIT")
                .buildTime(Instant.parse("2026-11-24T10:00:00Z")).description("x".repeat(descriptionLength))
                .compression(io.rpmkit.spec.Compression.NONE, null).build();
    }

    /** 8 + 16 * il + dl of the main header, read after the lead and the padded signature header. */
    private static long blob(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer signature = ByteBuffer.allocate(HeaderLayout.INTRO_SIZE);
            channel.read(signature, io.rpmkit.format.Lead.SIZE);
            long size = HeaderLayout.INTRO_SIZE + 16L * signature.getInt(8) + signature.getInt(12);
            long main = io.rpmkit.format.Lead.SIZE + size + (8 - size % 8) % 8;
            ByteBuffer intro = ByteBuffer.allocate(HeaderLayout.INTRO_SIZE);
            channel.read(intro, main);
            return 8 + 16L * intro.getInt(8) + Integer.toUnsignedLong(intro.getInt(12));
        }
    }
}

package io.rpmkit.repo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One metadata file of the previous repodata that we wrote, decompressed and split into its
 * packages' texts, with the chunk each package's text starts in: what an update copies for the
 * packages it keeps, as text, and for a gzip file in our {@link IndexedGzip} layout also as
 * compressed chunks.
 */
final class PreviousFile {
    private final IndexedGzip.Inflated inflated;
    /** Where each package's text starts, and one more entry: where the last one ends. */
    private final int[] packageStarts;
    /** The chunk each package's text starts in. */
    private final int[] packageChunk;
    /** Per chunk: its first package when it starts and ends between packages, else -1; and how many it holds. */
    private final int[] chunkFirst;
    private final int[] chunkCount;

    private PreviousFile(IndexedGzip.Inflated inflated, int[] packageStarts, int[] packageChunk, int[] chunkFirst,
            int[] chunkCount) {
        this.inflated = inflated;
        this.packageStarts = packageStarts;
        this.packageChunk = packageChunk;
        this.chunkFirst = chunkFirst;
        this.chunkCount = chunkCount;
    }

    /**
     * Splits the file into the opening (the first chunk, exactly as we write it), the packages and the
     * closing (the last chunk); empty when it is not laid out so.
     */
    static Optional<PreviousFile> of(IndexedGzip.Inflated inflated, MetadataXml kind) {
        byte[] text = inflated.text();
        int chunks = inflated.chunks();
        if (chunks < 2) {
            return Optional.empty();
        }
        int packagesEnd = inflated.textStart(chunks - 1);
        byte[] closing = kind.closing().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(text, packagesEnd, text.length, closing, 0, closing.length)) {
            return Optional.empty();
        }
        byte[] packageStart = "<package".getBytes(StandardCharsets.US_ASCII);
        byte[] packageEnd = "</package>\n".getBytes(StandardCharsets.US_ASCII);
        int[] starts = new int[16];
        int count = 0;
        int at = inflated.chunkEnds()[0];
        while (at < packagesEnd) {
            if (!startsWith(text, at, packageStart)) {
                return Optional.empty();
            }
            int end = packageEnd(text, packageEnd, at, packagesEnd);
            if (end < 0) {
                return Optional.empty();
            }
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = at;
            at = end;
        }
        starts[count] = packagesEnd;
        byte[] opening = kind.opening(count).getBytes(StandardCharsets.UTF_8);
        if (inflated.chunkEnds()[0] != opening.length || !Arrays.equals(text, 0, opening.length, opening, 0,
                opening.length)) {
            return Optional.empty();
        }
        int[] packageStarts = Arrays.copyOf(starts, count + 1);
        int[] packageChunk = new int[count];
        int[] chunkFirst = new int[chunks];
        int[] chunkCount = new int[chunks];
        Arrays.fill(chunkFirst, -1);
        int chunk = 1;
        for (int p = 0; p < count; p++) {
            while (inflated.chunkEnds()[chunk] <= packageStarts[p]) {
                chunk++;
            }
            packageChunk[p] = chunk;
            if (inflated.textStart(chunk) == packageStarts[p]) {
                chunkFirst[chunk] = p;
            }
            chunkCount[chunk]++;
        }
        for (int c = 1; c < chunks - 1; c++) {
            // A chunk that ends inside a package (a very long one was cut) is never copied.
            int first = chunkFirst[c];
            if (first >= 0 && packageStarts[first + chunkCount[c]] != inflated.chunkEnds()[c]) {
                chunkFirst[c] = -1;
            }
        }
        return Optional.of(new PreviousFile(inflated, packageStarts, packageChunk, chunkFirst, chunkCount));
    }

    int packages() {
        return packageStarts.length - 1;
    }

    byte[] text() {
        return inflated.text();
    }

    int start(int pkg) {
        return packageStarts[pkg];
    }

    int end(int pkg) {
        return packageStarts[pkg + 1];
    }

    int level() {
        return inflated.level();
    }

    /** Whether its chunks' compressed bytes can be copied: a gzip file's; a zstd file has none. */
    boolean hasCompressedChunks() {
        return inflated.chunkStarts() != null;
    }

    /** Whether this package's text starts a chunk that holds whole packages only. */
    boolean startsChunk(int pkg) {
        return chunkFirst[packageChunk[pkg]] == pkg;
    }

    int chunkOf(int pkg) {
        return packageChunk[pkg];
    }

    int chunkPackages(int chunk) {
        return chunkFirst[chunk] < 0 ? -1 : chunkCount[chunk];
    }

    /**
     * Whether the chunk was deflated with this dictionary: the end of the chunk before, at most
     * {@link IndexedGzip#DICTIONARY} bytes of it, or none (null) after the opening.
     */
    boolean primedBy(int chunk, byte[] dictionary, int length) {
        int start = inflated.textStart(chunk);
        if (chunk == 1 || dictionary == null) {
            return chunk == 1 && dictionary == null;
        }
        int expected = Math.min(IndexedGzip.DICTIONARY, start - inflated.textStart(chunk - 1));
        return length == expected && Arrays.equals(inflated.text(), start - length, start, dictionary, 0, length);
    }

    /** A chunk's deflate bytes, as they are in the file. */
    byte[] compressedChunk(int chunk) {
        return Arrays.copyOfRange(inflated.file(), inflated.chunkStarts()[chunk], inflated.chunkStarts()[chunk + 1]);
    }

    static boolean startsWith(byte[] text, int at, byte[] prefix) {
        return at + prefix.length <= text.length && Arrays.equals(text, at, at + prefix.length, prefix, 0,
                prefix.length);
    }

    /** Where {@code pattern} first starts in {@code text[from, to)}, or -1. */
    static int indexOf(byte[] text, byte[] pattern, int from, int to) {
        byte first = pattern[0];
        for (int i = from, last = to - pattern.length; i <= last; i++) {
            if (text[i] == first && matches(text, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code pattern} is at {@code at}, which leaves room for it; a loop, as patterns are a few bytes. */
    private static boolean matches(byte[] text, int at, byte[] pattern) {
        for (int j = 1; j < pattern.length; j++) {
            if (text[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the package's text that starts at {@code from} ends: after the first line that is
     * {@code </package>}. Only the package's own lines start with {@code <} (text escapes it), and
     * most of them are indented, so few newlines need a closer look. -1 if there is none before {@code to}.
     */
    private static int packageEnd(byte[] text, byte[] packageEnd, int from, int to) {
        for (int i = from, last = to - packageEnd.length - 1; i <= last; i++) {
            if (text[i] == '\n' && text[i + 1] == '<' && matches(text, i + 1, packageEnd)) {
                return i + 1 + packageEnd.length;
            }
        }
        return -1;
    }
}

package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

import io.rpmkit.testing.RealRpm;

class ParallelXzOutputStreamTest {
    private static final int MIB = 1 << 20;
    private static final int CHUNK = 8 * MIB;

    @TempDir
    Path dir;

    /** Sixteen symbols at random: four bits of entropy a byte, so it compresses to about half. */
    private static byte[] halfCompressible(int size) {
        byte[] data = new byte[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(16));
        }
        return data;
    }

    /** Lines that differ in a counter: LZMA finds long matches in them, fast. */
    private static byte[] text(int size) {
        byte[] data = new byte[size];
        int at = 0;
        for (int line = 0; at < size; line++) {
            byte[] bytes = ("line " + line % 1000 + " of the text that fills a block\n").getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(bytes.length, size - at);
            System.arraycopy(bytes, 0, data, at, n);
            at += n;
        }
        return data;
    }

    private static byte[] compress(byte[] data, int threads) throws IOException {
        return compress(data, 1, threads);
    }

    private static byte[] compress(byte[] data, int level, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelXzOutputStream xz = ParallelXzOutputStream.open(out, level, threads)) {
            for (int off = 0; off < data.length; off += 1_000_003) {
                xz.write(data, off, Math.min(1_000_003, data.length - off));
            }
        }
        return out.toByteArray();
    }

    @Test
    void xzForJavaRestoresEveryInputSize() throws IOException {
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, 2 * CHUNK + 5}) {
            byte[] data = halfCompressible(size);
            byte[] restored = new XZInputStream(new ByteArrayInputStream(compress(data, 2))).readAllBytes();
            assertArrayEquals(data, restored, "size " + size);
        }
    }

    @Test
    void bytesDoNotDependOnTheNumberOfThreads() throws IOException {
        byte[] data = halfCompressible(2 * CHUNK + 12345);
        assertArrayEquals(compress(data, 1), compress(data, 3));
    }

    @Test
    void theXzCommandAcceptsTheMultiBlockStream() throws Exception {
        RealRpm.requireTool("xz");
        byte[] data = halfCompressible(3 * CHUNK + 17);
        Path file = Files.write(dir.resolve("data.xz"), compress(data, 2));
        RealRpm.ok("xz", "--test", file.toString());
        String list = RealRpm.ok("xz", "--list", "--robot", file.toString());
        assertTrue(list.lines().anyMatch(l -> l.startsWith("file\t1\t4\t")), list);
        RealRpm.ok("xz", "--decompress", "--keep", file.toString());
        assertEquals(data.length, Files.size(dir.resolve("data")));
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("data")));
    }

    @Test
    void aBlockIsAsLongAsTheLevelsDictionaryAndAtLeastEightMiB() throws IOException {
        int size = 16 * MIB + 5;
        byte[] data = text(size);
        for (int level : new int[] {1, 7}) {
            int dictionary = new LZMA2Options(level).getDictSize();
            long block = Math.max(CHUNK, dictionary);
            Path file = Files.write(dir.resolve("level" + level + ".xz"), compress(data, level, 2));
            try (SeekableXZInputStream in = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()))) {
                assertEquals((size + block - 1) / block, in.getBlockCount(), "level " + level);
                for (int b = 0; b < in.getBlockCount() - 1; b++) {
                    assertEquals(block, in.getBlockSize(b), "level " + level + ", block " + b);
                }
                assertArrayEquals(data, in.readAllBytes(), "level " + level);
            }
        }
    }

    @Test
    void levelsAboveSixFindWhatRepeatsFartherThanEightMiBBack() throws IOException {
        // Random bytes, text, and the same random bytes again 9 MiB after the first.
        byte[] random = new byte[256 << 10];
        new Random(11).nextBytes(random);
        byte[] data = text(9 * MIB + random.length);
        System.arraycopy(random, 0, data, 0, random.length);
        System.arraycopy(random, 0, data, 9 * MIB, random.length);
        int six = compress(data, 6, 2).length;
        int seven = compress(data, 7, 2).length;
        // Six's second block cannot look back to the first copy: it stores the random bytes twice.
        assertTrue(seven + random.length * 3 / 4 < six, "level 7: " + seven + " bytes, level 6: " + six);
    }

    @Test
    void encodersAreAsManyAsThreeQuartersOfTheHeapLeftHoldsAndAtLeastOne() throws IOException {
        for (int level = 0; level <= 9; level++) {
            long perEncoder = ParallelXzOutputStream.bytesPerEncoder(level);
            long besides = 2L * Math.max(CHUNK, new LZMA2Options(level).getDictSize());
            for (long left = 0; left < 40 * perEncoder; left += perEncoder / 3) {
                for (int threads = 1; threads <= 16; threads++) {
                    int encoders = ParallelXzOutputStream.encoders(level, threads, left);
                    String where = "level " + level + ", heap left " + left + ", threads " + threads;
                    assertTrue(encoders >= 1 && encoders <= threads, where + ": " + encoders);
                    if (encoders > 1) {
                        assertTrue(encoders * perEncoder + besides <= left / 4 * 3, where + ": " + encoders);
                    }
                    if (encoders < threads) {
                        assertTrue((encoders + 1) * perEncoder + besides > left / 4 * 3, where + ": " + encoders);
                    }
                }
            }
        }
    }

    @Test
    void aHeapThatCannotHoldOneEncoderIsAnErrorThatSaysWhatTheLevelNeedsAndWhichFits() throws IOException {
        for (int level = 0; level <= 9; level++) {
            long one = ParallelXzOutputStream.bytesForOne(level);
            // Garbage may fill the heap now: as long as the whole heap can hold one, one it is.
            ParallelXzOutputStream.checkHeapHoldsOne(level, one);
            assertEquals(1, ParallelXzOutputStream.encoders(level, 8, 0));
            int shown = level;
            IOException e = assertThrows(IOException.class, () -> ParallelXzOutputStream.checkHeapHoldsOne(shown, one - 1));
            String message = e.getMessage();
            assertTrue(message.startsWith("xz level " + level + " needs about " + (one + MIB - 1) / MIB + " MiB of heap"
                    + " for one encoder and its blocks, and this JVM may use " + (one - 1 + MIB - 1) / MIB + " MiB in"
                    + " all (-Xmx): give it more (under Maven, MAVEN_OPTS=-Xmx"), message);
            // The next lower level that needs less (5 needs what 6 needs: the same dictionary and match finder).
            int fits = new int[] {-1, 0, 1, 2, 3, 4, 4, 6, 7, 8}[level];
            String choice = fits < 0 ? "or choose zstd" : "or choose compressionLevel " + fits + " or lower (xz " + fits
                    + " needs about " + (ParallelXzOutputStream.bytesForOne(fits) + MIB - 1) / MIB + " MiB), or zstd";
            assertTrue(message.endsWith(choice), message);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HeapShare share = new HeapShare(one);
            assertThrows(IOException.class, () -> ParallelXzOutputStream.open(out, shown, 2, () -> one - 1, one - 1, share,
                    notice -> { }));
            assertEquals(0, share.reserved(), "a refused stream holds nothing");
            assertEquals(0, out.size(), "nothing written for level " + level);
        }
    }

    /**
     * A stream starts no more encoders than its share of the heap holds beside the other streams', and
     * gives the share back when it ends, closed or aborted.
     */
    @Test
    void aStreamTakesItsEncodersFromTheShareAndGivesThemBack() throws IOException {
        for (int level : new int[] {0, 3, 6}) {
            long one = ParallelXzOutputStream.bytesForOne(level);
            long each = ParallelXzOutputStream.bytesPerEncoder(level);
            long plenty = 64L << 30;
            for (int room = 1; room <= 4; room++) {
                HeapShare share = new HeapShare(one + (room - 1) * each);
                ParallelXzOutputStream written = ParallelXzOutputStream.open(new ByteArrayOutputStream(), level, 8,
                        () -> plenty, plenty, share, notice -> { });
                assertEquals(room, written.workers(), "level " + level + ", room for " + room);
                assertEquals(one + (room - 1) * each, share.reserved());
                written.write(text(3 * MIB));
                written.close();
                assertEquals(0, share.reserved(), "level " + level + ": a closed stream holds nothing");

                if (room > 1) { // with room for one only, the next stream would wait for the other (HeapShareTest)
                    HeapShare.Reservation other = share.reserve(each, each, 1);
                    ParallelXzOutputStream aborted = ParallelXzOutputStream.open(new ByteArrayOutputStream(), level,
                            8, () -> plenty, plenty, share, notice -> { });
                    assertEquals(room - 1, aborted.workers(), "level " + level + " beside another stream");
                    aborted.write(text(MIB));
                    aborted.abort();
                    assertEquals(each, share.reserved(), "level " + level + ": an aborted stream holds nothing");
                    other.release();
                }
            }
        }
    }

    /**
     * A stream that waits for the others' heap says why, and counts its encoders against the heap
     * they left once it may start, not against the heap they held while it waited.
     */
    @Test
    void aStreamThatWaitedCountsTheHeapTheOthersLeft() throws Exception {
        int level = 3;
        long one = ParallelXzOutputStream.bytesForOne(level);
        long each = ParallelXzOutputStream.bytesPerEncoder(level);
        HeapShare share = new HeapShare(one + 3 * each);
        HeapShare.Reservation others = share.reserve(3 * each + 1, each, 1); // leaves one byte short of one
        AtomicLong heapLeft = new AtomicLong(0);
        List<String> notices = new CopyOnWriteArrayList<>();
        CompletableFuture<ParallelXzOutputStream> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return ParallelXzOutputStream.open(new ByteArrayOutputStream(), level, 8, heapLeft::get, 64L << 30,
                        share, notices::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> waited.get(300, TimeUnit.MILLISECONDS));
        assertEquals(List.of("waiting for " + (one + MIB - 1) / MIB + " MiB of heap for xz: the packages written at"
                + " the same time hold " + (3 * each + 1 + MIB - 1) / MIB + " of the " + (one + 3 * each + MIB - 1) / MIB
                + " MiB they share"), notices);
        heapLeft.set(64L << 30);
        others.release();
        ParallelXzOutputStream stream = waited.get(10, TimeUnit.SECONDS);
        assertEquals(4, stream.workers(), "one and three more in the share, the heap measured after the wait");
        stream.close();
        assertEquals(0, share.reserved());
    }

    @Test
    void anAbortedStreamStopsItsEncodersWithinAMoment() throws Exception {
        // Two blocks that take level 7 about half a minute each; abort as soon as both are being compressed.
        byte[] data = halfCompressible(32 * MIB);
        ParallelXzOutputStream xz = ParallelXzOutputStream.open(new ByteArrayOutputStream(), 7, 2);
        xz.write(data);
        long started = System.nanoTime();
        xz.abort();
        while (xzThreads() > 0 && System.nanoTime() - started < 20_000_000_000L) {
            Thread.sleep(50);
        }
        assertEquals(0, xzThreads(), "rpmkit-xz threads still compressing "
                + (System.nanoTime() - started) / 1_000_000 + " ms after the stream was aborted");
    }

    private static long xzThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("rpmkit-xz")).count();
    }
}

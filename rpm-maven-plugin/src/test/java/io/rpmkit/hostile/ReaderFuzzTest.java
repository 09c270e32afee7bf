package io.rpmkit.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.read.HeaderEntry;
import io.rpmkit.read.PackageSummary;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.read.SafeExtractor;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.SamplePackages;
import io.rpmkit.write.RpmWriter;

/**
 * Feeds the reader damaged copies of packages our own writer made (every compression, every kind of
 * entry, flag, dependency and script), where io.rpmkit.read's own tests use hand-made and rpmbuild
 * packages. Each case truncates, flips bytes, plants a limit-testing number in a header, damages
 * only the payload, or cuts a range out, then reads the package, renders the inspect summary,
 * describes every header value, drains every payload file, verifies the digests and, for one case in
 * ten, extracts it. Two families are made rather than damaged ({@link CraftedPackage}): header arrays
 * that share one large string, and a cpio archive that disagrees with its header. Asserted for every
 * case: only {@link PackagingException} escapes, the case takes less than {@link #PER_CASE_MILLIS} of
 * CPU time (wall time varies with the machine's load; a case still waiting after {@link #HANG_MILLIS}
 * is a hang),
 * and the thread allocates less than {@link #MAX_ALLOCATION} plus {@link #ALLOCATION_PER_FILE_BYTE}
 * per byte of the file.
 *
 * <p>{@code -Dfuzz.cases=N} (default {@value #DEFAULT_CASES}, well under a minute) and
 * {@code -Dfuzz.seed=S} choose the run; the profile {@code fuzz-long} runs many more. A failure
 * names seed and case; {@code -Dfuzz.only=I} replays case I alone.
 */
class ReaderFuzzTest {
    static final int DEFAULT_CASES = 3000;
    static final long DEFAULT_SEED = 20261124L;
    static final long PER_CASE_MILLIS = 1000;
    /** Wall time after which a case counts as hung, whatever else the machine is doing. */
    static final long HANG_MILLIS = 30_000;
    /**
     * Above what a case needs (the largest legitimate one, xz at level 6, allocates its 8 MiB
     * dictionary plus buffers) and far below what a damaged length field could ask for.
     */
    static final long MAX_ALLOCATION = 64L << 20;
    /**
     * What a case may allocate beyond {@link #MAX_ALLOCATION} per byte of its file: crafted packages
     * of a few MiB (a header whose arrays share one large string) may take a small multiple of their
     * size, never what their shared strings would take if every path were built.
     */
    static final long ALLOCATION_PER_FILE_BYTE = 16;
    private static final int[] INTERESTING = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x10000, 0x0FFFFFFF,
        0x10000000, 16, -16, 8, 4, 0x00FFFFFF, 0x01000000};

    @TempDir
    Path dir;

    enum Outcome { REFUSED_AT_READ, REFUSED_LATER, DIGEST_MISMATCH, ALL_OK }

    record Sample(String compression, byte[] bytes, int headerOffset, int payloadOffset) {
    }

    /** @param nanos the CPU time the case took */
    record Result(Outcome outcome, long nanos, long allocated) {
    }

    @Test
    void damagedPackagesOfOurWriterRaiseOnlyPackagingExceptionQuicklyAndInBoundedMemory() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        Integer only = Integer.getInteger("fuzz.only");
        List<Sample> corpus = corpus();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "reader-fuzz");
            thread.setDaemon(true);
            return thread;
        });
        int[] outcomes = new int[Outcome.values().length];
        long started = System.nanoTime();
        long slowest = 0;
        long largest = 0;
        long totalAllocated = 0;
        String slowestCase = "";
        String largestCase = "";
        try {
            for (Sample sample : corpus) {
                // Loads the decoders and warms the code up, so that the first case is not timed cold.
                run(worker, threads, file("warm-" + sample.compression(), sample.bytes()), "intact", true, 60_000);
            }
            for (int i = only != null ? only : 0; i < (only != null ? only + 1 : cases); i++) {
                Random random = new Random(seed * 1_000_003L + i);
                Sample sample = corpus.get(i % corpus.size());
                Damage damage = damage(sample, random);
                String what = "seed " + seed + " case " + i + " (-Dfuzz.only=" + i + "), " + sample.compression()
                        + ": " + damage.what();
                Path file = file("case", damage.bytes());
                Result result = run(worker, threads, file, what, i % 10 == 0, PER_CASE_MILLIS);
                outcomes[result.outcome().ordinal()]++;
                totalAllocated += result.allocated();
                if (result.nanos() > slowest) {
                    slowest = result.nanos();
                    slowestCase = what;
                }
                if (result.allocated() > largest) {
                    largest = result.allocated();
                    largestCase = what;
                }
                long bound = MAX_ALLOCATION + ALLOCATION_PER_FILE_BYTE * damage.bytes().length;
                assertTrue(result.allocated() < bound, what + ": allocated " + mib(result.allocated())
                        + " for a file of " + mib(damage.bytes().length) + "; the bound is " + mib(bound));
            }
        } finally {
            worker.shutdownNow();
        }
        int run = only != null ? 1 : cases;
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "[reader-fuzz] %d cases, seed %d, %.1f s; outcomes %s%n", run, seed, seconds,
                describe(outcomes));
        System.out.printf(Locale.ROOT, "[reader-fuzz] slowest case %.1f ms of CPU time (%s)%n", slowest / 1e6, slowestCase);
        System.out.printf(Locale.ROOT, "[reader-fuzz] largest allocation %s (%s); mean %s per case%n", mib(largest),
                largestCase, mib(totalAllocated / Math.max(1, run)));
        if (only == null) {
            // Most damage must be noticed; a damaged package passing every digest would be a hole.
            assertTrue(outcomes[Outcome.ALL_OK.ordinal()] < run / 20, describe(outcomes));
        }
    }

    /** Packages of our writer, one per compression, from the sample that uses every feature. */
    private List<Sample> corpus() throws Exception {
        List<Sample> corpus = new ArrayList<>();
        Path sources = Files.createDirectories(dir.resolve("sources"));
        for (Compression compression : Compression.values()) {
            PackageSpec spec = SamplePackages.everything(sources).compression(compression, null)
                    .entry(Entry.file("/usr/share/sample/generated.bin", new GeneratedContent(300_000, 3))).build();
            Path rpm = dir.resolve(compression.settingName() + ".rpm");
            new RpmWriter(Console.SILENT).write(spec, rpm);
            RpmPackage pkg = RpmReader.read(rpm);
            assertTrue(pkg.verifyDigests().allOk(), compression + " sample");
            corpus.add(new Sample(compression.settingName(), Files.readAllBytes(rpm), (int) pkg.headerOffset(),
                    (int) pkg.payloadOffset()));
        }
        return corpus;
    }

    record Damage(byte[] bytes, String what) {
    }

    /** A damaged copy of the sample, and what was done to it. */
    private static Damage damage(Sample sample, Random random) {
        byte[] bytes = sample.bytes().clone();
        int length = bytes.length;
        // One case in twenty is a crafted package; making one costs more than damaging a copy.
        int kind = random.nextInt(40);
        if (kind < 2) {
            return kind == 0 ? CraftedPackage.sharedDirectoryName(random)
                    : CraftedPackage.cpioDisagreeingWithHeader(random);
        }
        return switch (kind % 6) {
            case 0 -> {
                int cut = random.nextInt(length);
                yield new Damage(Arrays.copyOf(bytes, cut), "truncated to " + cut);
            }
            case 1 -> new Damage(bytes, flip(bytes, random, 0, length));
            case 2 -> {
                // A number in a header: counts, offsets, sizes, tags.
                int at = random.nextInt(sample.payloadOffset() / 4) * 4;
                int value = INTERESTING[random.nextInt(INTERESTING.length)];
                ByteBuffer.wrap(bytes).putInt(at, value);
                yield new Damage(bytes, "int at " + at + " set to " + Integer.toHexString(value));
            }
            case 3 -> new Damage(bytes, "payload " + flip(bytes, random, sample.payloadOffset(), length));
            // The main header's index and data, where most of the parsing happens.
            case 4 -> new Damage(bytes, "main header " + flip(bytes, random, sample.headerOffset(),
                    sample.payloadOffset()));
            default -> {
                // A range cut out: every offset after it now lies.
                int from = random.nextInt(length);
                int cut = 1 + random.nextInt(Math.min(64, length - from));
                byte[] shorter = new byte[length - cut];
                System.arraycopy(bytes, 0, shorter, 0, from);
                System.arraycopy(bytes, from + cut, shorter, from, length - from - cut);
                yield new Damage(shorter, cut + " bytes cut at " + from);
            }
        };
    }

    private static String flip(byte[] bytes, Random random, int from, int to) {
        StringBuilder what = new StringBuilder("bytes");
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = from + random.nextInt(to - from);
            bytes[at] = (byte) random.nextInt(256);
            what.append(' ').append(at).append('=').append(bytes[at] & 0xFF);
        }
        return what.toString();
    }

    private Result run(ExecutorService worker, com.sun.management.ThreadMXBean threads, Path file, String what,
            boolean extract, long limitMillis) throws Exception {
        Future<Result> future = worker.submit(() -> {
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadCpuTime();
            Outcome outcome = exercise(file, what, extract);
            return new Result(outcome, threads.getCurrentThreadCpuTime() - start,
                    threads.getCurrentThreadAllocatedBytes() - allocatedBefore);
        });
        long hangMillis = Math.max(limitMillis, HANG_MILLIS);
        try {
            Result result = future.get(hangMillis, TimeUnit.MILLISECONDS);
            assertTrue(result.nanos() < TimeUnit.MILLISECONDS.toNanos(limitMillis), what + " took "
                    + result.nanos() / 1_000_000 + " ms of CPU time");
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + ": no answer within " + hangMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + ": " + e.getCause(), e.getCause());
        }
    }

    private Outcome exercise(Path file, String what, boolean extract) throws IOException {
        RpmPackage pkg;
        try {
            pkg = RpmReader.read(file);
        } catch (PackagingException e) {
            return Outcome.REFUSED_AT_READ;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": reading threw " + e, e);
        }
        try {
            PackageSummary.render(pkg);
            pkg.header().entries().forEach(HeaderEntry::describe);
            pkg.signature().entries().forEach(HeaderEntry::describe);
            pkg.forEachPayloadEntry(entry -> entry.content().transferTo(OutputStream.nullOutputStream()));
            if (extract) {
                Path target = Files.createTempDirectory(dir, "extract");
                try {
                    SafeExtractor.extract(pkg, target);
                } finally {
                    deleteTree(target);
                }
            }
            return pkg.verifyDigests().allOk() ? Outcome.ALL_OK : Outcome.DIGEST_MISMATCH;
        } catch (PackagingException e) {
            return Outcome.REFUSED_LATER;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name + ".rpm"), bytes);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                path.toFile().setWritable(true);
                Files.deleteIfExists(path);
            }
        }
    }

    private static String describe(int[] outcomes) {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : Outcome.values()) {
            text.append(text.length() == 0 ? "" : ", ").append(outcome.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(outcomes[outcome.ordinal()]);
        }
        return text.toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}

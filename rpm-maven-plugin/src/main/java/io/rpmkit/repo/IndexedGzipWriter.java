package io.rpmkit.repo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.rpmkit.format.Digests;
import io.rpmkit.payload.DeflaterPool;
import io.rpmkit.payload.DigestingOutputStream;
import io.rpmkit.payload.GzipFraming;

/**
 * Writes one metadata file in the {@link IndexedGzip} layout: the text comes in as bytes, with a
 * call at the end of the opening and of each package; chunks are deflated on a pool, in order, and
 * a chunk made of the same packages as one of the previous file, after the same chunk, is copied
 * from it instead. The deflate bytes go to a spool file first, because the index that heads the
 * file is known only at the end; the file is then assembled and its SHA-256 taken in one pass.
 */
final class IndexedGzipWriter extends OutputStream {
    private static final int SPOOL_BUFFER = 64 * 1024;

    /** A package of a previous file: the file, and its place among that file's packages. */
    record Kept(PreviousFile file, int record) {
    }

    /** What the file came to, for repomd.xml. */
    record Written(String checksum, long size, String openChecksum, long openSize) {
    }

    private final Path target;
    private final Path spool;
    private final OutputStream spoolOut;
    private final ExecutorService pool;
    private final int level;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final List<Integer> compressedLengths = new ArrayList<>();
    private final DeflaterPool deflaters;
    private final CRC32 crc = new CRC32();
    private final MessageDigest textDigest = Digests.sha256();
    private long textLength;
    /** Chunk buffers and dictionaries whose jobs are done, for the next chunks: a long file allocates a few only. */
    private final Queue<byte[]> freeChunks = new ConcurrentLinkedQueue<>();
    private final Queue<byte[]> freeDictionaries = new ConcurrentLinkedQueue<>();
    private byte[] chunk = new byte[IndexedGzip.MIN_CHUNK * 2];
    private int filled;
    /** The last bytes of the chunk before, the next chunk's dictionary; none after the opening. */
    private byte[] dictionary;
    private int dictionaryLength;
    /** The packages of the chunk being filled, while they are all kept, in order, from one previous chunk. */
    private PreviousFile runFile;
    private int runChunk;
    private int runNext;
    private int runCount;
    private boolean runBroken;
    /** Whether the chunk being filled began inside a package (a very long one was cut). */
    private boolean startsInsidePackage;
    private boolean finished;

    /**
     * @param deflaters shared with the other files, and ended by their owner; their level is the file's
     */
    IndexedGzipWriter(Path target, ExecutorService pool, int threads, DeflaterPool deflaters) throws IOException {
        this.target = target;
        this.spool = target.resolveSibling(target.getFileName() + ".deflate");
        this.spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), SPOOL_BUFFER);
        this.pool = pool;
        this.level = deflaters.level();
        this.maxInFlight = 2 * threads;
        this.deflaters = deflaters;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        textDigest.update(b, off, len);
        textLength += len;
        while (len > 0) {
            int n = Math.min(len, IndexedGzip.HARD_LIMIT - filled);
            if (filled + n > chunk.length) {
                chunk = Arrays.copyOf(chunk, Math.min(IndexedGzip.HARD_LIMIT, Math.max(filled + n, 2 * chunk.length)));
            }
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == IndexedGzip.HARD_LIMIT) {
                runBroken = true;
                cut();
                startsInsidePackage = true;
            }
        }
    }

    /** The XML declaration and root element are written: they are a chunk of their own. */
    void endOpening() throws IOException {
        cut();
        dictionary = null; // the opening holds the package count: no chunk after it depends on it
        dictionaryLength = 0;
    }

    /**
     * A package's text is written.
     *
     * @param kept where it was in the previous file, or null for a package indexed now
     */
    void endPackage(String pkgid, Kept kept) throws IOException {
        if (runCount == 0 && !runBroken && !startsInsidePackage && kept != null
                && kept.file().startsChunk(kept.record())) {
            runFile = kept.file();
            runChunk = kept.file().chunkOf(kept.record());
            runNext = kept.record() + 1;
            runCount = 1;
        } else if (runCount > 0 && kept != null && kept.file() == runFile && kept.record() == runNext) {
            runNext++;
            runCount++;
        } else {
            runBroken = true;
        }
        if (IndexedGzip.endsChunk(filled, pkgid)) {
            cut();
        }
    }

    /** Ends the chunk being filled: copied when the previous file has the same one, else deflated. */
    private void cut() throws IOException {
        if (filled == 0) {
            return;
        }
        byte[] text = chunk;
        int length = filled;
        byte[] priming = dictionary;
        int primingLength = dictionaryLength;
        dictionary = freeDictionaries.poll();
        if (dictionary == null) {
            dictionary = new byte[IndexedGzip.DICTIONARY];
        }
        dictionaryLength = Math.min(IndexedGzip.DICTIONARY, length);
        System.arraycopy(text, length - dictionaryLength, dictionary, 0, dictionaryLength);
        int copiedFrom = copiable(priming, primingLength) ? runChunk : -1;
        if (copiedFrom >= 0) {
            inFlight.add(CompletableFuture.completedFuture(runFile.compressedChunk(copiedFrom)));
            freeChunks.add(text);
            if (priming != null) {
                freeDictionaries.add(priming);
            }
        } else {
            inFlight.add(pool.submit(new Deflating(text, length, priming, primingLength)));
        }
        chunk = freeChunks.poll();
        if (chunk == null) {
            chunk = new byte[IndexedGzip.MIN_CHUNK * 2];
        }
        filled = 0;
        runCount = 0;
        runBroken = false;
        runFile = null;
        startsInsidePackage = false;
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
    }

    /**
     * Whether the chunk is one of the previous file's: its packages, all of them and no more, primed
     * by the same text (none after the opening), at the same level.
     */
    private boolean copiable(byte[] priming, int primingLength) {
        if (runBroken || runCount == 0 || !runFile.hasCompressedChunks() || runCount != runFile.chunkPackages(runChunk)
                || runFile.level() != level) {
            return false;
        }
        return runFile.primedBy(runChunk, priming, primingLength);
    }

    /** Deflates {@code text[0, length)} primed with {@code priming[0, primingLength)}, then frees both buffers. */
    private byte[] deflate(byte[] text, int length, byte[] priming, int primingLength) {
        Deflater deflater = deflaters.take();
        try {
            if (priming != null) {
                deflater.setDictionary(priming, 0, primingLength);
                freeDictionaries.add(priming);
            }
            deflater.setInput(text, 0, length);
            byte[] output = new byte[DeflaterPool.room(length)];
            int written = 0;
            while (true) {
                written += deflater.deflate(output, written, output.length - written, Deflater.SYNC_FLUSH);
                if (written < output.length) {
                    return Arrays.copyOf(output, written); // the flush left room: it had no more to say
                }
                output = Arrays.copyOf(output, output.length * 2);
            }
        } finally {
            deflaters.give(deflater);
            freeChunks.add(text); // the Deflater has read it all: a SYNC_FLUSH leaves no input behind
        }
    }

    /** One chunk's deflating, for the pool; a class rather than a lambda (see {@link DaemonThreads}). */
    private final class Deflating implements Callable<byte[]> {
        private final byte[] text;
        private final int length;
        private final byte[] priming;
        private final int primingLength;

        Deflating(byte[] text, int length, byte[] priming, int primingLength) {
            this.text = text;
            this.length = length;
            this.priming = priming;
            this.primingLength = primingLength;
        }

        @Override
        public byte[] call() {
            return deflate(text, length, priming, primingLength);
        }
    }

    private void writeOldest() throws IOException {
        try {
            byte[] compressed = inFlight.removeFirst().get();
            spoolOut.write(compressed);
            compressedLengths.add(compressed.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing the metadata");
        } catch (ExecutionException e) {
            throw new IOException("compressing the metadata failed", e.getCause());
        }
    }

    /** Ends the packages' chunk and writes the rest (the closing root element) as the last chunk, then the file. */
    Written finish(byte[] closing) throws IOException {
        cut();
        write(closing, 0, closing.length); // primed by the last packages, like any chunk
        runBroken = true;
        cut();
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        spoolOut.close();
        int[] lengths = new int[compressedLengths.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = compressedLengths.get(i);
        }
        Written written;
        try (DigestingOutputStream out = new DigestingOutputStream(new BufferedOutputStream(
                Files.newOutputStream(target), SPOOL_BUFFER), Digests.sha256());
                InputStream in = Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE)) {
            out.write(IndexedGzip.header(level, lengths));
            in.transferTo(out);
            out.write(IndexedGzip.finalBlock());
            out.write(GzipFraming.trailer(crc.getValue(), textLength));
            out.flush();
            written = new Written(Digests.hex(out.digest()), out.count(), Digests.hex(textDigest.digest()), textLength);
        }
        finished = true;
        return written;
    }

    /** Unless finished: drops what is in flight and closes the spool, which is deleted. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        try {
            spoolOut.close();
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}

package io.rpmkit.repo;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.rpmkit.format.Digests;
import io.rpmkit.payload.DeflaterPool;
import io.rpmkit.payload.DigestingOutputStream;

/**
 * primary, filelists and other.xml written side by side into the staging directory, package by
 * package; once finished, each file is named after its checksum. gzip files are written in the
 * {@link IndexedGzip} layout, their chunks compressed on a pool shared by the three; a package kept
 * from the previous metadata brings its text, and its compressed chunk where the chunk is the same.
 * zstd files go through a zstd stream, whose workers are its own. Either way the thread that hands
 * over the text is free to take the next package.
 */
final class MetadataStreams implements Closeable {
    private static final int BUFFER = 64 * 1024;

    /** One metadata file as text goes in. */
    private interface Stream {
        MetadataXml kind();

        OutputStream text();

        /** Called after each package's text, with where it came from when kept. */
        void endPackage(String pkgid, IndexedGzipWriter.Kept kept) throws IOException;

        IndexedGzipWriter.Written finish(byte[] closing) throws IOException;

        /** Stops writing, for a build that failed; the caller deletes the files. */
        void abort();
    }

    private record GzipStream(MetadataXml kind, IndexedGzipWriter writer) implements Stream {
        @Override
        public OutputStream text() {
            return writer;
        }

        @Override
        public void endPackage(String pkgid, IndexedGzipWriter.Kept kept) throws IOException {
            writer.endPackage(pkgid, kept);
        }

        @Override
        public IndexedGzipWriter.Written finish(byte[] closing) throws IOException {
            return writer.finish(closing);
        }

        @Override
        public void abort() {
            try {
                writer.close();
            } catch (IOException e) {
                // The staging directory is deleted; a spool that does not close changes nothing.
            }
        }
    }

    /** The text through its digest, the compressor and the digest of the compressed bytes, to the file, then {@link ZstdMark}. */
    private record ZstdStream(MetadataXml kind, OutputStream file, DigestingOutputStream compressed,
            OutputStream compressor, DigestingOutputStream text) implements Stream {
        @Override
        public void endPackage(String pkgid, IndexedGzipWriter.Kept kept) {
            // zstd frames are not cut at packages: nothing to do
        }

        @Override
        public IndexedGzipWriter.Written finish(byte[] closing) throws IOException {
            text.write(closing);
            text.close(); // ends the frame; the file stays open for our mark
            compressed.write(ZstdMark.frame());
            compressed.close();
            return new IndexedGzipWriter.Written(Digests.hex(compressed.digest()), compressed.count(),
                    Digests.hex(text.digest()), text.count());
        }

        @Override
        public void abort() {
            try {
                compressor.close(); // frees the compressor's native memory
            } catch (IOException e) {
                // As below.
            }
            try {
                file.close();
            } catch (IOException e) {
                // The staging directory is deleted; a file that does not close changes nothing.
            }
        }
    }

    private final List<Stream> streams = new ArrayList<>();
    private final Path staging;
    private final MetadataCompression compression;
    private final ExecutorService pool;
    private final DeflaterPool deflaters = new DeflaterPool(MetadataCompression.GZIP_LEVEL);
    private boolean finished;

    private MetadataStreams(Path staging, MetadataCompression compression, ExecutorService pool) {
        this.staging = staging;
        this.compression = compression;
        this.pool = pool;
    }

    /** Starts the three files with their XML declaration and root element, for {@code packages} packages. */
    static MetadataStreams open(Path staging, int packages, MetadataCompression compression) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = compression == MetadataCompression.GZIP ? Executors.newFixedThreadPool(threads,
                new DaemonThreads("rpmkit-metadata-gzip")) : null;
        MetadataStreams opened = new MetadataStreams(staging, compression, pool);
        try {
            for (MetadataXml kind : MetadataXml.values()) {
                Path partial = partial(staging, kind);
                Stream stream = compression == MetadataCompression.GZIP
                        ? new GzipStream(kind, new IndexedGzipWriter(partial, pool, threads, opened.deflaters))
                        : zstd(kind, partial);
                opened.streams.add(stream);
                stream.text().write(kind.opening(packages).getBytes(StandardCharsets.UTF_8));
                if (stream instanceof GzipStream gzip) {
                    gzip.writer().endOpening();
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private static Path partial(Path staging, MetadataXml kind) {
        return staging.resolve(kind.type() + ".xml.part");
    }

    private static ZstdStream zstd(MetadataXml kind, Path partial) throws IOException {
        OutputStream file = Files.newOutputStream(partial);
        DigestingOutputStream compressed = new DigestingOutputStream(new BufferedOutputStream(file, BUFFER),
                Digests.sha256());
        OutputStream compressor;
        try {
            compressor = MetadataCompression.zstdCompressor(new FilterOutputStream(compressed) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the compressor's end is not the file's: ZstdMark follows
                }
            });
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return new ZstdStream(kind, file, compressed, compressor, new DigestingOutputStream(compressor,
                Digests.sha256()));
    }

    /**
     * @param rendered the package's text in each file, in the order of {@link MetadataXml#values()}, or
     *     null to have it rendered here, piece by piece into the compressors
     */
    void append(PackageMetadata pkg, byte[][] rendered) throws IOException {
        for (Stream stream : streams) {
            if (rendered != null) {
                stream.text().write(rendered[stream.kind().ordinal()]);
            } else {
                // Flushed, never closed: the stream stays open for the next package.
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream.text(), StandardCharsets.UTF_8),
                        BUFFER);
                stream.kind().appendPackage(writer, pkg);
                writer.flush();
            }
            stream.endPackage(pkg.pkgid(), null);
        }
    }

    /** A package kept from the previous metadata: its text, as it was, in each file. */
    void keep(KeptRepodata previous, KeptRepodata.KeptPackage pkg) throws IOException {
        for (Stream stream : streams) {
            PreviousFile file = previous.file(stream.kind());
            stream.text().write(file.text(), file.start(pkg.index()), file.end(pkg.index()) - file.start(pkg.index()));
            stream.endPackage(pkg.pkgid(), new IndexedGzipWriter.Kept(file, pkg.index()));
        }
    }

    /** Closes the three files, names each after its checksum, and returns what repomd.xml says of them. */
    List<RepomdRecord> finish(long revision, FileTime time) throws IOException {
        List<RepomdRecord> records = new ArrayList<>();
        for (Stream stream : streams) {
            IndexedGzipWriter.Written written = stream.finish(stream.kind().closing().getBytes(StandardCharsets.UTF_8));
            Path target = staging.resolve(stream.kind().fileName(written.checksum(), compression));
            Files.move(partial(staging, stream.kind()), target);
            Files.setLastModifiedTime(target, time);
            records.add(new RepomdRecord(stream.kind().type(), written.checksum(), written.openChecksum(),
                    RepositoryWriter.REPODATA + "/" + target.getFileName(), revision, written.size(),
                    written.openSize()));
        }
        finished = true;
        release();
        return records;
    }

    /** Unless finished: stops the compressors and closes the files, which the caller deletes. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            streams.forEach(Stream::abort);
        }
        release();
    }

    private void release() {
        if (pool != null) {
            pool.shutdownNow();
        }
        deflaters.endAll();
    }
}

package io.rpmkit.repo;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
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

import io.rpmkit.format.Digests;
import io.rpmkit.payload.DigestingOutputStream;
import io.rpmkit.payload.ParallelChunkOutputStream;

/**
 * primary, filelists and other.xml written side by side into the staging directory, package by
 * package, each through the digest of its text, its compressor and the digest of its compressed
 * bytes; once finished, each file is named after its checksum. The compressors work on threads of
 * their own, so the thread that hands them the text is free to take the next package.
 */
final class MetadataStreams implements Closeable {
    private static final int BUFFER = 64 * 1024;

    /** One metadata file: where it is written, and its streams from the text down to the file. */
    private record Stream(MetadataXml kind, Path partial, OutputStream file, DigestingOutputStream compressed,
            OutputStream compressor, DigestingOutputStream text) {
    }

    private final List<Stream> streams = new ArrayList<>();
    private final Path staging;
    private final MetadataCompression compression;
    private boolean finished;

    private MetadataStreams(Path staging, MetadataCompression compression) {
        this.staging = staging;
        this.compression = compression;
    }

    /** Starts the three files with their XML declaration and root element, for {@code packages} packages. */
    static MetadataStreams open(Path staging, int packages, MetadataCompression compression) throws IOException {
        MetadataStreams opened = new MetadataStreams(staging, compression);
        try {
            for (MetadataXml kind : MetadataXml.values()) {
                Path partial = staging.resolve(kind.type() + ".xml.part");
                OutputStream file = Files.newOutputStream(partial);
                DigestingOutputStream compressed = new DigestingOutputStream(new BufferedOutputStream(file, BUFFER),
                        Digests.sha256());
                OutputStream compressor;
                try {
                    compressor = compression.compress(compressed);
                } catch (IOException | RuntimeException e) {
                    file.close();
                    throw e;
                }
                DigestingOutputStream text = new DigestingOutputStream(compressor, Digests.sha256());
                opened.streams.add(new Stream(kind, partial, file, compressed, compressor, text));
                text.write(kind.opening(packages).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
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
        }
    }

    /** Closes the three files, names each after its checksum, and returns what repomd.xml says of them. */
    List<RepomdRecord> finish(long revision, FileTime time) throws IOException {
        List<RepomdRecord> records = new ArrayList<>();
        for (Stream stream : streams) {
            stream.text().write(stream.kind().closing().getBytes(StandardCharsets.UTF_8));
            stream.text().close(); // finishes the compressed stream and closes the file
            String checksum = Digests.hex(stream.compressed().digest());
            Path target = staging.resolve(stream.kind().fileName(checksum, compression));
            Files.move(stream.partial(), target);
            Files.setLastModifiedTime(target, time);
            records.add(new RepomdRecord(stream.kind().type(), checksum, Digests.hex(stream.text().digest()),
                    RepositoryWriter.REPODATA + "/" + target.getFileName(), revision, stream.compressed().count(),
                    stream.text().count()));
        }
        finished = true;
        return records;
    }

    /** Unless finished: stops the compressors' threads and closes the files, which the caller deletes. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        for (Stream stream : streams) {
            try {
                if (stream.compressor() instanceof ParallelChunkOutputStream<?> parallel) {
                    parallel.abort();
                } else {
                    stream.compressor().close(); // frees the compressor's native memory
                }
            } catch (IOException e) {
                // As below.
            }
            try {
                stream.file().close();
            } catch (IOException e) {
                // The staging directory is deleted; a file that does not close changes nothing.
            }
        }
        finished = true;
    }
}

package io.rpmkit.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.format.Cpio;
import io.rpmkit.format.Digests;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.SignatureHeader;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.SignatureValue;
import io.rpmkit.format.Utf8;
import io.rpmkit.payload.Compressors;
import io.rpmkit.payload.CpioWriter;
import io.rpmkit.payload.DigestingOutputStream;
import io.rpmkit.payload.HeapShare;
import io.rpmkit.payload.ParallelChunkOutputStream;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;
import io.rpmkit.spec.PackageSpec;

/**
 * Writes a package in one pass over its inputs.
 *
 * <p>Redline's builder is not used here: it reads every file three times, compresses the payload
 * twice, is gzip-only, truncates sizes to 32 bits, stores the compressed digest as the uncompressed
 * one and makes packages own their parent directories. Instead each input byte is read once, while
 * its digest, the cpio stream, the compression and both payload digests are computed; the payload
 * is written once, into the package's temporary file behind room left for the headers, which are
 * filled in once the digests are known (see {@link #predictHeaders} for when it is copied instead).
 * The package appears at its final path only when complete (an atomic rename).
 */
public final class RpmWriter {
    private static final int COPY_BUFFER = 256 * 1024;

    private final Console console;
    private final HeapShare heap;

    /** A writer whose payloads count the heap as theirs alone. */
    public RpmWriter(Console console) {
        this(console, new HeapShare());
    }

    /**
     * @param heap the heap this writer's payloads divide with those of other writers that run at the
     *     same time in this JVM: give them all the same
     */
    public RpmWriter(Console console, HeapShare heap) {
        this.console = console;
        this.heap = heap;
    }

    /** Writes {@code spec} to {@code output}, replacing what is there only when the new file is whole. */
    public void write(PackageSpec spec, Path output) throws PackagingException {
        write(spec, output, null);
    }

    /** Writes and signs; {@code signing} may be null for an unsigned package. */
    public void write(PackageSpec spec, Path output, Signing signing) throws PackagingException {
        Compressors.prepare(spec.compression());
        Path directory = output.toAbsolutePath().getParent();
        checkFileName(output);
        PackageFile packageFile = null;
        PackageFile finished = null;
        try {
            try {
                Files.createDirectories(directory);
                packageFile = PackageFile.create(output);
            } catch (IOException e) {
                throw new PackagingException("outputDirectory " + Quoting.quote(directory) + " cannot be created or"
                        + " written (" + e + "): choose a writable directory", e);
            }
            List<Entry> entries = new ArrayList<>(spec.entries());
            entries.sort(Comparator.comparing(Entry::path));
            long[] sizes = sizes(entries);
            MainHeader.FileColumns files = MainHeader.fileColumns(spec, entries);
            PayloadResult payload;
            try (OutputStream room = packageFile.reserveHeaders(predictHeaders(spec, entries, sizes, files, signing))) {
                payload = writePayload(spec, entries, sizes, room);
            }
            byte[] header = MainHeader.encode(spec, payload, files);
            RpmAcceptance.checkMainHeader(header);
            if (signing != null
                    || unsignedHeadersLength(spec, header.length, payload) == packageFile.reservedHeaders()) {
                packageFile.startFlush(); // a payload about to be copied behind other headers is not flushed
            }
            finished = assemble(spec, output, header, payload, packageFile, signing);
            finished.commit();
            console.info("Wrote " + output + " (" + Files.size(output) + " bytes, " + payload.entries().size()
                    + " entries, " + spec.compression().settingName() + " " + spec.compressionLevel()
                    + (signing == null ? "" : ", signed " + signing.signer().describe()
                            + (signing.legacy() ? " with the legacy signature" : "")) + ")");
        } catch (IOException e) {
            // A plain IOException's message is the whole story; a subclass's name says what went wrong
            // (NoSuchFileException and its path, say).
            throw new PackagingException("writing " + output + " failed: " + (e.getClass() == IOException.class
                    ? e.getMessage() : e.toString()), e);
        } finally {
            if (finished != null && finished != packageFile) {
                finished.close();
            }
            if (packageFile != null) {
                packageFile.close();
            }
        }
    }

    /** A name the file system cannot hold would otherwise fail as an unwritable directory. */
    private static void checkFileName(Path output) throws PackagingException {
        Path name = output.toAbsolutePath().getFileName();
        int length = name == null ? 0 : Utf8.length(name.toString());
        if (length > RpmLimits.NAME_MAX) {
            throw new PackagingException("the package's file name " + Quoting.quote(name) + " is " + length
                    + " bytes; file systems accept up to " + RpmLimits.NAME_MAX + " (NAME_MAX): shorten the package"
                    + " name, version or release, or set a shorter fileName");
        }
    }

    /**
     * The length of lead, signature header and main header, predicted before the payload is written
     * so that it can be written in place behind them. Every value the payload decides has a fixed
     * width except these, which the prediction cannot know: the interpreters of {@code #!} lines
     * (Requires), a v6 package's MIME types, the 4 GiB switches of the compressed and archive sizes,
     * and a signature packet's length (an RSA or DSA number with leading zero bytes is shorter).
     * When the real headers come out another length, {@link #assemble} copies the payload once more.
     */
    private static long predictHeaders(PackageSpec spec, List<Entry> entries, long[] sizes,
            MainHeader.FileColumns files, Signing signing) throws PackagingException {
        PayloadResult draft = PayloadResult.draft(spec.rpmFormat().isV6(), entries, sizes);
        if (signing == null) { // only lengths: the header of a large tree is not encoded an extra time
            return unsignedHeadersLength(spec, MainHeader.encodedLength(spec, draft, files), draft);
        }
        byte[] header = MainHeader.encode(spec, draft, files);
        List<SignatureValue> signatures = new ArrayList<>();
        signatures.add(signing.signer().signHeader(header));
        if (spec.rpmFormat().isV6()) {
            return Lead.SIZE + SignatureHeader.encodeV6(header, asRpmsignV6(signatures)).length + header.length;
        }
        if (signing.legacy()) {
            HeaderSigner.StreamingSignature legacy = signing.signer().startLegacy();
            legacy.update(ByteBuffer.wrap(header));
            signatures.add(legacy.finish());
        }
        return Lead.SIZE + SignatureHeader.encode(header, draft.compressedSize(), draft.uncompressedSize(),
                new byte[16], signatures).length + header.length;
    }

    /** Lead, unsigned signature header and a main header of {@code headerLength} bytes, in all. */
    private static long unsignedHeadersLength(PackageSpec spec, int headerLength, PayloadResult payload) {
        return Lead.SIZE + headerLength + (spec.rpmFormat().isV6() ? SignatureHeader.unsignedLengthV6()
                : SignatureHeader.unsignedLength(headerLength, payload.compressedSize(), payload.uncompressedSize()));
    }

    private PayloadResult writePayload(PackageSpec spec, List<Entry> entries, long[] sizes, OutputStream room)
            throws IOException, PackagingException {
        boolean v6 = spec.rpmFormat().isV6();
        // v6 packages always use the stripped archive; v4 ones only when a file is too large for newc.
        boolean stripped = v6 || Arrays.stream(sizes).anyMatch(size -> size > Cpio.MAX_NEWC_SIZE);
        List<String> digests = new ArrayList<>(entries.size());
        List<String> mimeTypes = new ArrayList<>(v6 ? entries.size() : 0);
        List<List<String>> fileInterpreters = new ArrayList<>(v6 ? entries.size() : 0);
        int[] fileColors = new int[v6 ? entries.size() : 0];
        List<MessageDigest> compressedV6 = v6 ? List.of(Digests.sha512(), Digests.sha3_256()) : List.of();
        List<MessageDigest> uncompressedV6 = v6 ? List.of(Digests.sha512(), Digests.sha3_256()) : List.of();
        Set<String> interpreters = new LinkedHashSet<>();
        DigestingOutputStream compressed;
        DigestingOutputStream uncompressed;
        Progress progress = new Progress(console, Arrays.stream(sizes).sum());
        OutputStream compressor = null;
        try (OutputStream file = new BufferedOutputStream(room, COPY_BUFFER)) {
            compressed = new DigestingOutputStream(file, Digests.sha256(), compressedV6);
            compressor = Compressors.compress(spec.compression(), compressed, spec.compressionLevel(), heap,
                    console::info);
            uncompressed = new DigestingOutputStream(compressor, Digests.sha256(), uncompressedV6);
            CpioWriter cpio = new CpioWriter(uncompressed);
            MessageDigest fileDigest = Digests.sha256(); // one for every file: digest() leaves it reset
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                digests.add("");
                if (v6) {
                    mimeTypes.add(MimeTypes.of(entry, new byte[0]));
                    fileInterpreters.add(List.of());
                }
                if (!entry.inPayload()) {
                    continue;
                }
                if (stripped) {
                    cpio.writeStrippedHeader(i);
                } else {
                    cpio.writeHeader(new CpioWriter.Record(entry.path(), PayloadResult.inode(i), entry.fileMode(),
                            spec.buildTime().getEpochSecond(), sizes[i],
                            entry.kind() == EntryKind.DIRECTORY ? 2 : 1));
                }
                switch (entry.kind()) {
                    case FILE -> {
                        CopiedFile copied = copyContent(entry, sizes[i], cpio, progress, interpreters, v6, fileDigest);
                        digests.set(i, copied.digest());
                        if (v6) {
                            mimeTypes.set(i, MimeTypes.of(entry, copied.head()));
                            fileColors[i] = MimeTypes.color(entry, copied.head());
                            fileInterpreters.set(i, copied.interpreters());
                        }
                    }
                    case SYMLINK -> cpio.writeData(entry.linkTarget().getBytes(StandardCharsets.UTF_8));
                    case DIRECTORY -> {
                        // A directory has no data.
                    }
                }
                if (entry.kind() != EntryKind.FILE) {
                    progress.advance(sizes[i]);
                }
            }
            cpio.finish();
            if (compressor != compressed) {
                compressor.close(); // finishes the compressed stream and flushes it into the file
            }
            compressor = null;
        } finally {
            if (compressor instanceof ParallelChunkOutputStream<?> parallel) {
                parallel.abort(); // a failed build must not leave compression threads behind
            } else if (compressor != null) {
                closeQuietly(compressor);
            }
        }
        PayloadResult.V6Digests v6Digests = v6 ? new PayloadResult.V6Digests(
                Digests.hex(compressedV6.get(0).digest()), Digests.hex(uncompressedV6.get(0).digest()),
                Digests.hex(compressedV6.get(1).digest()), Digests.hex(uncompressedV6.get(1).digest())) : null;
        return new PayloadResult(entries, sizes, digests, List.copyOf(interpreters), compressed.count(),
                uncompressed.count(),
                Digests.hex(compressed.digest()), Digests.hex(uncompressed.digest()), mimeTypes, v6Digests,
                fileInterpreters, fileColors);
    }

    /** Sizes as the header states them: content for files, target length for links, 0 otherwise. */
    private static long[] sizes(List<Entry> entries) throws PackagingException {
        long[] sizes = new long[entries.size()];
        for (int i = 0; i < sizes.length; i++) {
            Entry entry = entries.get(i);
            if (entry.kind() == EntryKind.SYMLINK) {
                sizes[i] = Utf8.length(entry.linkTarget());
            } else if (entry.kind() == EntryKind.FILE && entry.inPayload()) {
                try {
                    sizes[i] = entry.content().size();
                } catch (IOException e) {
                    throw new PackagingException("entry " + Quoting.quote(entry.path()) + ": reading source '"
                            + entry.content().origin() + "' failed: " + e.getMessage(), e);
                }
            }
        }
        return sizes;
    }

    /** A file's hex SHA-256, the interpreters its {@code #!} line names and, when sampled, its first bytes. */
    private record CopiedFile(String digest, List<String> interpreters, byte[] head) {
    }

    /**
     * Copies a file's content into the archive; an executable's interpreters go to {@code interpreters}.
     *
     * @param sample whether to keep the file's first bytes, which decide its MIME type
     * @param digest the file digest's algorithm, reset
     */
    private static CopiedFile copyContent(Entry entry, long size, CpioWriter cpio, Progress progress,
            Set<String> interpreters, boolean sample, MessageDigest digest) throws PackagingException, IOException {
        boolean executable = (entry.mode() & 0111) != 0;
        MimeTypes.Sampler sampler = null;
        List<String> named = List.of();
        try (InputStream digesting = new DigestInputStream(new SourceStream(entry.content().open()), digest);
                InputStream source = sample ? (sampler = new MimeTypes.Sampler(digesting)) : digesting;
                ScriptLine firstLine = executable ? new ScriptLine(source) : null;
                InputStream in = progress.counting(firstLine != null ? firstLine : source)) {
            cpio.writeData(in, size);
            if (firstLine != null) {
                named = List.copyOf(new LinkedHashSet<>(firstLine.interpreters()));
                interpreters.addAll(named);
            }
        } catch (SourceStream.SourceFailure | CpioWriter.SizeChanged e) {
            throw new PackagingException("entry '" + Quoting.printable(entry.path()) + "': reading source '"
                    + entry.content().origin() + "' failed: " + e.getMessage(), e);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new PackagingException("entry '" + Quoting.printable(entry.path()) + "': reading source '"
                    + entry.content().origin() + "' failed: " + e, e);
        }
        return new CopiedFile(Digests.hex(digest.digest()), named, sampler == null ? null : sampler.head());
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // The build already failed; its own error is the one to report.
        }
    }

    /**
     * Fills in lead, signature and header before the payload already written, and returns the file
     * that holds the package. The signature's MD5 (and a legacy signature) covers header and payload,
     * so the payload is read back once for them; it is not written again. Only when the headers came
     * out another length than {@link #predictHeaders} said is the payload copied into a second file
     * behind them, as every package was written before.
     */
    private static PackageFile assemble(PackageSpec spec, Path output, byte[] header, PayloadResult payload,
            PackageFile out, Signing signing) throws IOException, PackagingException {
        List<SignatureValue> signatures = new ArrayList<>();
        if (signing != null) {
            signatures.add(signing.signer().signHeader(header));
        }
        byte[] lead;
        byte[] signature;
        if (spec.rpmFormat().isV6()) {
            if (signing != null && signing.legacy()) {
                throw new PackagingException("signLegacy 'true' cannot be met by rpmFormat '6': v6 packages have no"
                        + " header-and-payload signature; set signLegacy to false or rpmFormat to 4");
            }
            // A v6 signature header covers the main header alone.
            lead = Lead.encodeV6(spec.nameEpochVersionRelease());
            signature = SignatureHeader.encodeV6(header, asRpmsignV6(signatures));
            RpmAcceptance.checkSignatureHeader(signature);
        } else {
            lead = Lead.encode(spec.nameVersionRelease(), Lead.archNumber(spec.arch()));
            MessageDigest md5 = Digests.md5();
            md5.update(header);
            HeaderSigner.StreamingSignature legacy = signing != null && signing.legacy()
                    ? signing.signer().startLegacy() : null;
            if (legacy != null) {
                legacy.update(ByteBuffer.wrap(header));
            }
            out.readPayload(payload.compressedSize(), buffer -> {
                if (legacy != null) {
                    legacy.update(buffer.duplicate());
                }
                md5.update(buffer);
            });
            if (legacy != null) {
                signatures.add(legacy.finish());
            }
            signature = signature(header, payload, md5.digest(), signatures);
        }
        if (out.fits(lead, signature, header)) {
            out.fillHeaders(lead, signature, header);
            return out;
        }
        PackageFile moved = PackageFile.create(output);
        try {
            moved.writeHeaders(lead, signature, header);
            out.copyPayloadTo(moved, payload.compressedSize());
            return moved;
        } catch (IOException | RuntimeException e) {
            moved.close();
            throw e;
        }
    }

    /**
     * A v6 package's header signatures as rpmsign 6 --rpmv4 stores them, and as the sign goal does: each
     * in OPENPGP, which rpm 6 checks, and in its v4 tag (RSAHEADER, DSAHEADER), which rpm 4 checks.
     */
    private static List<SignatureValue> asRpmsignV6(List<SignatureValue> signatures) {
        List<SignatureValue> stored = new ArrayList<>(signatures);
        signatures.forEach(value -> stored.add(new SignatureValue(SignatureTag.OPENPGP, value.packet())));
        return stored;
    }

    private static byte[] signature(byte[] header, PayloadResult payload, byte[] md5, List<SignatureValue> signatures)
            throws PackagingException {
        byte[] signature = SignatureHeader.encode(header, payload.compressedSize(), payload.uncompressedSize(), md5,
                signatures);
        RpmAcceptance.checkSignatureHeader(signature);
        return signature;
    }
}

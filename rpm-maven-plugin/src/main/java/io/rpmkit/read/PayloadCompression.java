package io.rpmkit.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

import io.rpmkit.PackagingException;
import io.rpmkit.format.RpmLimits;

/**
 * The payload compressors rpm knows, by the value of PAYLOADCOMPRESSOR (rpm's build/pack.cc,
 * {@code getIOFlags}). rpmbuild writes no PAYLOADCOMPRESSOR at all for an uncompressed payload
 * ({@code w.ufdio}); rpm then opens the payload as "gzip", whose zlib reader passes data without
 * a gzip magic through unchanged. We do the same: no tag means gzip if the data starts with the
 * gzip magic, else uncompressed.
 */
public enum PayloadCompression {
    NONE(null),
    /** Several concatenated members are accepted, as rpm does: parallel gzip writes them. */
    GZIP("gzip"),
    BZIP2("bzip2"),
    XZ("xz"),
    LZMA("lzma"),
    ZSTD("zstd");

    private final String tagValue;

    PayloadCompression(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The PAYLOADCOMPRESSOR value; empty for {@link #NONE}, which rpm writes as no tag at all. */
    public Optional<String> tagValue() {
        return Optional.ofNullable(tagValue);
    }

    /** The compressor a PAYLOADCOMPRESSOR value names; an absent tag gives {@link #NONE}. */
    public static PayloadCompression ofTag(Optional<String> value, String where) throws PackagingException {
        if (value.isEmpty()) {
            return NONE;
        }
        for (PayloadCompression compression : values()) {
            if (value.get().equals(compression.tagValue)) {
                return compression;
            }
        }
        throw new PackagingException(where + ": PAYLOADCOMPRESSOR is \"" + value.get() + "\"; accepted are "
                + Arrays.stream(values()).map(c -> c.tagValue).filter(v -> v != null)
                        .collect(Collectors.joining(", "))
                + " or no tag for an uncompressed payload");
    }

    /** Wraps the compressed payload in its decoder; reading it may throw only {@link IOException}. */
    InputStream decompress(InputStream compressed) throws IOException {
        InputStream raw = new BufferedInputStream(compressed, 65536);
        InputStream decoded;
        try {
            decoded = switch (this) {
                case NONE -> startsWithGzipMagic(raw) ? new GZIPInputStream(raw, 65536) : raw;
                case GZIP -> new GZIPInputStream(raw, 65536);
                case BZIP2 -> new BZip2CompressorInputStream(raw, true);
                case XZ -> new XZInputStream(raw, RpmLimits.MAX_DECODER_MEMORY_KIB);
                case LZMA -> new LZMAInputStream(raw, RpmLimits.MAX_DECODER_MEMORY_KIB);
                case ZSTD -> new ZstdInputStreamNoFinalizer(raw);
            };
        } catch (RuntimeException | LinkageError e) {
            // zstd-jni loads its native library here; a platform without one fails with a LinkageError.
            throw new IOException(describe() + " payload cannot be opened: " + e, e);
        }
        return new GuardedInputStream(decoded, describe() + " payload");
    }

    private String describe() {
        return tagValue == null ? "uncompressed" : tagValue;
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1F && second == 0x8B;
    }
}

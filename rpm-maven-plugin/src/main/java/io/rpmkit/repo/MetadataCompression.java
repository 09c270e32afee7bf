package io.rpmkit.repo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import io.rpmkit.Choice;

/**
 * How primary, filelists and other.xml are compressed. gzip is what every yum and dnf reads, EL7's
 * yum included; zstd is createrepo_c 1.x's default, read by dnf (libsolv and librepo built with zstd,
 * as on EL8 and later and on Fedora) and by dnf5.
 */
public enum MetadataCompression implements Choice {
    GZIP("gzip", ".gz"),
    ZSTD("zstd", ".zst");

    /** createrepo_c's own zstd level (its compression_wrapper uses zstd's default). */
    private static final int ZSTD_LEVEL = 3;
    /** zlib's default, the level GZIPOutputStream writes ({@link IndexedGzipWriter} writes gzip files). */
    static final int GZIP_LEVEL = 6;
    private static final int BUFFER = 64 * 1024;

    private final String settingName;
    private final String suffix;

    MetadataCompression(String settingName, String suffix) {
        this.settingName = settingName;
        this.suffix = suffix;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    /** The file name's ending, as createrepo_c names the files: ".gz", ".zst". */
    public String suffix() {
        return suffix;
    }

    /** The compression a metadata file's name says, if any of ours. */
    static java.util.Optional<MetadataCompression> ofLocation(String location) {
        for (MetadataCompression compression : values()) {
            if (location.endsWith(".xml" + compression.suffix)) {
                return java.util.Optional.of(compression);
            }
        }
        return java.util.Optional.empty();
    }

    /** A zstd file's compressor; gzip files are written by {@link IndexedGzipWriter}. */
    static OutputStream zstdCompressor(OutputStream out) throws IOException {
        return new ZstdOutputStream(out, ZSTD_LEVEL).setChecksum(true);
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}

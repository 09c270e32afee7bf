package io.rpmkit.spec;

import io.rpmkit.payload.ParallelGzipOutputStream;
import io.rpmkit.payload.ParallelXzOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.github.luben.zstd.ZstdOutputStream;

/**
 * Payload compressors, each with the name rpm reads in PAYLOADCOMPRESSOR and the rpmlib() feature
 * a package must require when it uses one that old rpm versions cannot read.
 */
public enum Compression {
    GZIP("gzip", 1, 9, 6, null),
    XZ("xz", 0, 9, 6, "PayloadIsXz"),
    ZSTD("zstd", 1, 19, 3, "PayloadIsZstd"),
    /** Like rpmbuild, no PAYLOADCOMPRESSOR for an uncompressed payload (rpm then reads it through zlib, which passes it unchanged). */
    NONE(null, 0, 0, 0, null);

    private final String rpmName;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;
    private final String rpmlibFeature;

    Compression(String rpmName, int minLevel, int maxLevel, int defaultLevel, String rpmlibFeature) {
        this.rpmName = rpmName;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
        this.rpmlibFeature = rpmlibFeature;
    }

    /** The PAYLOADCOMPRESSOR value; empty for an uncompressed payload, which stores none. */
    public Optional<String> rpmName() {
        return Optional.ofNullable(rpmName);
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    public boolean acceptsLevel(int level) {
        return level >= minLevel && level <= maxLevel;
    }

    public String acceptedLevels() {
        return minLevel == maxLevel ? String.valueOf(minLevel) : minLevel + " to " + maxLevel;
    }

    /** The rpmlib() feature, e.g. {@code PayloadIsZstd}, that readers of this payload must have. */
    public Optional<String> rpmlibFeature() {
        return Optional.ofNullable(rpmlibFeature);
    }

    /** The setting's name as users write it: gzip, xz, zstd or none. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Compression> ofSettingName(String name) {
        return Arrays.stream(values()).filter(c -> c.settingName().equals(name)).findFirst();
    }

    public static String acceptedNames() {
        return String.join(", ", Arrays.stream(values()).map(Compression::settingName).toList());
    }

    /**
     * Wraps {@code out} so that what is written to the result reaches {@code out} compressed, on all
     * cores where the format allows it. The bytes never depend on the number of cores.
     */
    public OutputStream compress(OutputStream out, int level) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return switch (this) {
            case GZIP -> new ParallelGzipOutputStream(out, level, threads);
            case XZ -> new ParallelXzOutputStream(out, level, threads);
            // zstd's output is the same for any number of workers from 1 up (0 would differ).
            case ZSTD -> new ZstdOutputStream(out, level).setWorkers(threads);
            case NONE -> out;
        };
    }
}

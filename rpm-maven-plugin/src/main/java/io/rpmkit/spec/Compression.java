package io.rpmkit.spec;

import java.util.Locale;
import java.util.Optional;

import io.rpmkit.Choice;

/**
 * Payload compressors, each with the name rpm reads in PAYLOADCOMPRESSOR and its levels. The
 * rpmlib() feature a compressor needs is an {@link RpmFeature}; the streams are in
 * {@code io.rpmkit.payload.Compressors}.
 */
public enum Compression implements Choice {
    GZIP("gzip", 1, 9, 6),
    XZ("xz", 0, 9, 6),
    ZSTD("zstd", 1, 19, 3),
    /** Like rpmbuild, no PAYLOADCOMPRESSOR for an uncompressed payload (rpm then reads it through zlib, which passes it unchanged). */
    NONE(null, 0, 0, 0);

    private final String rpmName;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    Compression(String rpmName, int minLevel, int maxLevel, int defaultLevel) {
        this.rpmName = rpmName;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
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

    /** The setting's name as users write it: gzip, xz, zstd or none. */
    @Override
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

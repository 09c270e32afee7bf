package io.rpmkit.write;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.rpmkit.PackagingException;
import io.rpmkit.format.HeaderLayout;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.Tag;
import io.rpmkit.format.TagType;

/**
 * The checks rpm applies when it loads a header (lib/header.c in rpm 4.18, lib/header.cc in rpm 6:
 * {@code hdrblobVerifyLengths}, {@code hdrblobInit}, {@code hdrblobVerifyInfo}), applied to the
 * encoded headers before the package is moved into place: the spec's own validation cannot see what
 * only the whole header shows (many strings that together exceed the limit), and a package rpm
 * cannot load must never leave the writer, even though its digests would verify.
 */
final class RpmAcceptance {
    private static final int LARGEST_SHOWN = 3;

    private RpmAcceptance() {
    }

    /** Refuses a main header rpm would not load, naming its largest entries. */
    static void checkMainHeader(byte[] header) throws PackagingException {
        List<String> problems = problems(header, RpmLimits.MAX_INDEX_ENTRIES, RpmLimits.MAX_DATA_SIZE, false);
        if (!problems.isEmpty()) {
            throw new PackagingException("the package's main header is one rpm refuses to load, so nothing was"
                    + " written: " + String.join("; ", problems) + "; the largest values are "
                    + largest(header, false) + ": make them smaller or ship large content as files");
        }
    }

    /** Refuses a signature header rpm would not load. */
    static void checkSignatureHeader(byte[] signature) throws PackagingException {
        List<String> problems = problems(signature, RpmLimits.MAX_SIGNATURE_INDEX_ENTRIES,
                RpmLimits.MAX_SIGNATURE_DATA_SIZE, true);
        if (!problems.isEmpty()) {
            throw new PackagingException("the package's signature header is one rpm refuses to load, so nothing"
                    + " was written: " + String.join("; ", problems));
        }
    }

    /** Every rule {@code header} breaks; empty when rpm loads it. */
    static List<String> problems(byte[] header, int maxEntries, int maxDataSize, boolean signature) {
        ByteBuffer buffer = ByteBuffer.wrap(header);
        long il = Integer.toUnsignedLong(buffer.getInt(8));
        long dl = Integer.toUnsignedLong(buffer.getInt(12));
        List<String> problems = new ArrayList<>();
        if (il > maxEntries) {
            problems.add(il + " index entries, rpm accepts up to " + maxEntries + " (hdrblobVerifyLengths)");
        }
        if (dl > maxDataSize) {
            problems.add(dl + " bytes of data, rpm accepts up to " + maxDataSize + " (hdrblobVerifyLengths)");
        }
        long blob = 8 + HeaderLayout.INDEX_ENTRY_SIZE * il + dl;
        if (blob >= RpmLimits.MAX_HEADER_BLOB_SIZE) {
            problems.add(blob + " bytes as rpm counts it (8 + 16 * " + il + " entries + " + dl
                    + " bytes of data), rpm refuses " + RpmLimits.MAX_HEADER_BLOB_SIZE + " (256 MiB) or more"
                    + " (hdrblobInit)");
        }
        for (int i = 0; i < il; i++) {
            int at = HeaderLayout.INTRO_SIZE + i * HeaderLayout.INDEX_ENTRY_SIZE;
            int tag = buffer.getInt(at);
            int type = buffer.getInt(at + 4);
            long count = Integer.toUnsignedLong(buffer.getInt(at + 12));
            if (count < 1 || count > dl) {
                problems.add(name(tag, signature) + " holds " + count + " values, rpm accepts 1 to the data size"
                        + " (hdrchkCount)");
            } else if (type != TagType.BIN.code() && count > RpmLimits.MAX_ARRAY_COUNT) {
                problems.add(name(tag, signature) + " holds " + count + " values, rpm accepts up to "
                        + RpmLimits.MAX_ARRAY_COUNT + " (hdrchkArray)");
            }
        }
        return problems;
    }

    /** The entries taking most of the data area, measured between consecutive offsets. */
    private static String largest(byte[] header, boolean signature) {
        ByteBuffer buffer = ByteBuffer.wrap(header);
        int il = buffer.getInt(8);
        long dl = Integer.toUnsignedLong(buffer.getInt(12));
        List<long[]> entries = new ArrayList<>(); // {tag, offset}
        for (int i = 0; i < il; i++) {
            int at = HeaderLayout.INTRO_SIZE + i * HeaderLayout.INDEX_ENTRY_SIZE;
            entries.add(new long[] {buffer.getInt(at), Integer.toUnsignedLong(buffer.getInt(at + 8))});
        }
        entries.removeIf(e -> e[1] > dl); // the region tag's offset points at its trailer
        entries.sort(Comparator.comparingLong(e -> e[1]));
        List<long[]> sizes = new ArrayList<>(); // {tag, bytes}
        for (int i = 0; i < entries.size(); i++) {
            long end = i + 1 < entries.size() ? entries.get(i + 1)[1] : dl;
            sizes.add(new long[] {entries.get(i)[0], end - entries.get(i)[1]});
        }
        sizes.sort(Comparator.comparingLong((long[] e) -> e[1]).reversed());
        List<String> shown = new ArrayList<>();
        for (long[] size : sizes.subList(0, Math.min(LARGEST_SHOWN, sizes.size()))) {
            shown.add(name((int) size[0], signature) + " (" + size[1] + " bytes)");
        }
        return String.join(", ", shown);
    }

    private static String name(int code, boolean signature) {
        for (Tag tag : signature ? SignatureTag.values() : RpmTag.values()) {
            if (tag.code() == code) {
                return tag.name();
            }
        }
        return "tag " + code;
    }
}

package io.rpmkit.read;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.rpmkit.format.Tag;
import io.rpmkit.format.TagType;

/**
 * One parsed header (signature or main) of a package: its exact bytes, which the digests in the
 * signature header cover, and its entries in index order, tags we do not know included.
 */
public final class RpmHeader {
    private final HeaderKind kind;
    private final byte[] bytes;
    private final List<HeaderEntry> entries;
    private final EntriesByTag byTag;

    RpmHeader(HeaderKind kind, byte[] bytes, List<HeaderEntry> entries, EntriesByTag byTag) {
        this.kind = kind;
        this.bytes = bytes;
        this.entries = List.copyOf(entries);
        this.byTag = byTag;
    }

    /** The header as stored: magic, counts, index and data; without a signature header's padding. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** Every entry in index order, the region tag first when there is one. */
    public List<HeaderEntry> entries() {
        return entries;
    }

    /** The entries whose tag is not in our vocabulary, kept as stored. */
    public List<HeaderEntry> unknownEntries() {
        return entries.stream()
                .filter(e -> kind.known(e.tag()) == null)
                .toList();
    }

    public Optional<HeaderEntry> entry(int tag) {
        return Optional.ofNullable(byTag.get(tag));
    }

    public boolean contains(Tag tag) {
        return find(tag) != null;
    }

    /** A STRING or I18NSTRING value (its first, untranslated string), or the first of a STRING_ARRAY. */
    public Optional<String> string(Tag tag) {
        List<String> strings = strings(tag);
        return strings.isEmpty() ? Optional.empty() : Optional.of(strings.get(0));
    }

    /** The strings of a STRING_ARRAY, STRING or I18NSTRING entry; empty when the tag is absent. */
    public List<String> strings(Tag tag) {
        requireType(tag, tag.type().isString());
        HeaderEntry entry = find(tag);
        return entry == null ? List.of() : entry.strings();
    }

    /** The strings of a string entry as stored, see {@link HeaderEntry#stringBytes()}. */
    public List<byte[]> stringBytes(Tag tag) {
        requireType(tag, tag.type().isString());
        HeaderEntry entry = find(tag);
        return entry == null ? List.of() : entry.stringBytes();
    }

    /** An INT32 array of times in seconds, read unsigned as rpm reads them (e.g. CHANGELOGTIME). */
    public Instant[] times(Tag tag) {
        int[] seconds = int32(tag);
        Instant[] times = new Instant[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            times[i] = Instant.ofEpochSecond(Integer.toUnsignedLong(seconds[i]));
        }
        return times;
    }

    /** How many values the tag holds: strings, numbers or bytes; 0 when the tag is absent. */
    public int count(Tag tag) {
        HeaderEntry entry = find(tag);
        return entry == null ? 0 : entry.count();
    }

    /** The index of a string entry's first empty string; -1 when none is, or the tag is absent. */
    int firstEmptyString(Tag tag) {
        requireType(tag, tag.type().isString());
        HeaderEntry entry = find(tag);
        return entry == null ? -1 : entry.firstEmptyString();
    }

    public int[] int32(Tag tag) {
        requireType(tag, tag.type() == TagType.INT32);
        HeaderEntry entry = find(tag);
        return entry == null ? new int[0] : entry.int32s();
    }

    public short[] int16(Tag tag) {
        requireType(tag, tag.type() == TagType.INT16);
        HeaderEntry entry = find(tag);
        return entry == null ? new short[0] : entry.int16s();
    }

    public long[] int64(Tag tag) {
        requireType(tag, tag.type() == TagType.INT64);
        HeaderEntry entry = find(tag);
        return entry == null ? new long[0] : entry.int64s();
    }

    /** The bytes of a BIN entry; empty when the tag is absent. */
    public byte[] bytes(Tag tag) {
        requireType(tag, tag.type() == TagType.BIN);
        HeaderEntry entry = find(tag);
        return entry == null ? new byte[0] : entry.bytes();
    }

    /** The first value of an INT32 (read unsigned, as rpm does) or INT64 entry. */
    public OptionalLong number(Tag tag) {
        if (tag.type() == TagType.INT64) {
            long[] values = int64(tag);
            return values.length == 0 ? OptionalLong.empty() : OptionalLong.of(values[0]);
        }
        int[] values = int32(tag);
        return values.length == 0 ? OptionalLong.empty() : OptionalLong.of(Integer.toUnsignedLong(values[0]));
    }

    private HeaderEntry find(Tag tag) {
        if (!kind.holds(tag)) {
            throw new IllegalArgumentException(tag.name() + " is not a tag of the " + kind.label());
        }
        return byTag.get(tag.code());
    }

    private static void requireType(Tag tag, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("tag " + tag.name() + " is of type " + tag.type());
        }
    }

    @Override
    public String toString() {
        return kind.label() + " of " + bytes.length + " bytes, tags " + Arrays.toString(
                entries.stream().mapToInt(HeaderEntry::tag).toArray());
    }
}

package io.rpmkit.read;

/**
 * A header's entries by tag number: open addressing over int keys, because every entry of every
 * header read is put and most are looked up, and a map of boxed Integers allocated for each (tag
 * numbers are above the cached small Integers). Filled once by the parser, then only read.
 */
final class EntriesByTag {
    private final int[] tags;
    private final HeaderEntry[] entries;
    private final int mask;

    /** Room for {@code count} entries, at most half full. */
    EntriesByTag(int count) {
        int capacity = Integer.highestOneBit(Math.max(2, count) * 2 - 1) << 1;
        this.tags = new int[capacity];
        this.entries = new HeaderEntry[capacity];
        this.mask = capacity - 1;
    }

    /** Adds the entry unless its tag is there already; returns the entry that was there, or null. */
    HeaderEntry putIfAbsent(HeaderEntry entry) {
        int slot = slot(entry.tag());
        if (entries[slot] != null) {
            return entries[slot];
        }
        tags[slot] = entry.tag();
        entries[slot] = entry;
        return null;
    }

    HeaderEntry get(int tag) {
        return entries[slot(tag)];
    }

    /** The slot that holds the tag, or the empty one where it would go. */
    private int slot(int tag) {
        int slot = (tag * 0x9E3779B9 >>> 16) & mask;
        while (entries[slot] != null && tags[slot] != tag) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}

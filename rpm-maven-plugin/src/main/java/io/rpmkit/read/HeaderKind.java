package io.rpmkit.read;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.Tag;

/**
 * The two headers of a package, with the region tag and the size limits rpm applies to each
 * (lib/header.cc, {@code hdrblobVerifyLengths}).
 */
enum HeaderKind {
    SIGNATURE("signature header", SignatureTag.HEADERSIGNATURES, RpmLimits.MAX_SIGNATURE_INDEX_ENTRIES,
            RpmLimits.MAX_SIGNATURE_DATA_SIZE, SignatureTag.values()),
    MAIN("main header", RpmTag.HEADERIMMUTABLE, RpmLimits.MAX_INDEX_ENTRIES, RpmLimits.MAX_DATA_SIZE,
            RpmTag.values());

    private final String label;
    private final Tag regionTag;
    private final int maxEntries;
    private final int maxDataSize;
    /** Our tags by number, null where we know none: indexed, since every entry of every header read is looked up. */
    private final List<Tag> known;

    HeaderKind(String label, Tag regionTag, int maxEntries, int maxDataSize, Tag[] tags) {
        this.label = label;
        this.regionTag = regionTag;
        this.maxEntries = maxEntries;
        this.maxDataSize = maxDataSize;
        int highest = 0;
        for (Tag tag : tags) {
            highest = Math.max(highest, tag.code());
        }
        Tag[] byCode = new Tag[highest + 1];
        for (Tag tag : tags) {
            byCode[tag.code()] = tag;
        }
        this.known = Collections.unmodifiableList(Arrays.asList(byCode));
    }

    String label() {
        return label;
    }

    Tag regionTag() {
        return regionTag;
    }

    int maxEntries() {
        return maxEntries;
    }

    int maxDataSize() {
        return maxDataSize;
    }

    /** The tag of our vocabulary with this number, or null for one we do not know. */
    Tag known(int code) {
        return code >= 0 && code < known.size() ? known.get(code) : null;
    }

    /** Whether a tag of our vocabulary is looked up in this header. */
    boolean holds(Tag tag) {
        return (tag instanceof SignatureTag) == (this == SIGNATURE);
    }
}

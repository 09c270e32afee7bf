package io.rpmkit.read;

import java.util.HashMap;
import java.util.Map;

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
    private final Map<Integer, Tag> known;

    HeaderKind(String label, Tag regionTag, int maxEntries, int maxDataSize, Tag[] tags) {
        this.label = label;
        this.regionTag = regionTag;
        this.maxEntries = maxEntries;
        this.maxDataSize = maxDataSize;
        Map<Integer, Tag> byCode = new HashMap<>();
        for (Tag tag : tags) {
            byCode.put(tag.code(), tag);
        }
        this.known = Map.copyOf(byCode);
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
        return known.get(code);
    }

    /** Whether a tag of our vocabulary is looked up in this header. */
    boolean holds(Tag tag) {
        return (tag instanceof SignatureTag) == (this == SIGNATURE);
    }
}

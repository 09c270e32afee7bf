package io.rpmkit.read;

import java.util.ArrayList;
import java.util.List;

import io.rpmkit.format.Flags;
import io.rpmkit.format.InstallContext;

/**
 * The words of rpm's queries for flag bits that {@link Flags} does not name, added to its words:
 * RPMFILE_SPECFILE and RPMFILE_ARTIFACT (include/rpm/rpmfiles.h), which packages from elsewhere carry,
 * and RPMSENSE_META ({@code Requires(meta)}), which {@link InstallContext} defines. They belong in {@code format.Flags} next to the others; they
 * are here until that file is changed.
 */
final class QueryWords {
    static final int FILE_SPECFILE = 1 << 5;
    static final int FILE_ARTIFACT = 1 << 12;
    static final int SENSE_META = InstallContext.META.senseBit();

    private QueryWords() {
    }

    /** {@link Flags#fileAttributes} and {@code specfile}, {@code artifact}. */
    static List<String> fileAttributes(int fileFlags) {
        List<String> words = new ArrayList<>(Flags.fileAttributes(fileFlags));
        if ((fileFlags & FILE_SPECFILE) != 0) {
            words.add("specfile");
        }
        if ((fileFlags & FILE_ARTIFACT) != 0) {
            words.add("artifact");
        }
        return words;
    }

    /** {@link Flags#contexts} and {@code meta}. */
    static List<String> contexts(int senseFlags) {
        List<String> words = new ArrayList<>(Flags.contexts(senseFlags));
        if ((senseFlags & SENSE_META) != 0) {
            words.add("meta");
        }
        return words;
    }
}

package io.rpmkit.spec;

import java.util.EnumSet;
import java.util.Set;

import io.rpmkit.format.Cpio;
import io.rpmkit.format.InstallContext;

/** Which {@link RpmFeature}s a package uses. */
public final class Features {
    private Features() {
    }

    /** @param largestFile the size of the package's largest file, which decides the payload format */
    public static Set<RpmFeature> used(PackageSpec spec, long largestFile) {
        Set<RpmFeature> used = EnumSet.noneOf(RpmFeature.class);
        if (spec.compression() == Compression.ZSTD) {
            used.add(RpmFeature.ZSTD_PAYLOAD);
        }
        if (spec.compression() == Compression.XZ) {
            used.add(RpmFeature.XZ_PAYLOAD);
        }
        if (largestFile > Cpio.MAX_NEWC_SIZE) {
            used.add(RpmFeature.LARGE_FILES);
        }
        String versionAndRelease = spec.version() + spec.release();
        if (versionAndRelease.contains("~")) {
            used.add(RpmFeature.TILDE_IN_VERSIONS);
        }
        if (versionAndRelease.contains("^")) {
            used.add(RpmFeature.CARET_IN_VERSIONS);
        }
        if (spec.dependencies().stream().anyMatch(d -> switch (d.kind()) {
            case RECOMMENDS, SUGGESTS, SUPPLEMENTS, ENHANCES -> true;
            default -> false;
        })) {
            used.add(RpmFeature.WEAK_DEPENDENCIES);
        }
        if (spec.dependencies().stream().anyMatch(d -> RichDependency.isRich(d.name()))) {
            used.add(RpmFeature.RICH_DEPENDENCIES);
        }
        if (spec.dependencies().stream().anyMatch(d -> d.contexts().contains(InstallContext.META))) {
            used.add(RpmFeature.META_DEPENDENCIES);
        }
        if (spec.entries().stream().anyMatch(e -> e.caps() != null)) {
            used.add(RpmFeature.FILE_CAPABILITIES);
        }
        if (spec.triggers().stream().anyMatch(t -> t.kind().isFileTrigger())) {
            used.add(RpmFeature.FILE_TRIGGERS);
        }
        return used;
    }
}

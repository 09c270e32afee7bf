package io.rpmkit.write;

import java.util.List;
import java.util.TreeSet;

import io.rpmkit.format.InstallContext;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;

/**
 * What rpmbuild 4.19 and later require of a package whose files belong to users or groups other than
 * root: {@code Requires(pre,postun): user(NAME)} and {@code group(NAME)}, so that the owners exist before
 * the files are unpacked and stay until they are gone. rpmbuild adds them even where the package's own
 * sysusers provides satisfy them (checked with rpmbuild 6.1); older rpmbuild adds none, and older
 * targets have nothing that provides user() or group().
 */
final class OwnerRequires {
    /** RPMSENSE_SCRIPT_PRE | RPMSENSE_SCRIPT_POSTUN, exactly the flags rpmbuild 6.1 writes (4608). */
    static final int FLAGS = InstallContext.PRE.senseBit() | InstallContext.POSTUN.senseBit();

    private OwnerRequires() {
    }

    /** The user() and group() names, sorted as rpmbuild sorts them; none without autoDependencies. */
    static List<String> names(PackageSpec spec) {
        TreeSet<String> names = new TreeSet<>();
        if (!spec.autoDependencies() || spec.targetRpm() == null || !spec.targetRpm().reads(4, 19)) {
            return List.of();
        }
        for (Entry entry : spec.entries()) {
            if (!"root".equals(entry.user())) {
                names.add("user(" + entry.user() + ")");
            }
            if (!"root".equals(entry.group())) {
                names.add("group(" + entry.group() + ")");
            }
        }
        return List.copyOf(names);
    }
}

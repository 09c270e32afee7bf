package io.rpmkit.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * rpmbuild on a staging tree as it is, for tests that compare its package with ours: no brp scripts
 * (they would strip or compress), no build-id links, unpackaged files left out rather than fatal (what
 * a %files list leaves out stays out, as a filtered tree's excluded files do), and the systemd
 * directory macro Fedora's and EL's rpm define and Debian's lacks.
 */
public final class StagingRpmbuild {
    private StagingRpmbuild() {
    }

    /** Builds {@code specText} under {@code top} (its _topdir) and returns the binary package. */
    public static Path build(Path top, String specName, String specText) throws Exception {
        Files.createDirectories(top.resolve("SPECS"));
        Path spec = Files.writeString(top.resolve("SPECS").resolve(specName), specText);
        RealRpm.ok("rpmbuild", "-bb", "--quiet", "--define", "_topdir " + top, "--define", "__os_install_post %{nil}",
                "--define", "_build_id_links none", "--define", "_unpackaged_files_terminate_build 0",
                "--define", "_unitdir /usr/lib/systemd/system", spec.toString());
        try (Stream<Path> rpms = Files.walk(top.resolve("RPMS"))) {
            return rpms.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;

/**
 * Header strings that are not UTF-8, as older packages hold them (Latin-1 summaries, changelogs,
 * dependency names, file names whose directory or basename is not UTF-8, where createrepo_c
 * converts the whole path), reach the metadata as the host's createrepo_c 0.17.3 writes them, byte for
 * byte. The package is built by rpmbuild, which writes such bytes when told not to stop at them
 * ({@code _invalid_encoding_terminates_build 0}); our own writer refuses them.
 */
class CreaterepoLatin1Test {
    /** 0xE9 is é, 0xC3 alone is not UTF-8 but Ã in Latin-1, 0x80 and 0xA9 are what createrepo_c drops. */
    private static final byte[] SPEC = latin1("""
            Name: latin
            Version: 1
            Release: 1
            Summary: caf\u00e9 \u0080x\u00c3z
            License: MIT
            Vendor: Soci\u00e9t\u00e9 \u00a9
            URL: https://example.com/caf\u00e9
            BuildArch: noarch
            Requires: d\u00e9p
            Provides: pr\u00e9 = 1
            %description
            d\u00e9scription \u00bb
            %install
            mkdir -p "%{buildroot}/etc/dir\u00c3\u00a9\u00c3" "%{buildroot}/opt/utf\u00c3\u00a9"
            touch "%{buildroot}/etc/dir\u00c3\u00a9\u00c3/caf\u00e9" "%{buildroot}/opt/utf\u00c3\u00a9/x\u00a9y\u00e9"
            touch "%{buildroot}/opt/utf\u00c3\u00a9/plain"
            %files
            /etc/dir*
            /opt/utf*
            %changelog
            * Mon Jan 01 2024 J\u00e9r\u00f4me <j@example.com> - 1-1
            - caf\u00e9 \u00a9
            """);

    @TempDir
    Path dir;

    @Test
    void writesLatin1StringsAsCreaterepoDoes() throws Exception {
        if (!onPath("rpmbuild") || !onPath("createrepo_c")) {
            System.out.println("!!! SKIPPED CreaterepoLatin1Test: rpmbuild or createrepo_c is not on the PATH");
            Assumptions.abort("rpmbuild or createrepo_c is not on the PATH");
        }
        Path spec = dir.resolve("latin.spec");
        Files.write(spec, SPEC);
        Path top = dir.resolve("top");
        run(List.of("rpmbuild", "--define", "_topdir " + top, "--define", "_invalid_encoding_terminates_build 0",
                "-bb", spec.toString()));
        Path rpm;
        try (Stream<Path> found = Files.walk(top.resolve("RPMS"))) {
            rpm = found.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        for (Path repo : List.of(ours, theirs)) {
            Files.createDirectories(repo);
            Path copy = Files.copy(rpm, repo.resolve(rpm.getFileName()));
            Files.setLastModifiedTime(copy, FileTime.from(RepoFixtures.REVISION));
        }
        String revision = Long.toString(RepoFixtures.REVISION.getEpochSecond());
        new RepositoryWriter(Console.SILENT).write(ours, RepositoryOptions.of(RepoFixtures.REVISION));
        run(List.of("createrepo_c", "--no-database", "--general-compress-type=gz", "--revision", revision,
                "--set-timestamp-to-revision", theirs.toString()));

        Repodata our = RepodataReader.read(ours);
        Repodata their = RepodataReader.read(theirs);
        String theirPrimary = open(theirs, their, "primary");
        assertTrue(theirPrimary.contains("<summary>caf\u00e9 x\u00c3z</summary>"), theirPrimary);
        // The directory "dir" C3 A9 C3 is not UTF-8: C3 becomes U+00C3, A9 is dropped.
        assertTrue(theirPrimary.contains("<file>/etc/dir\u00c3\u00c3/caf\u00e9</file>"), theirPrimary);
        for (String type : List.of("primary", "filelists", "other")) {
            assertEquals(open(theirs, their, type), open(ours, our, type), type + ".xml");
        }
    }

    private static String open(Path repository, Repodata repodata, String type) throws IOException {
        Path file = repository.resolve(repodata.record(type).orElseThrow().location());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean onPath(String tool) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        int status = process.waitFor();
        assertEquals(0, status, String.join(" ", command) + " failed:\n" + output.toString(StandardCharsets.UTF_8));
    }
}

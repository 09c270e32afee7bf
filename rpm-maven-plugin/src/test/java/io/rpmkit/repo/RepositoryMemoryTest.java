package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.Console;
import io.rpmkit.format.RpmTag;
import io.rpmkit.read.SyntheticPackage;
import io.rpmkit.testing.CraftedRpm;

/**
 * A small package whose files share one long directory name (the header stores it once) must not
 * make the repository writer build every path: memory stays within a small multiple of the
 * package, although filelists.xml, which lists every path in full as createrepo_c writes it, is
 * hundreds of megabytes before compression.
 */
class RepositoryMemoryTest {
    private static final int FILES = 2_000;
    private static final int DIRECTORY_LENGTH = 300 << 10;
    /** Allocated bytes per byte of package; main's code allocated over 4,000 (joined paths, chunk). */
    private static final int ALLOCATION_FACTOR = 32;

    @TempDir
    Path dir;

    @Test
    void indexesFilesSharingALongDirectoryWithoutJoiningTheirPaths() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        String directory = "/" + "d".repeat(DIRECTORY_LENGTH) + "/";
        Path rpm = repo.resolve("shared-1-1.noarch.rpm");
        Files.write(rpm, sharedDirectoryPackage(directory));
        long packageSize = Files.size(rpm);

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        WrittenRepository written = new RepositoryWriter(Console.SILENT).write(repo,
                RepositoryOptions.of(RepoFixtures.REVISION));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("RepositoryMemoryTest: a package of %d bytes, %d files in a directory of %d characters:"
                + " %d bytes allocated (%.1f times the package)%n", packageSize, FILES, DIRECTORY_LENGTH, allocated,
                (double) allocated / packageSize);

        long openSize = written.records().stream().filter(r -> r.type().equals("filelists")).findFirst()
                .orElseThrow().openSize();
        assertTrue(openSize > (long) FILES * DIRECTORY_LENGTH, "filelists.xml holds every path: " + openSize);
        assertTrue(allocated < ALLOCATION_FACTOR * packageSize, "writing the metadata of a package of "
                + packageSize + " bytes allocated " + allocated + " bytes, over " + ALLOCATION_FACTOR + " times"
                + " its size");
        assertEquals(FILES, countFileElements(repo, written));
    }

    /** Streams filelists.xml back, counting its {@code <file>} elements without holding it. */
    private static int countFileElements(Path repo, WrittenRepository written) throws IOException {
        RepomdRecord filelists = written.records().stream().filter(r -> r.type().equals("filelists")).findFirst()
                .orElseThrow();
        byte[] tag = "<file>".getBytes(StandardCharsets.US_ASCII);
        int count = 0;
        int matched = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(repo.resolve(filelists.location())),
                1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == tag[matched] ? matched + 1 : buffer[i] == tag[0] ? 1 : 0;
                    if (matched == tag.length) {
                        count++;
                        matched = 0;
                    }
                }
            }
        }
        return count;
    }

    /** A valid package, as hostile/CraftedPackage makes them: FILES empty files in one directory, no payload entries. */
    private static byte[] sharedDirectoryPackage(String directory) {
        List<String> basenames = new ArrayList<>(FILES);
        for (int i = 0; i < FILES; i++) {
            basenames.add("f" + i);
        }
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        SyntheticPackage.writeEntry(cpio, 0, 0, 1, "TRAILER!!!", new byte[0]);
        short[] modes = new short[FILES];
        Arrays.fill(modes, (short) 0100644);
        return CraftedRpm.assemble(CraftedRpm.mainHeader("shared")
                .strings(RpmTag.DIRNAMES, List.of(directory))
                .int32(RpmTag.DIRINDEXES, new int[FILES])
                .strings(RpmTag.BASENAMES, basenames)
                .int64(RpmTag.LONGFILESIZES, new long[FILES])
                .int16(RpmTag.FILEMODES, modes), cpio.toByteArray());
    }

}

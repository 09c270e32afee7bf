package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Console;
import io.rpmkit.format.Digests;
import io.rpmkit.testing.RpmGeneration;

/** Our zstd metadata ends with {@link ZstdMark}, which every reader skips; nothing else ends so. */
class ZstdMarkTest {
    @TempDir
    Path dir;

    private List<RepomdRecord> zstdRepository() throws Exception {
        Path repo = dir.resolve("repo");
        for (String name : List.of("alpha", "beta")) {
            RepoFixtures.write(RepoFixtures.small(name, "1.0").build(), repo.resolve("packages"));
        }
        return new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION)
                .withCompression(MetadataCompression.ZSTD)).records();
    }

    /** The mark adds nothing to the text: the open-size and open-checksum are the text's, for zstd-jni too. */
    @Test
    void everyFileEndsWithTheMarkAndDecompressesToItsText() throws Exception {
        for (RepomdRecord record : zstdRepository()) {
            byte[] file = Files.readAllBytes(dir.resolve("repo").resolve(record.location()));
            assertTrue(ZstdMark.ends(file), record.location());
            byte[] text;
            try (InputStream in = MetadataCompression.ZSTD.decompress(new ByteArrayInputStream(file))) {
                text = in.readAllBytes();
            }
            assertEquals(record.openSize(), text.length, record.location());
            assertEquals(record.openChecksum(), Digests.hex(Digests.sha256().digest(text)), record.location());
        }
    }

    /** zstd's own tool and Python's zstandard (dnf's libsolv is DnfInstallTest's) read the files as the text. */
    @ParameterizedTest
    @EnumSource(value = RpmGeneration.class, names = {"RPM_4_18", "RPM_6_1"})
    void otherReadersSkipTheMark(RpmGeneration generation) throws Exception {
        generation.requireTool("zstd");
        for (RepomdRecord record : zstdRepository()) {
            String file = generation.path(dir.resolve("repo").resolve(record.location()));
            assertEquals(record.openChecksum(), generation.ok("sh", "-c", "zstd -dc '" + file + "' | sha256sum")
                    .strip().split(" ")[0], generation + " zstd -dc " + record.location());
            // Debian's python3, not whichever a PATH puts first (pyenv on some machines).
            boolean python = generation.run("/usr/bin/python3", "-c", "import zstandard").exitCode() == 0;
            if (!python) {
                System.out.println("!!! SKIPPED reading with Python's zstandard on " + generation + ": not installed");
                continue;
            }
            // A stream reader goes on past the first frame, and fails on bytes there that are no frame: it
            // reads the mark as a frame. A decompressor object stops after the first frame and leaves the mark
            // as unused data.
            String expected = record.openChecksum() + " " + record.openSize();
            assertEquals(expected + "\n" + expected + " " + ZstdMark.frame().length, generation.ok("/usr/bin/python3",
                    "-c", "import hashlib, sys, zstandard\n"
                            + "text = zstandard.ZstdDecompressor().stream_reader(open(sys.argv[1], 'rb')).read()\n"
                            + "print(hashlib.sha256(text).hexdigest(), len(text))\n"
                            + "whole = zstandard.ZstdDecompressor().decompressobj()\n"
                            + "text = whole.decompress(open(sys.argv[1], 'rb').read())\n"
                            + "print(hashlib.sha256(text).hexdigest(), len(text), len(whole.unused_data))", file)
                    .strip(),
                    generation + " zstandard " + record.location());
        }
    }

    /** createrepo_c 1.2.1's --update reads our marked files as its previous metadata. */
    @Test
    void createrepoUpdatesFromOurZstdMetadata() throws Exception {
        RpmGeneration generation = RpmGeneration.RPM_6_1; // 0.17.3 on the host reads no zstd
        generation.requireTool("createrepo_c");
        Path repo = Files.createDirectories(generation.workDir(dir).resolve("ours"));
        for (String name : List.of("alpha", "beta", "gamma")) {
            RepoFixtures.write(RepoFixtures.small(name, "1.0").build(), repo.resolve("packages"));
        }
        new RepositoryWriter(Console.SILENT).write(repo, RepositoryOptions.of(RepoFixtures.REVISION)
                .withCompression(MetadataCompression.ZSTD));
        String log = generation.ok("createrepo_c", "--no-database", "--general-compress-type=zstd", "--update", "-v",
                generation.path(repo));
        assertTrue(log.contains("Parsed items: 3") && log.contains("Old metadata from: "), log);
    }

    /** Only the frame exactly as we write it marks a file: not a cut one, another magic or other content. */
    @Test
    void nothingButTheExactFrameMarksAFile() throws Exception {
        byte[] ours = Files.readAllBytes(dir.resolve("repo").resolve(zstdRepository().get(0).location()));
        byte[] frame = ZstdMark.frame();
        // The magic 0x184D2A5E and the content's length, little-endian, then the content.
        byte[] content = "rpmkit repository metadata, layout 1\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(HexFormat.of().formatHex(new byte[] {0x5E, 0x2A, 0x4D, 0x18, (byte) content.length, 0, 0, 0})
                + HexFormat.of().formatHex(content), HexFormat.of().formatHex(frame));
        assertTrue(ZstdMark.ends(ours));
        assertFalse(ZstdMark.ends(frame), "the frame alone is no file");
        assertFalse(ZstdMark.ends(Arrays.copyOf(ours, ours.length - 1)), "cut");
        byte[] withoutMark = Arrays.copyOf(ours, ours.length - frame.length);
        assertFalse(ZstdMark.ends(withoutMark), "createrepo_c's files end with their one frame");
        for (int i = 0; i < frame.length; i++) {
            byte[] changed = ours.clone();
            changed[withoutMark.length + i] ^= 1;
            assertFalse(ZstdMark.ends(changed), "byte " + i + " of the frame changed");
        }
    }
}

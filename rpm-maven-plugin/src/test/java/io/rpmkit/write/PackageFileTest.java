package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package assembled in place: the payload behind reserved room, read back and the headers written
 * at their positions while an early flush runs, holds exactly what was written, and nothing is left
 * beside it. (That the flush made anything durable sooner no test here can see.)
 */
class PackageFileTest {
    @TempDir
    Path dir;

    private static byte[] random(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void holdsExactlyHeadersAndPayloadWhetherOrNotItWasFlushedEarly() throws IOException {
        Random random = new Random(11);
        for (int round = 0; round < 40; round++) {
            byte[] lead = random(random, 96);
            byte[] signature = random(random, 8 * random.nextInt(40));
            byte[] header = random(random, random.nextInt(5000));
            byte[] payload = random(random, random.nextInt(3) == 0 ? 0 : random.nextInt(1 << 20));
            Path target = dir.resolve("p" + round + ".rpm");
            try (PackageFile file = PackageFile.create(target)) {
                try (OutputStream room = file.reserveHeaders(lead.length + signature.length + header.length)) {
                    for (int at = 0; at < payload.length; at += 65_537) {
                        room.write(payload, at, Math.min(65_537, payload.length - at));
                    }
                }
                boolean early = round % 2 == 0;
                if (early) {
                    file.startFlush();
                    file.startFlush(); // a second call changes nothing
                }
                ByteArrayOutputStream readBack = new ByteArrayOutputStream();
                file.readPayload(payload.length, buffer -> readBack.write(buffer.array(), buffer.arrayOffset()
                        + buffer.position(), buffer.remaining()));
                assertArrayEquals(payload, readBack.toByteArray(), "round " + round + ": read back while flushing");
                file.fillHeaders(lead, signature, header);
                file.commit();
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (byte[] piece : List.of(lead, signature, header, payload)) {
                expected.write(piece);
            }
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(target), "round " + round);
        }
        assertEquals(40, files().size(), "no temporary file is left: " + files());
        assertFalse(flusherAlive(), "the flushing thread ended");
    }

    @Test
    void aFileFlushedButNotCommittedIsRemovedOnClose() throws IOException {
        Path target = dir.resolve("never.rpm");
        try (PackageFile file = PackageFile.create(target)) {
            try (OutputStream room = file.reserveHeaders(128)) {
                room.write(random(new Random(3), 32 << 20)); // long enough to flush that close meets it running
            }
            file.startFlush();
        }
        assertEquals(List.of(), files());
        assertFalse(flusherAlive(), "close waited for the flushing thread");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean flusherAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("rpmkit-flush") && thread.isAlive());
    }
}

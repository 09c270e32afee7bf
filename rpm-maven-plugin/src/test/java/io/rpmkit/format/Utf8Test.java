package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8Test {
    /** Counted as getBytes encodes: every width, surrogate pairs and unpaired surrogates. */
    @Test
    void countsAsGetBytesEncodes() {
        Random random = new Random(8);
        for (int round = 0; round < 5000; round++) {
            String text = HeaderBuilderTest.randomString(random);
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text), text);
        }
    }

    /** Put as getBytes encodes, behind what the buffer already holds, and counted as put. */
    @Test
    void putsWhatGetBytesEncodes() {
        Random random = new Random(9);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
        for (int round = 0; round < 5000; round++) {
            String text = HeaderBuilderTest.randomString(random);
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            buffer.clear().put((byte) 7);
            assertEquals(expected.length, Utf8.put(buffer, text), text);
            assertEquals(7, buffer.get(0));
            assertArrayEquals(expected, Arrays.copyOfRange(buffer.array(), 1, buffer.position()), text);
        }
    }
}

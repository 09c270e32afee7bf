package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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
}

package io.rpmkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import org.junit.jupiter.api.Test;

class QuotingTest {
    /** Every UTF-16 unit alone, and random texts mixing them, against the regex the quoting stands for. */
    @Test
    void replacesExactlyTheControlCharacters() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "a" + c + "b";
            assertEquals(text.replaceAll("\\p{Cntrl}", "?"), Quoting.printable(text), Integer.toHexString(c));
        }
        Random random = new Random(14);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                text.append((char) (random.nextBoolean() ? random.nextInt(0x90) : random.nextInt(Character.MAX_VALUE)));
            }
            assertEquals(text.toString().replaceAll("\\p{Cntrl}", "?"), Quoting.printable(text.toString()));
        }
        String plain = "/opt/app/conf";
        assertSame(plain, Quoting.printable(plain), "nothing to replace: the value itself");
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MetadataTextTest {
    @Test
    void keepsUtf8AsItIs() {
        assertEquals("café ©", MetadataText.of("café ©".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void convertsLatin1DroppingWhatCreaterepoDrops() {
        // createrepo_c 0.17.3: 0xE9 is é, 0x80 to 0xBF are dropped, a lone 0xC3 is Ã.
        assertEquals("café xÃz ", MetadataText.of(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0x80, 'x',
                (byte) 0xC3, 'z', ' ', (byte) 0xA9}));
    }

    @Test
    void checksADirectoryAndBasenameAsOnePath() {
        byte[] directory = {'/', 'd', (byte) 0xC3};
        assertFalse(MetadataText.isUtf8(directory, new byte[0]));
        assertTrue(MetadataText.isUtf8(directory, new byte[] {(byte) 0xA9}), "é split across the two");
        assertFalse(MetadataText.isUtf8("/d/".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9}));
    }
}

package io.rpmkit.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class LeadTest {
    @Test
    void encodesEveryFieldOfTheLead() {
        byte[] lead = Lead.encode("ab-1-2", Lead.archNumber("x86_64"));
        assertEquals(Lead.SIZE, lead.length);
        assertArrayEquals(HexFormat.of().parseHex("edabeedb"), Arrays.copyOfRange(lead, 0, 4)); // magic
        assertArrayEquals(new byte[] {3, 0}, Arrays.copyOfRange(lead, 4, 6)); // format 3.0
        assertArrayEquals(new byte[] {0, 0}, Arrays.copyOfRange(lead, 6, 8)); // binary
        assertArrayEquals(new byte[] {0, 1}, Arrays.copyOfRange(lead, 8, 10)); // arch 1
        assertEquals("ab-1-2", new String(lead, 10, 6)); // name, NUL-padded to 66
        assertEquals(0, lead[16]);
        assertArrayEquals(new byte[] {0, 1}, Arrays.copyOfRange(lead, 76, 78)); // os Linux
        assertArrayEquals(new byte[] {0, 5}, Arrays.copyOfRange(lead, 78, 80)); // header signatures
        assertArrayEquals(new byte[16], Arrays.copyOfRange(lead, 80, 96)); // reserved
    }

    @Test
    void cutsLongNamesSoTheFieldKeepsItsTerminator() {
        byte[] lead = Lead.encode("x".repeat(100), (short) 0);
        assertEquals('x', lead[10 + 64]);
        assertEquals(0, lead[10 + 65]);
    }

    @Test
    void encodesAV6LeadAsRpm6Does() {
        byte[] lead = Lead.encodeV6("ab-1:1-2");
        assertArrayEquals(HexFormat.of().parseHex("edabeedb"), Arrays.copyOfRange(lead, 0, 4)); // magic
        assertArrayEquals(new byte[] {4, 0}, Arrays.copyOfRange(lead, 4, 6)); // 4.0: a v6 package
        assertArrayEquals(new byte[] {0, 0, 0, 0}, Arrays.copyOfRange(lead, 6, 10)); // binary, arch 0
        assertEquals("ab-1:1-2", new String(lead, 10, 8)); // name with epoch
        assertArrayEquals(new byte[] {0, 0}, Arrays.copyOfRange(lead, 76, 78)); // os 0
        assertArrayEquals(new byte[] {0, 5}, Arrays.copyOfRange(lead, 78, 80)); // header signatures
    }
}

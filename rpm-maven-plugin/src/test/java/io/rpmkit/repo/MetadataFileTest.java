package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetadataFileTest {
    private static MetadataFile file(String directory, String basename) {
        return new MetadataFile(directory, basename, MetadataFile.Type.FILE);
    }

    @Test
    void decidesPrimaryWithoutJoiningThePath() {
        assertTrue(file("/etc/", "x").inPrimary());
        assertTrue(file("/usr/b", "in/x").inPrimary(), "bin/ across the two parts");
        assertTrue(file("/et", "c/x").inPrimary(), "/etc/ across the two parts");
        assertTrue(file("/usr/lib/", "sendmail").inPrimary());
        assertFalse(file("/usr/lib/", "sendmail2").inPrimary());
        assertFalse(file("/opt/", "bin").inPrimary());
        for (String path : new String[] {"/etc/a", "/usr/sbin/x", "/usr/lib/sendmail", "/opt/x", "/xetc/a"}) {
            assertEquals(MetadataFile.isPrimaryPath(path), new MetadataFile(path, MetadataFile.Type.FILE).inPrimary(),
                    path);
        }
    }

    @Test
    void equalsByPathHoweverSplit() {
        assertEquals(file("/opt/", "a/b"), file("/opt/a/", "b"));
        assertEquals(file("/opt/", "a/b").hashCode(), file("/opt/a/", "b").hashCode());
        assertNotEquals(file("/opt/", "a"), file("/opt/", "b"));
        assertTrue(file("/opt/", "a").hasPath("/opt/a"));
        assertFalse(file("/opt/", "a").hasPath("/opt/ab"));
    }
}

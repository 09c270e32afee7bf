package io.rpmkit.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.rpmkit.PackagingException;

class HashChoiceTest {
    @Test
    void readsTheSettingInAnyUsualSpelling() throws Exception {
        assertEquals(HashChoice.SHA256, HashChoice.of("rpm.sign.hash", "sha256"));
        assertEquals(HashChoice.SHA256, HashChoice.of("rpm.sign.hash", " SHA-256 "));
        assertEquals(HashChoice.SHA512, HashChoice.of("rpm.sign.hash", "sha512"));
        assertEquals(HashChoice.SHA512, HashChoice.of("rpm.sign.hash", "SHA-512"));
    }

    @Test
    void refusesSha1AndMd5SayingWhy() {
        for (String weak : new String[] {"sha1", "SHA-1", "md5"}) {
            PackagingException e = assertThrows(PackagingException.class, () -> HashChoice.of("rpm.sign.hash", weak));
            assertTrue(e.getMessage().contains("rpm.sign.hash '" + weak + "' is refused"), e.getMessage());
            assertTrue(e.getMessage().contains("use sha256 (the default) or sha512"), e.getMessage());
        }
    }

    @Test
    void refusesAnythingElseNamingWhatIsAccepted() {
        PackagingException e = assertThrows(PackagingException.class, () -> HashChoice.of("rpm.sign.hash", "blake2"));
        assertEquals("signing: rpm.sign.hash 'blake2' is not a signature hash: use sha256 (the default) or sha512",
                e.getMessage());
    }
}

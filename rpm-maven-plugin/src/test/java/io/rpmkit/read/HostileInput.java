package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import io.rpmkit.PackagingException;

/** Runs everything a caller can do with a damaged package and sorts out how it ended. */
final class HostileInput {
    static final Duration PER_CASE = Duration.ofSeconds(1);
    private static final int[] INTERESTING = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x10000, 0x0FFFFFFF,
        0x10000000, 16, -16, 8, 4};

    enum Outcome { REFUSED_AT_READ, REFUSED_LATER, DIGEST_MISMATCH, ALL_OK }

    private HostileInput() {
    }

    /**
     * Reads the file, renders it, walks and digests the payload and, when {@code extractTo} is given,
     * extracts it; fails the test if anything but a PackagingException escapes or the case takes a
     * second or more.
     */
    static Outcome exercise(Path file, String what, Path extractTo) {
        return assertTimeoutPreemptively(PER_CASE, () -> {
            RpmPackage pkg;
            try {
                pkg = RpmReader.read(file);
            } catch (PackagingException e) {
                return Outcome.REFUSED_AT_READ;
            } catch (Throwable e) {
                throw new AssertionError(what + ": reading threw " + e, e);
            }
            try {
                PackageSummary.render(pkg);
                pkg.header().entries().forEach(HeaderEntry::describe);
                pkg.signature().entries().forEach(HeaderEntry::describe);
                pkg.forEachPayloadEntry(entry -> entry.content().transferTo(OutputStream.nullOutputStream()));
                if (extractTo != null) {
                    SafeExtractor.extract(pkg, Files.createTempDirectory(extractTo, "extract"));
                }
                return pkg.verifyDigests().allOk() ? Outcome.ALL_OK : Outcome.DIGEST_MISMATCH;
            } catch (PackagingException e) {
                return Outcome.REFUSED_LATER;
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }, what);
    }

    /** Changes one to four bytes in [from, to), or sets a 32-bit field there to a value that tests a limit. */
    static String mutate(byte[] pkg, Random random, int from, int to) {
        if (random.nextBoolean() && to - from >= 4) {
            int at = from + random.nextInt((to - from) / 4) * 4;
            int value = INTERESTING[random.nextInt(INTERESTING.length)];
            ByteBuffer.wrap(pkg).putInt(at, value);
            return "int at " + at + " set to " + Integer.toHexString(value);
        }
        StringBuilder what = new StringBuilder("bytes");
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = from + random.nextInt(to - from);
            pkg[at] = (byte) random.nextInt(256);
            what.append(' ').append(at).append('=').append(pkg[at] & 0xFF);
        }
        return what.toString();
    }
}

package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.PackagingException;
import io.rpmkit.format.RpmLimits;

/**
 * rpm's hdrblobInit refuses a header whose blob, 8 + 16 * il + dl, is 256 MiB or more, although
 * hdrblobVerifyLengths lets a data size of up to 0x0FFFFFFF through: the reader applies both, so
 * that it refuses every header rpm refuses, the data size at rpm's limit included.
 */
class HeaderBlobLimitTest {
    @TempDir
    Path dir;

    /** Data sizes from the first one whose blob reaches rpm's limit up to HEADER_DATA_MAX itself. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 4096, 0x0FFFFFFF})
    void refusesEveryBlobOfRpmsLimitOrMore(int over) throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        int offset = SyntheticPackage.mainHeaderOffset(pkg);
        int entries = ByteBuffer.wrap(pkg).getInt(offset + 8);
        long first = RpmLimits.MAX_HEADER_BLOB_SIZE - 8L - 16L * entries;
        long dataSize = Math.min(first + over, RpmLimits.MAX_DATA_SIZE);
        ByteBuffer.wrap(pkg).putInt(offset + 12, (int) dataSize);
        Path file = Files.write(dir.resolve("x.rpm"), pkg);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(file));
        assertTrue(e.getMessage().contains("main header is " + (8 + 16L * entries + dataSize)
                + " bytes as rpm counts it") && e.getMessage().contains("rpm refuses 268435456 or more"),
                e.getMessage());
    }

    @Test
    void acceptsTheLargestBlobRpmAcceptsAsFarAsTheCountsGo() throws Exception {
        byte[] pkg = SyntheticPackage.valid();
        int offset = SyntheticPackage.mainHeaderOffset(pkg);
        int entries = ByteBuffer.wrap(pkg).getInt(offset + 8);
        ByteBuffer.wrap(pkg).putInt(offset + 12, RpmLimits.MAX_HEADER_BLOB_SIZE - 8 - 16 * entries - 1);
        Path file = Files.write(dir.resolve("x.rpm"), pkg);
        PackagingException e = assertThrows(PackagingException.class, () -> RpmReader.read(file));
        assertTrue(e.getMessage().contains("the file is truncated"), "refused by the counts, not the file: "
                + e.getMessage());
    }
}

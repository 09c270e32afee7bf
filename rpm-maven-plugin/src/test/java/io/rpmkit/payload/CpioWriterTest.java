package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.Test;

class CpioWriterTest {
    @Test
    void writesNewcRecordFieldByField() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CpioWriter cpio = new CpioWriter(out);
        cpio.writeHeader(new CpioWriter.Record("/a", 1, 0100644, 0x5f5e1000L, 3, 1));
        cpio.writeData(new ByteArrayInputStream("xyz".getBytes(StandardCharsets.US_ASCII)), 3);
        String archive = out.toString(StandardCharsets.US_ASCII);
        assertEquals("070701" // magic
                + "00000001" // inode
                + "000081a4" // mode 0100644
                + "00000000" // uid
                + "00000000" // gid
                + "00000001" // nlink
                + "5f5e1000" // mtime
                + "00000003" // file size
                + "00000000" // dev major
                + "00000000" // dev minor
                + "00000000" // rdev major
                + "00000000" // rdev minor
                + "00000004" // name size, "./a" and NUL
                + "00000000" // check
                + "./a\0" // 110 + 4 = 114 bytes
                + "\0\0" // pad to 116
                + "xyz\0", // data padded to 120
                archive);
    }

    @Test
    void commonsCompressReadsWhatItWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CpioWriter cpio = new CpioWriter(out);
        cpio.writeHeader(new CpioWriter.Record("/etc", 1, 040755, 0, 0, 2));
        cpio.writeHeader(new CpioWriter.Record("/etc/x", 2, 0100600, 0, 5, 1));
        cpio.writeData("hello".getBytes(StandardCharsets.US_ASCII));
        cpio.finish();
        try (CpioArchiveInputStream in = new CpioArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            CpioArchiveEntry dir = in.getNextCPIOEntry();
            assertEquals("./etc", dir.getName());
            assertEquals(040755, dir.getMode());
            CpioArchiveEntry file = in.getNextCPIOEntry();
            assertEquals("./etc/x", file.getName());
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(null, in.getNextCPIOEntry());
        }
        assertEquals(0, out.size() % 4);
    }

    @Test
    void refusesASourceThatChangedSize() {
        CpioWriter cpio = new CpioWriter(new ByteArrayOutputStream());
        assertThrows(IOException.class, () -> cpio.writeData(new ByteArrayInputStream(new byte[2]), 3));
        assertThrows(IOException.class, () -> cpio.writeData(new ByteArrayInputStream(new byte[4]), 3));
    }
}

package io.rpmkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import io.rpmkit.format.Digests;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;

/**
 * Packages made whole from a hand-built main header and cpio archive, for shapes our writer never
 * makes: the payload tags, the signature header (header digest and sizes) and the lead are filled in
 * so that the package is valid and a reader gets past every check to the part under test.
 */
public final class CraftedRpm {
    private CraftedRpm() {
    }

    /** A main header naming the package {@code name-1-1.noarch}, to which the caller adds its files. */
    public static HeaderBuilder mainHeader(String name) {
        return HeaderBuilder.mainHeader()
                .string(RpmTag.NAME, name)
                .string(RpmTag.VERSION, "1")
                .string(RpmTag.RELEASE, "1")
                .string(RpmTag.SUMMARY, name)
                .string(RpmTag.DESCRIPTION, name)
                .string(RpmTag.LICENSE, "MIT")
                .string(RpmTag.ARCH, "noarch")
                .string(RpmTag.OS, "linux");
    }

    /** The package file: {@code main} gets the payload tags of the gzip-compressed {@code cpio}. */
    public static byte[] assemble(HeaderBuilder main, byte[] cpio) {
        byte[] payload = gzip(cpio);
        byte[] header = main.string(RpmTag.PAYLOADFORMAT, "cpio")
                .string(RpmTag.PAYLOADCOMPRESSOR, "gzip")
                .int32(RpmTag.PAYLOADDIGESTALGO, Digests.SHA256_ALGO)
                .strings(RpmTag.PAYLOADDIGEST, List.of(sha256(payload)))
                .strings(RpmTag.PAYLOADDIGESTALT, List.of(sha256(cpio)))
                .encode();
        byte[] signature = HeaderBuilder.signatureHeader()
                .string(SignatureTag.SHA256HEADER, sha256(header))
                .int32(SignatureTag.SIZE, header.length + payload.length)
                .int32(SignatureTag.PAYLOADSIZE, cpio.length)
                .encode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Lead.encode("crafted-1-1", (short) 0));
        out.writeBytes(signature);
        out.writeBytes(header);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public static String sha256(byte[] data) {
        return Digests.hex(Digests.sha256().digest(data));
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

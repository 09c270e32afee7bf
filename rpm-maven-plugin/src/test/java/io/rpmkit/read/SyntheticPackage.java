package io.rpmkit.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import io.rpmkit.format.Flags;
import io.rpmkit.format.HeaderBuilder;
import io.rpmkit.format.Lead;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;

/**
 * Small packages made in memory from {@link HeaderBuilder} headers and a hand-written cpio, for
 * tests that need no tools: lead, signature header (with correct digests), main header, payload.
 */
public final class SyntheticPackage {
    static final String CONFIG_CONTENT = "x=1\n";

    /** One cpio entry; {@code name} as stored, e.g. {@code ./etc/syn.conf}. */
    record Entry(String name, int mode, byte[] content, int inode, int links) {
        static Entry file(String name, int mode, String content) {
            return new Entry(name, mode, content.getBytes(StandardCharsets.UTF_8), 0, 1);
        }
    }

    private SyntheticPackage() {
    }

    /** A complete, valid package: two files, a directory, a requirement, a scriptlet, a changelog. */
    static byte[] valid() {
        byte[] cpio = cpio(List.of(
                Entry.file("./etc/syn.conf", 0100644, CONFIG_CONTENT),
                new Entry("./usr/share/syn", 040755, new byte[0], 0, 2),
                Entry.file("./usr/share/syn/data", 0100600, "data\n")));
        byte[] payload = gzip(cpio);
        HeaderBuilder main = mainHeader(payload, cpio)
                .strings(RpmTag.DIRNAMES, List.of("/etc/", "/usr/share/", "/usr/share/syn/"))
                .int32(RpmTag.DIRINDEXES, 0, 1, 2)
                .strings(RpmTag.BASENAMES, List.of("syn.conf", "syn", "data"))
                .int32(RpmTag.FILESIZES, CONFIG_CONTENT.length(), 0, 5)
                .int16(RpmTag.FILEMODES, (short) 0100644, (short) 040755, (short) 0100600)
                .int32(RpmTag.FILEMTIMES, 1_700_000_000, 1_700_000_000, 1_700_000_000)
                .strings(RpmTag.FILEDIGESTS, List.of(sha256(CONFIG_CONTENT.getBytes(StandardCharsets.UTF_8)), "",
                        sha256("data\n".getBytes(StandardCharsets.UTF_8))))
                .strings(RpmTag.FILELINKTOS, List.of("", "", ""))
                .int32(RpmTag.FILEFLAGS, Flags.FILE_CONFIG | Flags.FILE_NOREPLACE, 0, 0)
                .strings(RpmTag.FILEUSERNAME, List.of("root", "root", "daemon"))
                .strings(RpmTag.FILEGROUPNAME, List.of("root", "root", "daemon"))
                .int32(RpmTag.FILEDIGESTALGO, DigestAlgorithm.SHA256.pgpId());
        return assemble(main, payload, cpio.length);
    }

    /**
     * A package with LONGFILESIZES, whose payload rpm writes as "stripped" cpio entries: {@code 07070X}
     * and the file's index in the header, padded to 4 bytes, then the content whose size the header
     * gives. {@code two} and {@code three} are hard links; only the last carries the content.
     */
    static byte[] stripped() {
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        String[] contents = {"first\n", "", "", "second!\n"};
        for (int index = 0; index < contents.length; index++) {
            cpio.writeBytes(String.format("07070X%08x", index).getBytes(StandardCharsets.US_ASCII));
            pad(cpio);
            cpio.writeBytes(contents[index].getBytes(StandardCharsets.US_ASCII));
            pad(cpio);
        }
        writeEntry(cpio, 0, 0, 1, "TRAILER!!!", new byte[0]);
        byte[] archive = cpio.toByteArray();
        byte[] payload = gzip(archive);
        String second = sha256(contents[3].getBytes(StandardCharsets.UTF_8));
        HeaderBuilder main = mainHeader(payload, archive)
                .strings(RpmTag.DIRNAMES, List.of("/opt/"))
                .int32(RpmTag.DIRINDEXES, 0, 0, 0, 0)
                .strings(RpmTag.BASENAMES, List.of("one", "dir", "two", "three"))
                .int64(RpmTag.LONGFILESIZES, 6, 0, 8, 8)
                .int16(RpmTag.FILEMODES, (short) 0100644, (short) 040755, (short) 0100600, (short) 0100600)
                .int32(RpmTag.FILEINODES, 1, 2, 3, 3)
                .int32(RpmTag.FILEDEVICES, 1, 1, 1, 1)
                .strings(RpmTag.FILEDIGESTS, List.of(sha256(contents[0].getBytes(StandardCharsets.UTF_8)), "",
                        second, second))
                .int32(RpmTag.FILEDIGESTALGO, DigestAlgorithm.SHA256.pgpId());
        return assemble(main, payload, archive.length);
    }

    /** The tags every test package has, with the payload's digests. */
    static HeaderBuilder mainHeader(byte[] payload, byte[] cpio) {
        return HeaderBuilder.mainHeader()
                .string(RpmTag.NAME, "synthetic")
                .string(RpmTag.VERSION, "1.0")
                .string(RpmTag.RELEASE, "1")
                .string(RpmTag.SUMMARY, "A synthetic package")
                .string(RpmTag.DESCRIPTION, "Made by the tests.")
                .int32(RpmTag.BUILDTIME, 1_700_000_000)
                .string(RpmTag.LICENSE, "MIT")
                .string(RpmTag.ARCH, "noarch")
                .string(RpmTag.OS, "linux")
                .string(RpmTag.PAYLOADFORMAT, "cpio")
                .string(RpmTag.PAYLOADCOMPRESSOR, "gzip")
                .strings(RpmTag.REQUIRENAME, List.of("/bin/sh", "rpmlib(FileDigests)"))
                .int32(RpmTag.REQUIREFLAGS, Flags.SENSE_SCRIPT_POST | Flags.SENSE_INTERP,
                        Flags.SENSE_RPMLIB | Flags.SENSE_LESS | Flags.SENSE_EQUAL)
                .strings(RpmTag.REQUIREVERSION, List.of("", "4.6.0-1"))
                .string(RpmTag.POSTIN, "echo installed")
                .string(RpmTag.POSTINPROG, "/bin/sh")
                .int32(RpmTag.CHANGELOGTIME, 1_700_000_000)
                .strings(RpmTag.CHANGELOGNAME, List.of("Tester <t@example.com> - 1.0-1"))
                .strings(RpmTag.CHANGELOGTEXT, List.of("- made"))
                .strings(RpmTag.PAYLOADDIGEST, List.of(sha256(payload)))
                .int32(RpmTag.PAYLOADDIGESTALGO, DigestAlgorithm.SHA256.pgpId())
                .strings(RpmTag.PAYLOADDIGESTALT, List.of(sha256(cpio)));
    }

    /** Lead, signature header with digests of the encoded main header, main header and payload. */
    static byte[] assemble(HeaderBuilder main, byte[] payload, long uncompressedSize) {
        byte[] header = main.encode();
        MessageDigest md5 = digest("MD5");
        md5.update(header);
        md5.update(payload);
        byte[] signature = HeaderBuilder.signatureHeader()
                .string(SignatureTag.SHA1HEADER, HexFormat.of().formatHex(digest("SHA-1").digest(header)))
                .string(SignatureTag.SHA256HEADER, sha256(header))
                .int32(SignatureTag.SIZE, header.length + payload.length)
                .binary(SignatureTag.MD5, md5.digest())
                .int32(SignatureTag.PAYLOADSIZE, (int) uncompressedSize)
                .encode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Lead.encode("synthetic-1.0-1", (short) 0));
        out.writeBytes(signature);
        out.writeBytes(header);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A newc archive with rpm's trailer; each header, name and content padded to 4 bytes. */
    static byte[] cpio(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int inode = 1;
        for (Entry entry : entries) {
            writeEntry(out, entry.inode() == 0 ? inode++ : entry.inode(), entry.mode(), entry.links(), entry.name(),
                    entry.content());
        }
        writeEntry(out, 0, 0, 1, "TRAILER!!!", new byte[0]);
        return out.toByteArray();
    }

    /** One newc entry with its padding, as rpm's payloads hold them. */
    public static void writeEntry(ByteArrayOutputStream out, int inode, int mode, int links, String name, byte[] content) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("070701");
        long[] fields = {inode, mode, 0, 0, links, 1_700_000_000L, content.length, 0, 0, 0, 0, nameBytes.length, 0};
        for (long field : fields) {
            header.append(String.format("%08x", field));
        }
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        pad(out);
        out.writeBytes(content);
        pad(out);
    }

    /** Pads the archive to cpio's 4-byte boundary. */
    public static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(data));
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the main header starts in a package made by {@link #assemble}. */
    static int mainHeaderOffset(byte[] pkg) {
        int signatureSize = headerSize(pkg, Lead.SIZE);
        int end = Lead.SIZE + signatureSize;
        return end + (8 - end % 8) % 8;
    }

    /** The size of the header starting at {@code offset}: intro, index and data. */
    static int headerSize(byte[] pkg, int offset) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(pkg);
        return 16 + 16 * buffer.getInt(offset + 8) + buffer.getInt(offset + 12);
    }

    /**
     * Adds the header's file list for these entries (names as stored, {@code ./} stripped and made
     * absolute), since the reader refuses an archive entry its header does not list, as rpm does.
     */
    static HeaderBuilder listing(HeaderBuilder main, List<Entry> entries) {
        List<String> dirs = new java.util.ArrayList<>();
        List<String> bases = new java.util.ArrayList<>();
        int[] indexes = new int[entries.size()];
        int[] sizes = new int[entries.size()];
        short[] modes = new short[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String path = "/" + (entry.name().startsWith("./") ? entry.name().substring(2) : entry.name());
            int slash = path.lastIndexOf('/');
            String dir = path.substring(0, slash + 1);
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
            indexes[i] = dirs.indexOf(dir);
            bases.add(path.substring(slash + 1));
            sizes[i] = entry.content().length;
            modes[i] = (short) entry.mode();
        }
        return main.strings(RpmTag.DIRNAMES, dirs).int32(RpmTag.DIRINDEXES, indexes)
                .strings(RpmTag.BASENAMES, bases).int32(RpmTag.FILESIZES, sizes).int16(RpmTag.FILEMODES, modes);
    }

    /** A list helper for tests that add entries. */
    static List<Entry> entries(Entry... entries) {
        return new ArrayList<>(List.of(entries));
    }
}

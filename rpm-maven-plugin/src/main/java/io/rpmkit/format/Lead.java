package io.rpmkit.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 96-byte lead that opens every package (rpm's lib/rpmlead.c). rpm reads only its magic, major
 * version and signature type now; the rest is kept for tools like {@code file}.
 */
public final class Lead {
    public static final int SIZE = 96;
    public static final int MAGIC = 0xEDABEEDB;
    private static final int NAME_FIELD = 66;
    /** RPMSIGTYPE_HEADERSIG: a signature header follows the lead. */
    private static final short HEADER_SIGNATURE_TYPE = 5;
    private static final short LINUX = 1;

    private Lead() {
    }

    /**
     * Encodes a binary package's lead.
     *
     * @param nameVersionRelease e.g. {@code tectonic-worker-1.8.9-1}; cut to 65 bytes so the field keeps its NUL
     * @param archNumber rpm's number for the architecture (rpmrc's arch_canon), 0 where it has none
     */
    public static byte[] encode(String nameVersionRelease, short archNumber) {
        byte[] name = nameVersionRelease.getBytes(StandardCharsets.UTF_8);
        ByteBuffer lead = ByteBuffer.allocate(SIZE);
        lead.putInt(MAGIC);
        lead.put((byte) 3); // major
        lead.put((byte) 0); // minor
        lead.putShort((short) 0); // type: binary
        lead.putShort(archNumber);
        lead.put(name, 0, Math.min(name.length, NAME_FIELD - 1));
        lead.position(4 + 2 + 2 + 2 + NAME_FIELD);
        lead.putShort(LINUX);
        lead.putShort(HEADER_SIGNATURE_TYPE);
        // 16 reserved bytes stay zero.
        return lead.array();
    }

    /**
     * Encodes a v6 package's lead as rpm 6 writes it (lib/rpmlead.cc): major version 4, which is how
     * rpm tells v6 from v3 and v4 (both 3), and zeros for architecture and OS, which no rpm reads.
     *
     * @param nameEpochVersionRelease e.g. {@code hello-1:2.0-1}; cut to 65 bytes like the v4 name
     */
    public static byte[] encodeV6(String nameEpochVersionRelease) {
        byte[] lead = encode(nameEpochVersionRelease, (short) 0);
        ByteBuffer.wrap(lead).put(4, (byte) 4).putShort(4 + 2 + 2 + 2 + NAME_FIELD, (short) 0);
        return lead;
    }

    /** rpm's arch_canon numbers for the architectures a Java team ships; noarch has none. */
    public static short archNumber(String arch) {
        return switch (arch) {
            case "x86_64", "i386", "i486", "i586", "i686", "athlon" -> 1;
            case "ppc64le" -> 16;
            case "ppc64", "ppc" -> 5;
            case "s390x" -> 15;
            case "aarch64" -> 19;
            case "armv7hl", "armv7l" -> 12;
            default -> 0;
        };
    }
}

package io.rpmkit.repo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The skippable frame (RFC 8878, 3.1.2) that ends every zstd metadata file we write. It is what
 * tells our zstd files from createrepo_c's, whose texts differ from ours in places (1.2.1 encodes
 * other.xml's attributes otherwise), so that an update keeps the packages' texts unparsed from ours
 * only, as the chunk index in the gzip header does for gzip ({@link IndexedGzip}). zstd readers skip
 * such a frame: it adds nothing to the text, so the open-size and open-checksum are the text's.
 */
final class ZstdMark {
    /** One of the sixteen magic numbers of skippable frames, 0x184D2A50 to 0x184D2A5F. */
    static final int MAGIC = 0x184D2A5E;
    private static final String CONTENT = "rpmkit repository metadata, layout 1\n";

    private ZstdMark() {
    }

    /** The frame: magic and content length (little-endian), then the content. */
    static byte[] frame() {
        byte[] content = CONTENT.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + content.length).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC)
                .putInt(content.length).put(content).array();
    }

    /** Whether a file ends with the frame, as our writer ends it. */
    static boolean ends(byte[] file) {
        byte[] frame = frame();
        return file.length > frame.length
                && Arrays.equals(file, file.length - frame.length, file.length, frame, 0, frame.length);
    }
}

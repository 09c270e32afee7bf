package io.rpmkit.hostile;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.rpmkit.spec.Content;

/**
 * Bytes made on the fly, the same for the same size and seed: large packages without large files
 * on disk. Every other 4 KiB block is random, the rest repeats a phrase, so that compressors work
 * as hard as on real binaries.
 */
public record GeneratedContent(long size, long seed) implements Content {
    private static final byte[] PHRASE = "the quick brown fox jumps over the lazy dog\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK = 4096;

    @Override
    public InputStream open() {
        return new InputStream() {
            private long position;
            private long state = seed * 0x9E3779B97F4A7C15L + 1;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    long at = position + i;
                    if ((at / BLOCK) % 2 == 0) {
                        if (at % 8 == 0) {
                            state ^= state << 13;
                            state ^= state >>> 7;
                            state ^= state << 17;
                        }
                        b[off + i] = (byte) (state >>> (8 * (at % 8)));
                    } else {
                        b[off + i] = PHRASE[(int) (at % PHRASE.length)];
                    }
                }
                position += n;
                return n;
            }
        };
    }

    @Override
    public String origin() {
        return "generated " + size + " bytes (seed " + seed + ")";
    }
}

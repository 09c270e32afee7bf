package io.rpmkit.hostile;

import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.write.RpmWriter;

/**
 * Builds one xz package of text in its own JVM, for tests that give it few cores or little heap:
 * {@code XzPackageMain OUTPUT MIB LEVEL [FREE_MIB]}. With FREE_MIB, the heap is first filled until about
 * that much of it is left, as another package built at the same time would fill it. Exits 0 when the
 * package is written, 2 with the message on a PackagingException.
 */
public final class XzPackageMain {
    private XzPackageMain() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        long size = Long.parseLong(args[1]) << 20;
        List<byte[]> otherWork = args.length > 3 ? fillHeap(Long.parseLong(args[3]) << 20) : List.of();
        try {
            new RpmWriter(Console.SILENT).write(spec("xz-heap", size, Integer.parseInt(args[2])), output);
        } catch (PackagingException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        } finally {
            Reference.reachabilityFence(otherWork);
        }
    }

    /** A package of {@code size} bytes of text, xz at {@code level}. */
    static PackageSpec spec(String name, long size, int level) throws PackagingException {
        return PackageSpec.builder()
                .name(name)
                .version("1.0")
                .summary("An xz package of generated text")
                .license("Apache-2.0")
                .buildTime(Instant.parse("2026-12-02T10:00:00Z"))
                .targetRpm(TargetRpm.EL8)
                .compression(Compression.XZ, level)
                .entry(Entry.file("/opt/" + name + "/text.txt", new Text(size)))
                .build();
    }

    /** Arrays of a mebibyte until about {@code free} bytes of the heap are left. */
    private static List<byte[]> fillHeap(long free) {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        List<byte[]> held = new ArrayList<>();
        while (runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()) > free + (1 << 20)) {
            held.add(new byte[1 << 20]);
        }
        return held;
    }

    /** A thousand lines that differ in a counter, over and over: LZMA finds long matches, so many blocks take little time. */
    private record Text(long size) implements Content {
        private static final byte[] CYCLE = cycle();

        private static byte[] cycle() {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 1000; line++) {
                text.append("line ").append(line).append(" of the text in the package\n");
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public InputStream open() {
            return new InputStream() {
                private long position;

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
                    int from = (int) (position % CYCLE.length);
                    int n = (int) Math.min(Math.min(len, CYCLE.length - from), size - position);
                    System.arraycopy(CYCLE, from, b, off, n);
                    position += n;
                    return n;
                }
            };
        }

        @Override
        public String origin() {
            return "generated text of " + size + " bytes";
        }
    }
}

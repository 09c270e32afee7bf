package io.rpmkit.write;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import io.rpmkit.spec.Entry;
import io.rpmkit.spec.EntryKind;

/**
 * The MIME type a v6 package records for each file (MIMEDICT, FILEMIMEINDEX). rpmbuild asks libmagic
 * (build/rpmfc.cc, {@code MAGIC_MIME_TYPE}), which knows thousands of formats; this knows the ones Java
 * projects ship, with libmagic's names, and calls the rest text/plain or application/octet-stream. It
 * looks at a file's first {@value #SAMPLE} bytes, seen as the file is copied into the payload.
 */
final class MimeTypes {
    static final int SAMPLE = 64 * 1024;
    /** Where rpmbuild skips libmagic and uses a fixed type (rpmfc.cc, skipped_extensions). */
    private static final Map<String, String> BY_SUFFIX = Map.of(".pm", "text/plain", ".c", "text/x-c", ".h",
            "text/x-c", ".la", "text/plain", ".pc", "text/plain", ".html", "text/html", ".png", "image/png", ".svg",
            "image/svg+xml");
    /** Magic numbers, as ISO-8859-1 text: one char per byte. */
    private static final String ELF = "\u007fELF";
    private static final String ZIP = "PK\u0003\u0004";
    private static final String GZIP = "\u001f\u008b";
    private static final String PNG = "\u0089PNG";
    private static final int ZIP_NAME_OFFSET = 30;
    private static final int ELF_TYPE_OFFSET = 16;
    private static final int ELF_MACHINE_OFFSET = 18;
    /** EM_BPF: eBPF objects, which rpmbuild leaves uncoloured. */
    private static final int ELF_MACHINE_BPF = 247;

    private MimeTypes() {
    }

    /**
     * @param head the file's first bytes (up to {@value #SAMPLE}); ignored for anything but a shipped
     *     regular file
     */
    static String of(Entry entry, byte[] head) {
        if (entry.kind() == EntryKind.DIRECTORY) {
            return "inode/directory";
        }
        if (entry.kind() == EntryKind.SYMLINK) {
            return "inode/symlink";
        }
        if (!entry.inPayload()) {
            return ""; // a %ghost: rpmbuild finds no file to ask libmagic about
        }
        String path = entry.path();
        for (Map.Entry<String, String> suffix : BY_SUFFIX.entrySet()) {
            if (path.endsWith(suffix.getKey())) {
                return suffix.getValue();
            }
        }
        return ofContent(head);
    }

    /**
     * rpmbuild's colour of a file (rpmfc.cc, getElfColor): for an executable regular file that is ELF,
     * 1 for 32-bit and 2 for 64-bit (BPF objects excepted); 0 for everything else.
     */
    static int color(Entry entry, byte[] head) {
        if (entry.kind() != EntryKind.FILE || (entry.mode() & 0111) == 0 || head.length <= ELF_MACHINE_OFFSET + 1
                || !new String(head, 0, ELF.length(), StandardCharsets.ISO_8859_1).equals(ELF)) {
            return 0;
        }
        boolean bigEndian = head[5] == 2;
        int machine = bigEndian ? (head[ELF_MACHINE_OFFSET] & 0xff) << 8 | head[ELF_MACHINE_OFFSET + 1] & 0xff
                : head[ELF_MACHINE_OFFSET] & 0xff | (head[ELF_MACHINE_OFFSET + 1] & 0xff) << 8;
        if (machine == ELF_MACHINE_BPF) {
            return 0;
        }
        return switch (head[4]) {
            case 1 -> 1;
            case 2 -> 2;
            default -> 0;
        };
    }

    private static String ofContent(byte[] head) {
        if (head.length == 0) {
            return "inode/x-empty";
        }
        String text = new String(head, 0, Math.min(head.length, 256), StandardCharsets.ISO_8859_1);
        if (text.startsWith(ELF)) {
            return elf(head);
        }
        if (text.startsWith(ZIP)) {
            // A jar's first entry is its META-INF/ directory or manifest; the name follows the 30-byte entry header.
            return text.startsWith("META-INF/", ZIP_NAME_OFFSET) ? "application/java-archive" : "application/zip";
        }
        if (text.startsWith(GZIP)) {
            return "application/gzip";
        }
        if (text.startsWith(PNG)) {
            return "image/png";
        }
        if (!isText(head)) {
            return "application/octet-stream";
        }
        if (text.startsWith("#!")) {
            return script(text);
        }
        if (text.startsWith("<?xml")) {
            return "text/xml";
        }
        return "text/plain";
    }

    /** libmagic's name for a script, from the interpreter its {@code #!} line names. */
    private static String script(String text) {
        String line = text.lines().findFirst().orElse("").substring(2).strip();
        String[] words = line.split("\\s+");
        String program = words[0].substring(words[0].lastIndexOf('/') + 1);
        if (program.equals("env") && words.length > 1) {
            program = words[1];
        }
        program = program.toLowerCase(Locale.ROOT);
        if (program.matches("(ba|da|k|z)?sh")) {
            return "text/x-shellscript";
        }
        if (program.startsWith("python")) {
            return "text/x-script.python";
        }
        if (program.startsWith("perl")) {
            return "text/x-perl";
        }
        return "text/plain";
    }

    /** ELF's e_type: executable, shared object (also what a PIE executable is) or relocatable. */
    private static String elf(byte[] head) {
        if (head.length < ELF_TYPE_OFFSET + 2) {
            return "application/octet-stream";
        }
        boolean bigEndian = head[5] == 2;
        int type = bigEndian ? head[ELF_TYPE_OFFSET + 1] & 0xff | (head[ELF_TYPE_OFFSET] & 0xff) << 8
                : head[ELF_TYPE_OFFSET] & 0xff | (head[ELF_TYPE_OFFSET + 1] & 0xff) << 8;
        return switch (type) {
            case 1 -> "application/x-object";
            case 2 -> "application/x-executable";
            case 3 -> "application/x-sharedlib";
            default -> "application/octet-stream";
        };
    }

    /** Text as libmagic sees it: no NUL and no control character other than tab, newlines, form feed and escape. */
    private static boolean isText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b && c != 0x08
                    || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Passes a file's bytes through, keeping the first {@value #SAMPLE} of them. */
    static final class Sampler extends FilterInputStream {
        private final byte[] sample = new byte[SAMPLE];
        private int sampled;

        Sampler(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && sampled < SAMPLE) {
                sample[sampled++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && sampled < SAMPLE) {
                int kept = Math.min(n, SAMPLE - sampled);
                System.arraycopy(buffer, offset, sample, sampled, kept);
                sampled += kept;
            }
            return n;
        }

        byte[] head() {
            return Arrays.copyOf(sample, sampled);
        }
    }
}

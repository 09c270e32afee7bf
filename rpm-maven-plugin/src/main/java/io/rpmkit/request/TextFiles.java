package io.rpmkit.request;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.rpmkit.Quoting;
import io.rpmkit.format.RpmLimits;

/**
 * Reads the text files a request names (scripts, changelogs), recording a problem instead of failing.
 * Their text ends up in header strings, which end at the first NUL byte and which rpm reads as UTF-8:
 * a file that is not UTF-8 text (UTF-16, a binary, a stray NUL) is refused with the offset of the
 * first byte a header string cannot hold, as rpmbuild refuses such a spec, instead of being cut short
 * by rpm at install time.
 */
final class TextFiles {
    private static final String REMEDY = "give a UTF-8 text file";

    private TextFiles() {
    }

    /** The file's UTF-8 text without surrounding blank space, or empty after recording why not. */
    static Optional<String> read(List<String> problems, String setting, Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            problems.add(setting + " " + Quoting.quote(file) + " is not a regular file: " + REMEDY);
            return Optional.empty();
        }
        try {
            long size = Files.size(file);
            if (size >= RpmLimits.MAX_HEADER_BLOB_SIZE) {
                problems.add(setting + " " + Quoting.quote(file) + " is " + size + " bytes, and its text is stored in"
                        + " the package's header, which rpm refuses from " + RpmLimits.MAX_HEADER_BLOB_SIZE
                        + " bytes (256 MiB): package the file as an entry and run it from a short script");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            String problem = problem(bytes);
            if (problem != null) {
                problems.add(setting + " " + Quoting.quote(file) + " " + problem);
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            problems.add(setting + " " + Quoting.quote(file) + " cannot be read (" + e.getClass().getSimpleName()
                    + "): give an existing UTF-8 text file");
            return Optional.empty();
        }
    }

    /** Null when {@code bytes} are UTF-8 text a header string can hold, else what is wrong and where. */
    static String problem(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            return "starts with a UTF-16 byte order mark (offset 0): convert it to UTF-8, e.g. iconv -f UTF-16"
                    + " -t UTF-8";
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                boolean utf16 = (i > 0 && bytes[i - 1] != 0 && i + 1 < bytes.length && bytes[i + 1] != 0)
                        || (i == 0 && bytes.length > 1 && bytes[1] != 0);
                return "has a NUL byte at offset " + i + ", where a header string ends: "
                        + (utf16 ? "it looks like UTF-16, convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)"
                                : REMEDY);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return String.format("is not UTF-8: byte 0x%02X at offset %d does not belong to a UTF-8 character"
                        + " (rpm reads header strings as UTF-8): convert it to UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
                        bytes[in.position()] & 0xFF, in.position());
            }
            if (result.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }
}

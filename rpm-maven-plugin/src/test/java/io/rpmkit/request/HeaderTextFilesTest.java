package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Script, trigger and changelog files end in header strings, which end at their first NUL and which
 * rpm reads as UTF-8. Every kind of content a header string cannot hold is refused with the file and
 * the offset of the first bad byte, through every setting that reads a file.
 */
class HeaderTextFilesTest {
    private static final String SCRIPT = "#!/bin/sh\necho hello\n";
    private static final String CHANGELOG = "* Tue Nov 24 2026 Jane <j@example.com> - 1.0.0-1\n- First\n";

    @TempDir
    Path dir;

    /** Content no header string can hold, with the offset of the first byte that shows it. */
    static Stream<Arguments> notText() {
        byte[] ascii = SCRIPT.getBytes(StandardCharsets.US_ASCII);
        byte[] nulInside = SCRIPT.getBytes(StandardCharsets.US_ASCII);
        nulInside[12] = 0;
        byte[] nulAtEnd = (SCRIPT + "\0").getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("a NUL inside", nulInside, 12, "NUL byte at offset 12"),
                Arguments.of("a NUL at the end", nulAtEnd, ascii.length, "NUL byte at offset " + ascii.length),
                Arguments.of("a NUL first", new byte[] {0, 'e', 'c', 'h', 'o'}, 0, "NUL byte at offset 0"),
                Arguments.of("UTF-16LE without BOM", SCRIPT.getBytes(StandardCharsets.UTF_16LE), 1, "UTF-16"),
                Arguments.of("UTF-16BE without BOM", SCRIPT.getBytes(StandardCharsets.UTF_16BE), 0, "UTF-16"),
                Arguments.of("UTF-16 with BOM", SCRIPT.getBytes(StandardCharsets.UTF_16), 0, "byte order mark"),
                Arguments.of("Latin-1", "echo caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), 8,
                        "byte 0xE9 at offset 8"),
                Arguments.of("a lone continuation byte", new byte[] {'a', (byte) 0x80, 'b'}, 1,
                        "byte 0x80 at offset 1"),
                Arguments.of("a truncated sequence at the end", new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82}, 2,
                        "offset 2"),
                Arguments.of("an overlong encoding", new byte[] {'a', (byte) 0xC0, (byte) 0xAF}, 1,
                        "byte 0xC0 at offset 1"),
                Arguments.of("an encoded surrogate", new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 1,
                        "offset 1"),
                Arguments.of("a binary", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 7, "NUL byte at offset 7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notText")
    void refusesContentAHeaderStringCannotHold(String what, byte[] content, int offset, String fragment)
            throws IOException {
        Path file = Files.write(dir.resolve("script.sh"), content);
        List<String> problems = new ArrayList<>();
        assertTrue(TextFiles.read(problems, "scriptlets[0].file", file).isEmpty(), what + " was accepted");
        assertEquals(1, problems.size(), problems::toString);
        String problem = problems.get(0);
        assertTrue(problem.startsWith("scriptlets[0].file '" + file + "'"), problem);
        assertTrue(problem.contains(fragment), "'" + fragment + "' not in: " + problem);
        assertTrue(problem.contains("offset " + offset), "offset " + offset + " not in: " + problem);
    }

    @Test
    void acceptsUtf8TextInEveryPlane() throws IOException {
        String text = "echo 'gr\u00fc\u00df \u4e16\u754c \uD83D\uDE00'";
        assertNull(TextFiles.problem(text.getBytes(StandardCharsets.UTF_8)));
        Path file = Files.writeString(dir.resolve("ok.sh"), "\n" + text + "\n\n");
        List<String> problems = new ArrayList<>();
        assertEquals(text, TextFiles.read(problems, "s", file).orElseThrow());
        assertEquals(List.of(), problems);
    }

    @Test
    void refusesATextTooLargeForAnyHeaderWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.sh");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), 270L << 20); // sparse: 270 MiB
        }
        List<String> problems = new ArrayList<>();
        assertTrue(TextFiles.read(problems, "scriptlets[0].file", file).isEmpty());
        assertTrue(problems.get(0).contains("is " + ((270L << 20) + 1) + " bytes")
                && problems.get(0).contains("256 MiB"), problems.toString());
    }

    /** Each setting that reads a file refuses a NUL in it, naming itself, the file and the offset. */
    @Test
    void everyFileSettingRefusesANul() throws Exception {
        byte[] script = "echo a\0echo b\n".getBytes(StandardCharsets.US_ASCII);
        byte[] changelog = (CHANGELOG + "\0").getBytes(StandardCharsets.US_ASCII);
        RequestHarness h = new RequestHarness(dir);
        h.file("src/post.sh", script);
        h.file("src/trigger.sh", script);
        h.file("src/changes", changelog);
        h.scriptlet("phase=post", "file=src/post.sh");
        h.trigger("kind=triggerin", "packages=httpd", "file=src/trigger.sh");
        h.set("changelogFile", "src/changes");
        RequestHarness.Failure failure = assertThrows(RequestHarness.Failure.class, h::execute);
        assertEquals(RequestHarness.Stage.RESOLVE, failure.stage);
        String message = failure.getMessage();
        assertTrue(message.contains("scriptlets[0].file '" + h.path("src/post.sh") + "' has a NUL byte at offset 6"),
                message);
        assertTrue(message.contains("triggers[0].file '" + h.path("src/trigger.sh") + "' has a NUL byte at offset 6"),
                message);
        assertTrue(message.contains("changelogFile '" + h.path("src/changes") + "' has a NUL byte at offset "
                + CHANGELOG.length()), message);
        assertFalse(Files.exists(h.outputDirectory()) && Files.list(h.outputDirectory()).findAny().isPresent(),
                "nothing is written");
    }
}

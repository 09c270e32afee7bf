package io.rpmkit.repo;

import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Writer} into a reusable {@link StringBuilder}, without the lock of {@link java.io.StringWriter}
 * (a StringBuffer) or the per-call encoding of an OutputStreamWriter: one package's metadata is
 * rendered into it on an indexing thread and taken out as UTF-8 in one piece.
 */
final class TextBuffer extends Writer {
    private final StringBuilder text = new StringBuilder(2048);

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        text.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
        text.append(s, off, off + len);
    }

    @Override
    public TextBuffer append(CharSequence s) {
        text.append(s);
        return this;
    }

    @Override
    public TextBuffer append(char c) {
        text.append(c);
        return this;
    }

    /** What was written since the last call, as UTF-8; the buffer is emptied for the next text. */
    byte[] takeUtf8() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        return bytes;
    }

    @Override
    public void flush() {
        // Nothing is buffered beyond the text itself.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}

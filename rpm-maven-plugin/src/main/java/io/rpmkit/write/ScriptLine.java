package io.rpmkit.write;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the first line of an executable file as it streams into the payload, so that its
 * interpreter is found without reading the file twice. What counts is rpmbuild's script.req: the
 * absolute path after {@code #!}, and the absolute path an {@code env} there is given
 * ({@code #!/usr/bin/env /usr/bin/perl}); a bare name after env ({@code python3}) is not followed, as
 * rpmbuild does not follow it.
 */
final class ScriptLine extends FilterInputStream {
    /** Longer than any interpreter line the kernel runs (BINPRM_BUF_SIZE is 256). */
    private static final int LIMIT = 4096;
    private static final Pattern INTERPRETER = Pattern.compile("#![ \\t]*(/\\S+).*");
    private static final Pattern ENV_PATH = Pattern.compile("#![ \\t]*\\S*/bin/env[ \\t]+(/\\S+).*");

    private final byte[] line = new byte[LIMIT];
    private int length;
    private boolean ended;

    ScriptLine(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            keep(b, off, n);
        }
        return n;
    }

    private void keep(byte[] b, int off, int n) {
        for (int i = off; i < off + n && !ended; i++) {
            if (b[i] == '\n' || length == LIMIT) {
                ended = true;
            } else {
                line[length++] = b[i];
            }
        }
    }

    /** The interpreters the first line names, none when it is no {@code #!} line. */
    List<String> interpreters() {
        String first = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        Matcher direct = INTERPRETER.matcher(first);
        if (direct.matches()) {
            found.add(direct.group(1));
        }
        Matcher env = ENV_PATH.matcher(first);
        if (env.matches()) {
            found.add(env.group(1));
        }
        return found;
    }
}

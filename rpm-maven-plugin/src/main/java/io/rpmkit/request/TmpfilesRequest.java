package io.rpmkit.request;

import java.nio.file.Path;
import java.util.List;

/**
 * The tmpfiles.d configuration a package ships, as lines or as a file (one of the two), installed as
 * {@code /usr/lib/tmpfiles.d/NAME.conf} and applied in %post.
 *
 * @param lines tmpfiles.d(5) lines, e.g. {@code d /run/hello 0750 hello hello -}
 * @param file a UTF-8 file of such lines
 */
public record TmpfilesRequest(List<String> lines, Path file) {

    public TmpfilesRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty() && file == null;
    }
}

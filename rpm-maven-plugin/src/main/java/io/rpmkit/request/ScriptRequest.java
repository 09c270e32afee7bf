package io.rpmkit.request;

import java.nio.file.Path;
import java.util.List;

/**
 * A scriptlet or trigger as a user configures it; strings are as written, so that errors can quote
 * them.
 *
 * @param when a scriptlet's phase (pretrans, pre, post, preun, postun, posttrans) or a trigger's kind
 *     (triggerin, triggerun, triggerpostun, and the file triggers filetriggerin, ..., transfiletriggerpostun)
 * @param packages a trigger's packages, each "name" or "name >= version"; empty for a scriptlet
 * @param interpreter absolute path of the interpreter; default /bin/sh
 * @param script the script itself, or null when it is in {@code file}
 * @param file a UTF-8 file holding the script, or null
 * @param prefixes a file trigger's path prefixes; empty otherwise
 * @param priority a file trigger's priority as written; null for rpm's default
 */
public record ScriptRequest(String when, List<String> packages, String interpreter, String script, Path file,
        List<String> prefixes, String priority) {
    public ScriptRequest {
        packages = packages == null ? List.of() : List.copyOf(packages);
        // An empty <prefix/> arrives as null; kept as "" so that validation names it.
        prefixes = prefixes == null ? List.of() : prefixes.stream().map(p -> p == null ? "" : p).toList();
    }

    /** A scriptlet or package trigger. */
    public ScriptRequest(String when, List<String> packages, String interpreter, String script, Path file) {
        this(when, packages, interpreter, script, file, List.of(), null);
    }
}

package io.rpmkit.maven;

import java.io.File;
import java.util.List;

import io.rpmkit.request.ScriptRequest;

/** One {@code <scriptlet>}: a phase and a script, inline or from a file. */
public class ScriptletConfig {
    /** pretrans, pre, post, preun, postun or posttrans. */
    String phase;
    /** Absolute path of the interpreter; default /bin/sh. */
    String interpreter;
    /** The script itself. */
    String script;
    /** A file holding the script, instead of {@code script}. */
    File file;

    ScriptRequest toRequest() {
        return new ScriptRequest(phase, List.of(), interpreter, script, file == null ? null : file.toPath());
    }
}

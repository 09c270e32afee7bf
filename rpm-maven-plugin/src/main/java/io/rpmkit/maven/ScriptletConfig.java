package io.rpmkit.maven;

import java.io.File;

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
}

package io.rpmkit.maven;

import java.io.File;
import java.util.List;

import io.rpmkit.request.ScriptRequest;

/** One {@code <trigger>}: when another package comes or goes, run a script. */
public class TriggerConfig {
    /** triggerin, triggerun or triggerpostun. */
    String kind;
    /** The packages that fire it, each as "name" or "name >= version". */
    List<String> packages;
    /** Absolute path of the interpreter; default /bin/sh. */
    String interpreter;
    /** The script itself. */
    String script;
    /** A file holding the script, instead of {@code script}. */
    File file;

    ScriptRequest toRequest() {
        return new ScriptRequest(kind, packages, interpreter, script, file == null ? null : file.toPath());
    }
}

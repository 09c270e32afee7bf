package io.rpmkit.maven;

import java.io.File;
import java.util.List;

import io.rpmkit.request.ScriptRequest;

/**
 * One {@code <trigger>}: when another package comes or goes, or (file triggers) when any package
 * installs or erases files under some path prefixes, run a script.
 */
public class TriggerConfig {
    /**
     * triggerin, triggerun or triggerpostun; or, firing on files, filetriggerin, filetriggerun,
     * filetriggerpostun (once per package) and transfiletriggerin, transfiletriggerun,
     * transfiletriggerpostun (once per transaction), rpm 4.13 and later.
     */
    String kind;
    /** The packages that fire a package trigger, each as "name" or "name >= version". */
    List<String> packages;
    /**
     * The path prefixes whose files fire a file trigger, e.g. {@code /usr/lib/demo/plugins}.
     *
     * @since 0.2.0
     */
    List<String> prefixes;
    /**
     * A file trigger's priority: higher runs first; default 1000000, as rpmbuild's.
     *
     * @since 0.2.0
     */
    String priority;
    /** Absolute path of the interpreter; default /bin/sh. */
    String interpreter;
    /** The script itself. */
    String script;
    /** A file holding the script, instead of {@code script}. */
    File file;

    ScriptRequest toRequest() {
        return new ScriptRequest(kind, packages, interpreter, script, file == null ? null : file.toPath(), prefixes,
                priority);
    }
}

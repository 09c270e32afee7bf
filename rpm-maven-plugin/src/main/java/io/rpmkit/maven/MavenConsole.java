package io.rpmkit.maven;

import org.apache.maven.plugin.logging.Log;

import io.rpmkit.Console;

/** The library's console on Maven's log. */
final class MavenConsole implements Console {
    private final Log log;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }
}

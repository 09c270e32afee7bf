package io.rpmkit.repo;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Names the repository writer's threads and makes them daemons, so that a failed write never keeps
 * the JVM alive: for a pool, or as an executor that runs each task on a new thread of its own. A
 * class rather than a lambda: a cold JVM spins a class for each lambda it links.
 */
final class DaemonThreads implements ThreadFactory, Executor {
    private final String name;

    DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void execute(Runnable work) {
        newThread(work).start();
    }
}

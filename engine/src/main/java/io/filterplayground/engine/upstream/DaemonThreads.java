package io.filterplayground.engine.upstream;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads for upstream I/O: they never keep the JVM alive after a run. */
final class DaemonThreads {
    private DaemonThreads() {}

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

package io.filterplayground.engine.runtime;

/**
 * Counts work in flight across every loop (queued tasks, running tasks, outstanding upstream
 * calls), so a runner can wait until the whole playground is quiet. Armed timers do not count: a
 * stream paused until the next tick is quiet.
 */
public final class Activity {
    private int pending;

    public synchronized void begin() {
        pending++;
    }

    public synchronized void end() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    public synchronized boolean isIdle() {
        return pending == 0;
    }

    /** Waits until nothing is in flight; returns false on timeout. */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (pending > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}

package io.filterplayground.engine.runtime;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Interrupts a guest call that runs longer than its limit. Each loop thread owns a {@link Guard};
 * arming and disarming are plain volatile writes, so the per-callback cost is negligible. Chicory
 * checks the interrupt flag and unwinds with {@code ChicoryInterruptedException}, which the host
 * turns into a trap (product reliability target: "a watchdog interrupts a callback that runs too
 * long").
 */
public final class Watchdog implements AutoCloseable {
    private final long limitNanos;
    private final CopyOnWriteArrayList<Guard> guards = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    private static final java.lang.invoke.VarHandle DEADLINE;

    static {
        try {
            DEADLINE =
                    java.lang.invoke.MethodHandles.lookup()
                            .findVarHandle(Guard.class, "deadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A coarse clock the watchdog thread advances, so arming costs no System.nanoTime() call. */
    private volatile long now = System.nanoTime();

    public Watchdog(long limitMillis) {
        this.limitNanos = limitMillis * 1_000_000L;
        this.thread = new Thread(this::watch, "watchdog");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public long limitMillis() {
        return limitNanos / 1_000_000L;
    }

    /** One per thread that runs guest code. */
    public final class Guard {
        private final Thread owner = Thread.currentThread();
        // Written with release semantics (a plain store on x86, no fence): arming runs around
        // every guest call, and the watchdog only needs to see it within its 10 ms tick.
        private long deadline;
        private volatile boolean fired;
        private int depth;

        /** Starts timing the outermost guest call on this thread. */
        public void arm() {
            if (depth++ == 0) {
                if (fired) {
                    fired = false;
                }
                DEADLINE.setRelease(this, now + limitNanos);
            }
        }

        /** Stops timing; returns whether the watchdog fired during the call. */
        public boolean disarm() {
            if (--depth == 0) {
                DEADLINE.setRelease(this, 0L);
                if (fired) {
                    Thread.interrupted();
                    return true;
                }
            }
            return fired;
        }

        public boolean fired() {
            return fired;
        }
    }

    public Guard newGuard() {
        Guard g = new Guard();
        guards.add(g);
        return g;
    }

    public void release(Guard guard) {
        guards.remove(guard);
    }

    private void watch() {
        while (!closed) {
            long t = System.nanoTime();
            now = t;
            for (Guard g : guards) {
                long d = (long) DEADLINE.getAcquire(g);
                if (d != 0 && t - d > 0 && !g.fired) {
                    g.fired = true;
                    g.owner.interrupt();
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

package io.filterplayground.engine.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * Time that moves only through {@link #advance}. Due timers fire in (due time, arming order) order,
 * each posted to its own loop; the clock waits for the whole playground to be quiet after each, so
 * a tick's consequences (a resumed stream, an upstream reply) land before the next tick.
 */
public final class VirtualClock implements PlaygroundClock {
    /**
     * 2026-01-01T00:00:00Z, the wall clock's start unless the scenario sets {@code startTime}: a
     * fixed start makes timestamps in traces reproducible.
     */
    public static final long START_EPOCH_NANOS = 1_767_225_600_000_000_000L;

    /**
     * Where the monotonic clock starts: an hour of uptime, as on a proxy that has been running a
     * while. Never 0: Go's runtime (wasip1) throws "nanotime returning zero" in {@code _initialize}
     * when it reads 0, and Envoy's steady clock is never near 0 either.
     */
    public static final long MONOTONIC_ORIGIN_NANOS = 3_600_000_000_000L;

    private final Activity activity;
    private final long startEpochNanos;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();

    /**
     * Time advanced so far: what the window shows as {@code t = +...}. Written under the lock, read
     * without it: every stream reads the clock, on every worker.
     */
    private volatile long now;

    private long order;

    public VirtualClock(Activity activity) {
        this(activity, START_EPOCH_NANOS);
    }

    /** A clock whose wall time starts at {@code startEpochNanos} (nanoseconds since the epoch). */
    public VirtualClock(Activity activity, long startEpochNanos) {
        if (startEpochNanos <= 0) {
            throw new IllegalArgumentException("the virtual clock must start after 1970");
        }
        this.activity = activity;
        this.startEpochNanos = startEpochNanos;
    }

    private static final class Timer implements Comparable<Timer>, Cancellable {
        final long due;
        final long order;
        final Executor loop;
        final Runnable task;
        volatile boolean cancelled;

        Timer(long due, long order, Executor loop, Runnable task) {
            this.due = due;
            this.order = order;
            this.loop = loop;
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long epochNanos() {
        return startEpochNanos + now;
    }

    @Override
    public long monotonicNanos() {
        return MONOTONIC_ORIGIN_NANOS + now;
    }

    @Override
    public synchronized Cancellable schedule(Executor loop, long delayNanos, Runnable task) {
        Timer t = new Timer(now + Math.max(0, delayNanos), order++, loop, task);
        timers.add(t);
        return t;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public synchronized int armedTimers() {
        timers.removeIf(t -> t.cancelled);
        return timers.size();
    }

    /**
     * Moves time forward by {@code nanos}, firing every timer that falls due on the way. Must not
     * be called from a loop thread (it waits for the loops).
     */
    public void advance(long nanos) throws InterruptedException {
        long target;
        synchronized (this) {
            target = now + Math.max(0, nanos);
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.due > target) {
                    // Never backwards, even if another thread advanced meanwhile.
                    now = Math.max(now, target);
                    return;
                }
                timers.poll();
                if (next.cancelled) {
                    continue;
                }
                now = Math.max(now, next.due);
            }
            next.loop.execute(next.task);
            activity.awaitIdle(Long.MAX_VALUE / 4);
        }
    }

    @Override
    public Clock asJavaClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                long n = epochNanos();
                return Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
            }
        };
    }
}

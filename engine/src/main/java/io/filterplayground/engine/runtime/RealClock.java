package io.filterplayground.engine.runtime;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The machine's clock; timers fire from one scheduler thread onto their loops. */
public final class RealClock implements PlaygroundClock {
    /**
     * Added to {@link System#nanoTime()}, whose origin Java leaves arbitrary (even negative): the
     * monotonic clock a guest reads is never below {@link VirtualClock#MONOTONIC_ORIGIN_NANOS}, so
     * never 0 (Go's runtime refuses a zero nanotime) and never wrapped around as an unsigned value.
     * On a machine up for more than an hour it is the plain uptime clock, as Envoy's steady clock.
     */
    private static final long MONOTONIC_SHIFT =
            Math.max(0, VirtualClock.MONOTONIC_ORIGIN_NANOS - System.nanoTime());

    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicInteger armed = new AtomicInteger();

    public RealClock() {
        scheduler =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "timers");
                            t.setDaemon(true);
                            return t;
                        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime() + MONOTONIC_SHIFT;
    }

    @Override
    public Cancellable schedule(Executor loop, long delayNanos, Runnable task) {
        armed.incrementAndGet();
        ScheduledFuture<?> f =
                scheduler.schedule(
                        () -> {
                            armed.decrementAndGet();
                            loop.execute(task);
                        },
                        Math.max(0, delayNanos),
                        TimeUnit.NANOSECONDS);
        return () -> {
            if (f.cancel(false)) {
                armed.decrementAndGet();
            }
        };
    }

    @Override
    public boolean isVirtual() {
        return false;
    }

    @Override
    public int armedTimers() {
        return armed.get();
    }

    @Override
    public Clock asJavaClock() {
        return Clock.systemUTC();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

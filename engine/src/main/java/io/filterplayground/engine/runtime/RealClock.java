package io.filterplayground.engine.runtime;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The machine's clock; timers fire from one scheduler thread onto their loops. */
public final class RealClock implements PlaygroundClock {
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
        return System.nanoTime();
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

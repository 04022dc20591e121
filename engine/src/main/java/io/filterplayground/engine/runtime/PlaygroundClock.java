package io.filterplayground.engine.runtime;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Time as filters see it: {@code proxy_get_current_time_nanoseconds}, WASI clocks, timers and
 * reload back-off all read this clock. Virtual time moves only when the runner advances it, which
 * makes timers and traces reproducible.
 */
public interface PlaygroundClock extends AutoCloseable {
    /** Wall-clock time in nanoseconds since the epoch. */
    long epochNanos();

    /** Monotonic nanoseconds, for durations. */
    long monotonicNanos();

    /** Runs {@code task} on {@code loop} after {@code delayNanos}. */
    Cancellable schedule(Executor loop, long delayNanos, Runnable task);

    boolean isVirtual();

    /** Number of armed timers, so a runner can tell "quiet" from "waiting for a tick". */
    int armedTimers();

    /** The same clock for libraries that want {@link java.time.Clock} (WASI). */
    Clock asJavaClock();

    @Override
    default void close() {}
}

package io.filterplayground.app.learn;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.trace.TraceEvent;

/**
 * Watches what the engine reports for one {@link Goal}, keeping only what the goal needs (so a
 * burst of thousands of requests costs no memory). The same event may arrive twice (live, then
 * inside its completed exchange): trackers count events by their seq.
 */
interface Tracker {
    default void trace(TraceEvent e) {}

    default void exchange(Exchange x) {}

    default void connection(ConnectionResult c) {}

    /** The virtual clock moved by {@code millis}. */
    default void advanced(long millis) {}

    /** The engine restarted on an edited scenario: state (VMs) starts again, history stays. */
    default void restarted() {}

    boolean met();

    /** What it has seen so far, in plain words, for the command line. */
    String evidence();
}

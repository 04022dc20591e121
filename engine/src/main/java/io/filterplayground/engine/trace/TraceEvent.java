package io.filterplayground.engine.trace;

/**
 * Everything observable in the host is one of these events. The GUI and the command line render the
 * same events; neither re-derives ABI facts.
 *
 * <p>{@code seq} is a global, strictly increasing number: a callback takes its number when it
 * starts, so the hostcalls made inside it sort after it. {@code streamId} is 0 for events that
 * belong to no HTTP stream (VM start, ticks, services).
 */
public sealed interface TraceEvent
        permits CallbackEvent,
                HostCallEvent,
                LogEvent,
                StageEvent,
                TrapEvent,
                VmEvent,
                StreamEvent {
    long seq();

    long streamId();

    String thread();

    /** {@code callback}, {@code hostcall}, {@code log}, {@code stage}, {@code trap}, ... */
    String kind();
}

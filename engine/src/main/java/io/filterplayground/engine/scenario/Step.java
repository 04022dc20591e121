package io.filterplayground.engine.scenario;

/** One step of a scenario run: send a request (perhaps repeatedly), or move the virtual clock. */
public sealed interface Step {
    /** Fires a request ({@code repeat} times as a burst across workers). */
    record Send(RequestSpec request) implements Step {}

    /** Moves the virtual clock, firing due timers in order. */
    record Advance(long millis) implements Step {}
}

package io.filterplayground.engine.scenario;

import java.util.List;

/**
 * A downstream connection of a tcp scenario: the client's steps, how often it connects, to which
 * worker ({@code worker} null means round-robin), and what {@code test} expects (null: nothing).
 */
public record ConnectionSpec(
        String name,
        List<ConnectionStep> steps,
        int repeat,
        Integer worker,
        ConnectionExpectation expect) {

    public ConnectionSpec {
        steps = List.copyOf(steps);
    }

    /** One connection that takes {@code steps}, on any worker, with nothing expected. */
    public static ConnectionSpec of(String name, List<ConnectionStep> steps) {
        return new ConnectionSpec(name, steps, 1, null, null);
    }
}

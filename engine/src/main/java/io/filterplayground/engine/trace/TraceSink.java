package io.filterplayground.engine.trace;

/** Receives trace events as they happen, on the engine's threads. Must be thread-safe and quick. */
@FunctionalInterface
public interface TraceSink {
    void accept(TraceEvent event);

    TraceSink NONE = event -> {};
}

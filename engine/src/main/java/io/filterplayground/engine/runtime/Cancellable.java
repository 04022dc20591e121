package io.filterplayground.engine.runtime;

/** A scheduled task that can be called off. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}

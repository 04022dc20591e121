package io.filterplayground.engine.runtime;

/** Per-worker state kept in {@link Worker#local} that has to end when the playground closes. */
public interface WorkerLocal {
    /** Ends this state; called once, on its worker's thread. */
    void close();
}

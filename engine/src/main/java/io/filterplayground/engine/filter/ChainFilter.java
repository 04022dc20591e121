package io.filterplayground.engine.filter;

import io.filterplayground.engine.runtime.Worker;

/**
 * One configured filter of the chain, whatever its style (Wasm, Lua, native): prepares its
 * per-worker state and hands out a factory for each worker's streams.
 */
public interface ChainFilter {
    String name();

    /**
     * Creates this filter's state on {@code worker} (its VM, Lua state...). Runs on that worker.
     */
    void start(Worker worker);

    /** The factory that makes this filter's part in each stream on {@code worker}. */
    HttpFilterFactory factory(Worker worker);

    /**
     * The factory that makes this filter's part in each TCP connection on {@code worker}, or null
     * when the filter is an HTTP filter only (in Envoy, Lua and most built-in filters are).
     */
    default NetworkFilterFactory networkFactory(Worker worker) {
        return null;
    }
}

package io.filterplayground.engine.abi;

/**
 * What a stream callback returned. The spec's {@code proxy_action_t} is Continue (0) or Pause (1);
 * Envoy's host reads the same number as a {@code FilterHeadersStatus}, {@code FilterDataStatus} or
 * {@code FilterTrailersStatus} (proxy-wasm-cpp-host {@code
 * include/proxy-wasm/context_interface.h}), whose higher values some SDKs return. Decoded once
 * here, by {@link Callback#action}.
 */
public enum Action {
    CONTINUE("Continue"),
    /** Headers and trailers: StopIteration; body: StopIterationAndBuffer. */
    PAUSE("Pause"),
    CONTINUE_AND_END_STREAM("ContinueAndEndStream"),
    STOP_ALL_ITERATION_AND_BUFFER("StopAllIterationAndBuffer"),
    STOP_ALL_ITERATION_AND_WATERMARK("StopAllIterationAndWatermark"),
    STOP_ITERATION_AND_WATERMARK("StopIterationAndWatermark"),
    STOP_ITERATION_NO_BUFFER("StopIterationNoBuffer"),
    /** A number no status of this callback has; Envoy treats it as a stop. */
    UNKNOWN("Action(?)");

    private static final Action[] HEADERS = {
        CONTINUE,
        PAUSE,
        CONTINUE_AND_END_STREAM,
        STOP_ALL_ITERATION_AND_BUFFER,
        STOP_ALL_ITERATION_AND_WATERMARK
    };
    private static final Action[] DATA = {
        CONTINUE, PAUSE, STOP_ITERATION_AND_WATERMARK, STOP_ITERATION_NO_BUFFER
    };
    private static final Action[] TRAILERS = {CONTINUE, PAUSE};

    private final String displayName;

    Action(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The trace's name for a raw result: the status's name, or {@code Action(n)} when unknown. */
    public static String describe(Action a, long raw) {
        return a == UNKNOWN ? "Action(" + (int) raw + ")" : a.displayName;
    }

    static Action headers(long raw) {
        return pick(HEADERS, raw);
    }

    static Action data(long raw) {
        return pick(DATA, raw);
    }

    static Action trailers(long raw) {
        return pick(TRAILERS, raw);
    }

    private static Action pick(Action[] table, long raw) {
        int v = (int) raw;
        return v >= 0 && v < table.length ? table[v] : UNKNOWN;
    }
}

package io.filterplayground.engine.filter;

/**
 * What a filter tells the filter manager after a callback, with Envoy's meanings. Wasm's PAUSE maps
 * to {@link #STOP_ALL_ITERATION} on headers (Envoy's default StopAllIterationAndWatermark) and to
 * {@link #STOP_ITERATION_AND_BUFFER} on bodies (Envoy's {@code Context::decodeHeaders}, {@code
 * decodeData}).
 */
public enum FilterStatus {
    /** Pass this frame on to the next filter. */
    CONTINUE("Continue"),
    /** Headers/trailers: hold them here; body frames still reach this filter. */
    STOP_ITERATION("StopIteration"),
    /** Headers: hold everything here; body frames are buffered without calling this filter. */
    STOP_ALL_ITERATION("StopAllIteration"),
    /** Body: keep the data buffered here; the next chunk re-delivers the whole buffer. */
    STOP_ITERATION_AND_BUFFER("StopIterationAndBuffer"),
    /** Body: stop without keeping the data. */
    STOP_ITERATION_NO_BUFFER("StopIterationNoBuffer");

    private final String displayName;

    FilterStatus(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isContinue() {
        return this == CONTINUE;
    }
}

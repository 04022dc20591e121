package io.filterplayground.engine.filter;

/**
 * One filter's part in one stream: the SPI shared by Wasm, Lua and native filters. Callbacks run on
 * the stream's worker thread. Body callbacks receive the data this filter has buffered so far plus
 * the new chunk; a filter may rewrite it in place.
 */
public interface HttpFilter {
    default FilterStatus onRequestHeaders(HeaderMap headers, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    default FilterStatus onRequestBody(Buffer body, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    default FilterStatus onRequestTrailers(HeaderMap trailers) {
        return FilterStatus.CONTINUE;
    }

    default FilterStatus onResponseHeaders(HeaderMap headers, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    default FilterStatus onResponseBody(Buffer body, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    default FilterStatus onResponseTrailers(HeaderMap trailers) {
        return FilterStatus.CONTINUE;
    }

    /** The access-log phase: the stream is complete (or reset); maps are read-only. */
    default void onLog() {}

    /** The stream is gone; release per-stream state. Runs after every filter's {@link #onLog}. */
    default void onDestroy() {}
}

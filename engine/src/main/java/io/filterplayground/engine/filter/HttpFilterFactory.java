package io.filterplayground.engine.filter;

/**
 * Creates a filter for each new stream on one worker. Returns null when the filter must not take
 * part in the stream (Envoy's fail-open on a failed VM: "the filter is not added at all").
 */
@FunctionalInterface
public interface HttpFilterFactory {
    HttpFilter create(FilterCallbacks callbacks);
}

package io.filterplayground.engine.filter;

/**
 * Creates a network filter for each new connection on one worker. Returns null when the filter must
 * not take part in the connection (fail-open on a failed VM).
 */
@FunctionalInterface
public interface NetworkFilterFactory {
    NetworkFilter create(ConnectionCallbacks callbacks);
}

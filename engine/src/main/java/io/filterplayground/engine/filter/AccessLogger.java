package io.filterplayground.engine.filter;

/**
 * An access logger (Envoy's {@code AccessLog::Instance}): told once per finished HTTP stream or TCP
 * connection, after every filter's own access-log callback and before the filters are destroyed, on
 * the worker that served it. It reads, never changes.
 */
public interface AccessLogger {
    /**
     * Logs the finished stream: {@code stream} is a {@link FilterCallbacks} for HTTP or a {@link
     * ConnectionCallbacks} for TCP, named after the logger.
     */
    void log(StreamCallbacks stream);
}

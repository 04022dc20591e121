package io.filterplayground.engine.filter;

/**
 * What a network filter can see and do in its connection (Envoy's read and write filter callbacks).
 * Control calls made while the filter manager is inside a callback take effect when that callback
 * has returned.
 */
public interface ConnectionCallbacks extends StreamCallbacks {
    /** Client bytes not yet taken by the TCP proxy (what this filter holds while it stops). */
    Buffer downstreamData();

    /** Upstream bytes not yet written to the client. */
    Buffer upstreamData();

    /** Envoy's {@code continueReading}: iteration goes on after this filter. */
    void continueReading();

    /** Closes the connection (Envoy's {@code close(FlushWrite)}): a local close. */
    void close(String details);
}

package io.filterplayground.engine.filter;

import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import java.util.Map;

/**
 * What a network filter can see and do in its connection (Envoy's read and write filter callbacks).
 * Control calls made while the filter manager is inside a callback take effect when that callback
 * has returned.
 */
public interface ConnectionCallbacks {
    long connectionId();

    String filterName();

    int filterIndex();

    Worker worker();

    Tracer tracer();

    /** Addresses, ids, times and byte counts ({@code source.address}, {@code connection.id}...). */
    StreamInfo streamInfo();

    /** Client bytes not yet taken by the TCP proxy (what this filter holds while it stops). */
    Buffer downstreamData();

    /** Upstream bytes not yet written to the client. */
    Buffer upstreamData();

    /** Envoy's {@code continueReading}: iteration goes on after this filter. */
    void continueReading();

    /** Closes the connection (Envoy's {@code close(FlushWrite)}): a local close. */
    void close(String details);

    /** As {@link FilterCallbacks#attribute}: work of this filter outside its callbacks. */
    void attribute(Runnable work);

    /** Envoy filter state ({@code proxy_set_property} values). */
    Map<String, byte[]> filterState();
}

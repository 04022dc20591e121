package io.filterplayground.engine.filter;

import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import java.util.Map;

/**
 * What every filter sees of the stream it is part of, whether an HTTP stream ({@link
 * FilterCallbacks}) or a TCP connection ({@link ConnectionCallbacks}).
 */
public interface StreamCallbacks {
    /** The stream's (or connection's) id; trace events of it carry this id. */
    long streamId();

    String filterName();

    int filterIndex();

    Worker worker();

    Tracer tracer();

    /** Facts properties and Lua's {@code streamInfo()} expose: addresses, ids, times, codes. */
    StreamInfo streamInfo();

    /**
     * Runs work of this filter that happens outside its callbacks (a callout's answer, a resumed
     * Lua handler) and counts its time to the filter. The callbacks it sets off in other filters
     * count to those filters.
     */
    void attribute(Runnable work);

    /** Envoy filter state ({@code proxy_set_property} values), shared by the stream's filters. */
    Map<String, byte[]> filterState();
}

package io.filterplayground.engine;

import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;

/**
 * One TCP connection's whole story: the bytes each side received, who closed it ({@code
 * downstream}, {@code upstream}, a filter's name, or {@code playground}), every trace event of the
 * connection (sorted by seq) and the time spent in each filter (host JVM time).
 */
public record ConnectionResult(
        long connectionId,
        int index,
        String name,
        String worker,
        byte[] received,
        byte[] upstreamReceived,
        String closedBy,
        List<TraceEvent> events,
        Map<String, Long> filterNanos,
        long totalNanos) {}

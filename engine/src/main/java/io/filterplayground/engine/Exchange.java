package io.filterplayground.engine;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.http.UpstreamRequest;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;

/**
 * One request's whole story: what was sent, what the upstream saw, what came back, every trace
 * event of the stream (sorted by seq) and the time spent in each filter (host JVM time).
 */
public record Exchange(
        long streamId,
        int index,
        String name,
        String worker,
        HttpRequest request,
        HttpResponse response,
        UpstreamRequest upstreamRequest,
        List<TraceEvent> events,
        Map<String, Long> filterNanos,
        long totalNanos) {}

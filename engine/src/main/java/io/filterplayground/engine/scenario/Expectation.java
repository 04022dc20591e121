package io.filterplayground.engine.scenario;

import java.util.List;
import java.util.Map;

/** What {@code test} checks for each exchange of a request; null fields are not checked. */
public record Expectation(
        Integer status,
        Map<String, String> responseHeaders,
        List<String> absentResponseHeaders,
        Map<String, String> upstreamHeaders,
        List<String> absentUpstreamHeaders,
        String bodyContains,
        String bodyEquals,
        List<String> logContains,
        Boolean localReply,
        Boolean upstreamReached) {}

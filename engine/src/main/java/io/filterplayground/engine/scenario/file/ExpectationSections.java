package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.Expectation;
import java.util.List;
import java.util.Map;

/** A request's {@code expect:}, what {@code test} checks; a key left out is not checked. */
final class ExpectationSections {
    private ExpectationSections() {}

    private static final Key<Expectation, Integer> STATUS =
            Key.of("status", Values.whole(0, 999), Expectation::status, null);
    private static final Key<Expectation, Map<String, String>> RESPONSE_HEADERS =
            Key.of("responseHeaders", Values.STRING_MAP, Expectation::responseHeaders, null);
    private static final Key<Expectation, List<String>> ABSENT_RESPONSE_HEADERS =
            Key.of(
                    "absentResponseHeaders",
                    Values.STRING_LIST,
                    Expectation::absentResponseHeaders,
                    null);
    private static final Key<Expectation, Map<String, String>> UPSTREAM_HEADERS =
            Key.of("upstreamHeaders", Values.STRING_MAP, Expectation::upstreamHeaders, null);
    private static final Key<Expectation, List<String>> ABSENT_UPSTREAM_HEADERS =
            Key.of(
                    "absentUpstreamHeaders",
                    Values.STRING_LIST,
                    Expectation::absentUpstreamHeaders,
                    null);
    private static final Key<Expectation, String> BODY_CONTAINS =
            Key.of("bodyContains", Values.SCALAR, Expectation::bodyContains, null);
    private static final Key<Expectation, String> BODY =
            Key.of("body", Values.SCALAR, Expectation::bodyEquals, null);
    private static final Key<Expectation, List<String>> LOG_CONTAINS =
            Key.of("logContains", Values.STRING_LIST, Expectation::logContains, null);
    private static final Key<Expectation, Boolean> LOCAL_REPLY =
            Key.of("localReply", Values.BOOL, Expectation::localReply, null);
    private static final Key<Expectation, Boolean> UPSTREAM_REACHED =
            Key.of("upstreamReached", Values.BOOL, Expectation::upstreamReached, null);

    static final Sections<Expectation> EXPECTATION =
            Sections.of(
                    STATUS,
                    RESPONSE_HEADERS,
                    ABSENT_RESPONSE_HEADERS,
                    UPSTREAM_HEADERS,
                    ABSENT_UPSTREAM_HEADERS,
                    BODY_CONTAINS,
                    BODY,
                    LOG_CONTAINS,
                    LOCAL_REPLY,
                    UPSTREAM_REACHED);

    static Expectation build(Draft d) {
        return new Expectation(
                d.get(STATUS),
                d.get(RESPONSE_HEADERS),
                d.get(ABSENT_RESPONSE_HEADERS),
                d.get(UPSTREAM_HEADERS),
                d.get(ABSENT_UPSTREAM_HEADERS),
                d.get(BODY_CONTAINS),
                d.get(BODY),
                d.get(LOG_CONTAINS),
                d.get(LOCAL_REPLY),
                d.get(UPSTREAM_REACHED));
    }
}

package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code connections:}, the downstream connections of a tcp listener: the {@code steps:} each
 * client takes in order ({@code send:} or {@code sendBase64:}, perhaps with {@code endStream:},
 * {@code advance:}, {@code close:}), with {@code repeat}, {@code worker} and {@code expect} as for
 * requests.
 */
final class ConnectionSections {
    private ConnectionSections() {}

    private static final BytesSection SEND = BytesSection.text("send", "sendBase64");
    private static final String END_STREAM = "endStream";
    private static final String ADVANCE = "advance";
    private static final String CLOSE = "close";
    private static final List<String> STEP_KEYS =
            List.of(SEND.textKey(), SEND.base64Key(), END_STREAM, ADVANCE, CLOSE);
    private static final Value<ConnectionStep.Side> SIDE =
            Value.of(
                    (n, at, r) ->
                            switch (Values.TEXT.read(n, at, r).trim().toLowerCase(Locale.ROOT)) {
                                case "downstream" -> ConnectionStep.Side.DOWNSTREAM;
                                case "upstream" -> ConnectionStep.Side.UPSTREAM;
                                default ->
                                        throw r.error(
                                                at,
                                                "unknown side '"
                                                        + n.asText()
                                                        + "' (downstream or upstream)");
                            },
                    side -> side.name().toLowerCase(Locale.ROOT));
    private static final Value<ConnectionStep> STEP =
            Value.of(ConnectionSections::step, ConnectionSections::stepMap);

    private static final BytesSection RECEIVED = BytesSection.text("received", "receivedBase64");
    private static final BytesSection UPSTREAM_RECEIVED =
            BytesSection.text("upstreamReceived", "upstreamReceivedBase64");
    private static final Key<ConnectionExpectation, List<String>> LOG_CONTAINS =
            Key.of("logContains", Values.STRING_LIST, ConnectionExpectation::logContains, null);
    private static final Key<ConnectionExpectation, String> CLOSED_BY =
            Key.of("closedBy", Values.TEXT, ConnectionExpectation::closedBy, null);
    private static final Sections<ConnectionExpectation> EXPECTATION =
            Sections.of(
                    RECEIVED.on(ConnectionExpectation::received),
                    UPSTREAM_RECEIVED.on(ConnectionExpectation::upstreamReceived),
                    LOG_CONTAINS,
                    CLOSED_BY);

    private static final Key<ConnectionSpec, String> NAME = Key.named(ConnectionSpec::name);
    private static final Key<ConnectionSpec, Integer> REPEAT =
            Key.of("repeat", StepSections.REPEATS, ConnectionSpec::repeat, 1);
    private static final Key<ConnectionSpec, Integer> WORKER =
            Key.of("worker", StepSections.WORKER_INDEX, ConnectionSpec::worker, null);
    private static final Key<ConnectionSpec, List<ConnectionStep>> STEPS =
            Key.of(
                    "steps",
                    Values.listOf(STEP, "must be a list of steps (send:, advance:, close:)"),
                    ConnectionSpec::steps,
                    List.of());
    private static final Key<ConnectionSpec, ConnectionExpectation> EXPECT =
            Key.of(
                    "expect",
                    Values.map(
                            EXPECTATION,
                            d ->
                                    new ConnectionExpectation(
                                            d.get(RECEIVED),
                                            d.get(UPSTREAM_RECEIVED),
                                            d.get(LOG_CONTAINS),
                                            d.get(CLOSED_BY)),
                            "must be a map (received, upstreamReceived, logContains, closedBy)"),
                    ConnectionSpec::expect,
                    null);
    private static final Sections<ConnectionSpec> CONNECTION =
            Sections.of(NAME, REPEAT, WORKER, STEPS, EXPECT);

    static final ListSection<ConnectionSpec> CONNECTIONS =
            new ListSection<>(
                    "connections",
                    "must be a list of connections",
                    Scenario::connections,
                    ConnectionSections::connection,
                    CONNECTION);

    /** A connection; unnamed, it is {@code connection-N} after its place. */
    private static ConnectionSpec connection(Fields c, int index) {
        Draft d =
                CONNECTION.readMap(
                        c.requireMap("must be a map (name, repeat, worker, steps, expect)"));
        return new ConnectionSpec(
                d.getOr(NAME, "connection-" + (index + 1)),
                d.get(STEPS),
                d.get(REPEAT),
                d.get(WORKER),
                d.get(EXPECT));
    }

    /** One step: exactly one of send, sendBase64, advance, close; endStream only with a send. */
    private static ConnectionStep step(JsonNode n, String at, Reading r) {
        Fields s =
                new Fields(n, at, r)
                        .requireMap("must be a map: send:, sendBase64:, advance: or close:");
        s.allow(STEP_KEYS);
        long kinds =
                Stream.of(SEND.textKey(), SEND.base64Key(), ADVANCE, CLOSE).filter(s::has).count();
        if (kinds != 1) {
            throw s.error("give one of send:, sendBase64:, advance: or close: per step");
        }
        if (s.has(END_STREAM) && !SEND.given(s)) {
            throw s.error(END_STREAM, "endStream goes with a send: or sendBase64:");
        }
        if (s.has(ADVANCE)) {
            return new ConnectionStep.Advance(s.read(ADVANCE, Values.DURATION));
        }
        if (s.has(CLOSE)) {
            return new ConnectionStep.Close(s.read(CLOSE, SIDE));
        }
        Draft d = new Draft();
        SEND.read(s, d);
        return new ConnectionStep.Send(
                d.get(SEND), s.has(END_STREAM) && s.read(END_STREAM, Values.BOOL));
    }

    private static Object stepMap(ConnectionStep step) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (step instanceof ConnectionStep.Send send) {
            SEND.write(send.data(), m, ref -> ref);
            if (send.endStream()) {
                m.put(END_STREAM, true);
            }
        } else if (step instanceof ConnectionStep.Advance a) {
            m.put(ADVANCE, Values.DURATION.write(a.millis()));
        } else if (step instanceof ConnectionStep.Close c) {
            m.put(CLOSE, SIDE.write(c.side()));
        }
        return m;
    }
}

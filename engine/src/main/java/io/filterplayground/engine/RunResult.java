package io.filterplayground.engine;

import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;

/**
 * Everything a scenario run produced: each exchange with the request spec it came from (or, for a
 * TCP listener, each connection with its spec), every log line, the events outside any request or
 * connection (VM lifecycle, ticks, services), and the final state.
 */
public record RunResult(
        Scenario scenario,
        List<Sent> sent,
        List<Connected> connections,
        List<LogEvent> logs,
        List<TraceEvent> outsideRequests,
        PlaygroundSnapshot snapshot,
        long wallNanos) {

    /** One exchange and the scenario request it was sent for. */
    public record Sent(RequestSpec spec, Exchange exchange) {}

    /** One TCP connection's result and the scenario connection it was opened for. */
    public record Connected(ConnectionSpec spec, ConnectionResult result) {}

    public List<Exchange> exchanges() {
        return sent.stream().map(Sent::exchange).toList();
    }
}

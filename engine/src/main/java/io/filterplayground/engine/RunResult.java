package io.filterplayground.engine;

import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;

/**
 * Everything a scenario run produced: each exchange with the request spec it came from, every log
 * line, the events outside any request (VM lifecycle, ticks, services), and the final state.
 */
public record RunResult(
        Scenario scenario,
        List<Sent> sent,
        List<LogEvent> logs,
        List<TraceEvent> outsideRequests,
        PlaygroundSnapshot snapshot,
        long wallNanos) {

    /** One exchange and the scenario request it was sent for. */
    public record Sent(RequestSpec spec, Exchange exchange) {}

    public List<Exchange> exchanges() {
        return sent.stream().map(Sent::exchange).toList();
    }
}

package io.filterplayground.engine.report.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.report.RunResultJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two real runs of the deny sample compared: exactly what differs is named, jitter is not. */
class RunDiffTest {
    private static String scenario(String denied) {
        return """
                workers: 1
                clock: virtual
                clusters:
                  backend: {mock: {status: 200, headers: {content-type: text/plain}, body: "welcome"}}
                route: backend
                filters:
                  - name: deny
                    wasm: deny/deny.wasm
                    configuration: {header: x-user, values: [%s], status: 403, body: "denied"}
                requests:
                  - {name: alice, path: /reports, headers: {x-user: alice}}
                  - {name: mallory, path: /reports, headers: {x-user: mallory}}
                """
                .formatted(denied);
    }

    @Test
    void shouldNameWhatChangedWhenTheFilterNowDeniesARequest() {
        RunResult before = Fixtures.run(scenario("eve"));
        RunResult after = Fixtures.run(scenario("eve, mallory"));

        RunChanges changes = RunDiff.compare(before, after, Thresholds.DEFAULT);

        assertThat(changes.summary()).isEqualTo("1 request changed: mallory now 403 (was 200)");
        ItemChanges alice = changes.items().get(0);
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.changes()).isEmpty();
        List<String> mallory =
                changes.items().get(1).changes().stream().map(Change::describe).toList();
        assertThat(mallory)
                .contains(
                        "status: 200 → 403",
                        "local reply: no → yes",
                        "header x-denied-by: + deny",
                        "body: welcome → denied",
                        "reached the upstream: yes → no",
                        "deny · proxy_on_request_headers: Continue → Pause",
                        "deny · warn: + deny: x-user: mallory is on the deny list")
                .doesNotContain("header :status: 200 → 403");
    }

    @Test
    void shouldFindNoChangeBetweenTwoRunsOfTheSameScenario() {
        String s = scenario("mallory");
        Fixtures.run(s); // warm the JIT, as a watch session's first run does
        RunChanges changes = RunDiff.compare(Fixtures.run(s), Fixtures.run(s), Thresholds.DEFAULT);

        assertThat(changes.identical()).as(changes.all().toString()).isTrue();
        assertThat(changes.summary()).isEqualTo("no change in 2 requests");
    }

    @Test
    void shouldReportAFiltersTimeOnlyBeyondTheNoiseThresholds() {
        ObjectNode run = RunResultJson.of(Fixtures.run(scenario("mallory")));
        ObjectNode jitter = run.deepCopy();
        ObjectNode slower = run.deepCopy();
        filterNanos(run).put("deny", 40_000);
        filterNanos(jitter).put("deny", 30_000_000); // a cold first run: 750 times, 30 ms
        filterNanos(slower).put("deny", 90_000_000);

        assertThat(RunDiff.compare(run, jitter, Thresholds.DEFAULT).identical()).isTrue();
        RunChanges slow = RunDiff.compare(run, slower, Thresholds.DEFAULT);
        assertThat(slow.all())
                .containsExactly(
                        new Change(
                                Change.Area.TIMING,
                                "deny",
                                "time in filter",
                                "0.040 ms",
                                "90.000 ms"));
        assertThat(RunDiff.compare(run, slower, Thresholds.IGNORE).identical()).isTrue();
    }

    @Test
    void shouldCompareTcpConnectionsByWhatEachSideReceivedAndWhoClosed() {
        String tcp =
                """
                listener: tcp
                clusters: {up: {tcp: {echo: true}}}
                route: up
                filters:
                  - name: tcp
                    wasm: testdata/tcp_filter.wasm
                    failurePolicy: %s
                    inject: {callback: downstream_data, call: 1}
                connections:
                  - {name: c, steps: [{send: hi}]}
                """;
        RunResult open = Fixtures.run(tcp.formatted("failOpen"));
        RunResult closed = Fixtures.run(tcp.formatted("failClosed"));

        RunChanges changes = RunDiff.compare(open, closed, Thresholds.IGNORE);

        assertThat(changes.items()).singleElement().matches(ItemChanges::connection);
        assertThat(changes.summary())
                .isEqualTo(
                        "1 connection changed: c now closed by tcp (was "
                                + open.connections().get(0).result().closedBy()
                                + ")");
        assertThat(changes.all())
                .map(Change::describe)
                .contains("client received: hi → ", "upstream received: hi → ");
    }

    private static ObjectNode filterNanos(ObjectNode run) {
        return (ObjectNode) run.get("requests").get(0).get("timing").get("filterNanos");
    }
}

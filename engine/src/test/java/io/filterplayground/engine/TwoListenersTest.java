package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * All four extension points in one run, through the real engine: an HTTP filter chain and a TCP
 * listener's network filter chain side by side, one access logger logging what both finish, and a
 * singleton service fed by the HTTP filter.
 */
class TwoListenersTest {
    private static final String BOTH =
            """
            workers: 2
            clock: virtual
            clusters:
              backend: {mock: {status: 200, body: "ok"}}
              redis: {tcp: {replies: ["+PONG\\r\\n"], close: true}}
            route: backend
            filters:
              - {name: stats, wasm: stats-aggregator/stats_aggregator.wasm, rootId: stats_filter, vmId: stats}
            tcpListener:
              route: redis
              filters:
                - {name: inspector, wasm: testdata/tcp_filter.wasm}
            accessLoggers:
              - {name: audit, wasm: testdata/access_log.wasm}
            services:
              - name: stats-service
                wasm: stats-aggregator/stats_aggregator.wasm
                rootId: stats_service
                vmId: stats
                singleton: true
            steps:
              - request: {name: get, path: /items}
              - advance: 1s
            connections:
              - {name: ping, worker: 1, steps: [{send: "PING\\r\\n"}]}
            """;

    private static List<String> logs(List<TraceEvent> events) {
        return events.stream()
                .filter(e -> e instanceof LogEvent)
                .map(e -> ((LogEvent) e).message())
                .toList();
    }

    private static List<String> filters(List<TraceEvent> events) {
        return events.stream()
                .filter(e -> e instanceof LogEvent)
                .map(e -> ((LogEvent) e).filter())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    @Test
    void shouldRunARequestAndAConnectionWithOneAccessLoggerAndASingletonService() {
        RunResult r = Fixtures.run(BOTH);

        assertThat(r.exchanges()).hasSize(1);
        Exchange get = r.exchanges().get(0);
        assertThat(get.response().status()).isEqualTo(200);
        assertThat(logs(get.events())).contains("access: GET /items 200 via_upstream");
        assertThat(filters(get.events())).containsOnly("stats", "audit");

        assertThat(r.connections()).hasSize(1);
        ConnectionResult ping = r.connections().get(0).result();
        assertThat(ping.worker()).isEqualTo("worker-1");
        assertThat(new String(ping.received(), StandardCharsets.UTF_8)).isEqualTo("+PONG\r\n");
        assertThat(new String(ping.upstreamReceived(), StandardCharsets.UTF_8))
                .isEqualTo("PING\r\n");
        assertThat(ping.closedBy()).isEqualTo("upstream");
        List<String> pingLogs = logs(ping.events());
        assertThat(pingLogs)
                .containsSubsequence(
                        "tcp: new connection",
                        "tcp: downstream 6 eos=0 PING\r\n",
                        "tcp: log connection.id=" + ping.connectionId());
        // The logger runs after the filter's own on_log, as Envoy runs access loggers.
        assertThat(pingLogs.get(pingLogs.size() - 1))
                .startsWith("access: tcp connection " + ping.connectionId() + " upstream ");
        assertThat(filters(ping.events())).containsOnly("inspector", "audit");

        // One logger, one count in its shared data: the request and the connection.
        SharedData.Row count =
                r.snapshot().sharedData().stream()
                        .filter(row -> row.key().equals("access_log_count"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ByteBuffer.wrap(count.value()).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(2);
        // The singleton service drained what the HTTP filter queued, and logged it on its tick.
        assertThat(r.logs())
                .anySatisfy(
                        l ->
                                assertThat(l.message())
                                        .isEqualTo(
                                                "stats: total=1 GET=1 POST=0 2xx=1 4xx=0"
                                                        + " 5xx=0"));
    }

    @Test
    void shouldSendRequestsOnlyToAnHttpListenerAndConnectOnlyToATcpOne() throws Exception {
        try (Playground tcp =
                Playground.start(
                        Fixtures.yaml("listener: tcp\n"),
                        Playground.Options.defaults(),
                        TraceSink.NONE)) {
            assertThatThrownBy(() -> tcp.send("r", HttpRequest.get("/"), null))
                    .isInstanceOf(EngineException.class)
                    .hasMessage(
                            "this scenario's listener is tcp: it takes connections, not requests");
        }
        try (Playground http =
                Playground.start(
                        Fixtures.yaml("requests: [{path: /}]\n"),
                        Playground.Options.defaults(),
                        TraceSink.NONE)) {
            assertThatThrownBy(() -> http.connect("c", null))
                    .isInstanceOf(EngineException.class)
                    .hasMessage(
                            "this scenario has no TCP listener (listener: tcp, or a"
                                    + " tcpListener:) to connect to");
        }
    }
}

package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Network (TCP) filters through the real engine: a real module (tcp_filter.c) in a {@code listener:
 * tcp} scenario, mock and real TCP upstreams, Envoy's callback order and close rules.
 */
class TcpListenerTest {
    private static RunResult tcp(String filterConfig, String cluster, String steps) {
        return Fixtures.run(
                """
                listener: tcp
                clock: virtual
                clusters:
                  up: %s
                route: up
                filters:
                  - name: tcp
                    wasm: testdata/tcp_filter.wasm
                    configuration: "%s"
                connections:
                  - name: c
                    steps:
                %s
                """
                        .formatted(cluster, filterConfig, steps.indent(6)));
    }

    private static ConnectionResult only(RunResult r) {
        assertThat(r.connections()).hasSize(1);
        return r.connections().get(0).result();
    }

    private static List<String> logs(ConnectionResult c) {
        return c.events().stream()
                .filter(e -> e instanceof LogEvent)
                .map(e -> ((LogEvent) e).message())
                .toList();
    }

    private static List<String> callbacks(ConnectionResult c) {
        return c.events().stream()
                .filter(e -> e instanceof CallbackEvent)
                .map(e -> ((CallbackEvent) e).name())
                .toList();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void shouldCallEveryNetworkCallbackInEnvoysOrderWhenTheUpstreamEndsItsStream() {
        RunResult r =
                tcp(
                        "",
                        "{tcp: {replies: [\"PONG\\r\\n\"], close: true}}",
                        "- send: \"PING\\r\\n\"");
        ConnectionResult c = only(r);
        assertThat(callbacks(c))
                .containsExactly(
                        "proxy_on_context_create",
                        "proxy_on_new_connection",
                        "proxy_on_downstream_data",
                        "proxy_on_upstream_data",
                        "proxy_on_upstream_connection_close",
                        "proxy_on_downstream_connection_close",
                        "proxy_on_done",
                        "proxy_on_log",
                        "proxy_on_delete");
        assertThat(logs(c))
                .containsSubsequence(
                        "tcp: upstream 6 eos=1 PONG\r\n",
                        "tcp: upstream close peer=0",
                        "tcp: downstream close peer=1",
                        "tcp: done",
                        "tcp: log connection.id=" + c.connectionId(),
                        "tcp: delete");
        assertThat(text(c.received())).isEqualTo("PONG\r\n");
        assertThat(text(c.upstreamReceived())).isEqualTo("PING\r\n");
        assertThat(c.closedBy()).isEqualTo("upstream");
    }

    @Test
    void shouldNotFinishTheContextWhenTheClientClosesFirst() {
        // Envoy runs on_done/on_log/on_delete only when both sides closed through the filter.
        RunResult r = tcp("", "{tcp: {echo: true}}", "- send: hi\n- close: downstream");
        ConnectionResult c = only(r);
        assertThat(logs(c)).contains("tcp: downstream close peer=2");
        assertThat(callbacks(c)).doesNotContain("proxy_on_done", "proxy_on_delete");
        assertThat(c.events())
                .anySatisfy(
                        e ->
                                assertThat(e.toString())
                                        .contains("never gets on_done, on_log or on_delete"));
        assertThat(c.closedBy()).isEqualTo("downstream");
        assertThat(text(c.received())).isEqualTo("hi");
    }

    @Test
    void shouldHoldBytesUntilTheFilterContinuesAndDeliverThemAgain() {
        RunResult r = tcp("lines", "{tcp: {echo: true}}", "- send: \"GET k\"\n- send: \"ey\\n\"");
        ConnectionResult c = only(r);
        assertThat(logs(c))
                .containsSubsequence(
                        "tcp: downstream 5 eos=0 GET k", "tcp: downstream 8 eos=0 GET key\n");
        assertThat(text(c.upstreamReceived())).isEqualTo("GET key\n");
        assertThat(text(c.received())).isEqualTo("GET key\n");
    }

    @Test
    void shouldRewriteBothDirectionsInPlace() {
        assertThat(text(only(tcp("upper", "{tcp: {echo: true}}", "- send: hello")).received()))
                .isEqualTo("HELLO");
        assertThat(
                        text(
                                only(tcp("tag", "{tcp: {echo: true}}", "- send: hello"))
                                        .upstreamReceived()))
                .isEqualTo("> hello");
    }

    @Test
    void shouldCloseTheConnectionFromAFilter() {
        ConnectionResult c =
                only(
                        tcp(
                                "deny:FLUSHALL",
                                "{tcp: {echo: true}}",
                                "- send: \"FLUSHALL\\r\\n\"\n- send: more"));
        assertThat(c.closedBy()).isEqualTo("tcp");
        assertThat(c.upstreamReceived()).isEmpty();
        assertThat(logs(c)).contains("tcp: denied, closing", "tcp: downstream close peer=1");
    }

    @Test
    void shouldCloseOrStepAsideWhenTheFilterTraps() {
        String failClosed =
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
                  - steps: [{send: hi}]
                """;
        ConnectionResult closed = only(Fixtures.run(failClosed.formatted("failClosed")));
        assertThat(closed.events()).anyMatch(e -> e instanceof TrapEvent);
        assertThat(closed.closedBy()).isEqualTo("tcp");
        assertThat(closed.upstreamReceived()).isEmpty();
        ConnectionResult open = only(Fixtures.run(failClosed.formatted("failOpen")));
        assertThat(text(open.upstreamReceived())).isEqualTo("hi");
        assertThat(text(open.received())).isEqualTo("hi");
    }

    @Test
    void shouldProxyToARealTcpServerOnLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread echo =
                    new Thread(
                            () -> {
                                try (Socket s = server.accept();
                                        InputStream in = s.getInputStream();
                                        OutputStream out = s.getOutputStream()) {
                                    byte[] buf = new byte[1024];
                                    int n = in.read(buf);
                                    out.write(
                                            ("+" + new String(buf, 0, n, StandardCharsets.UTF_8))
                                                    .getBytes(StandardCharsets.UTF_8));
                                    out.flush();
                                } catch (Exception e) {
                                    // The test fails on what the client received.
                                }
                            });
            echo.start();
            ConnectionResult c =
                    only(
                            tcp(
                                    "upper",
                                    "{url: \"tcp://127.0.0.1:" + server.getLocalPort() + "\"}",
                                    "- send: \"ping\\r\\n\""));
            echo.join(5000);
            assertThat(text(c.received())).isEqualTo("+PING\r\n");
            assertThat(c.events())
                    .anySatisfy(
                            e ->
                                    assertThat(e.toString())
                                            .contains("127.0.0.1:" + server.getLocalPort()));
        }
    }

    @Test
    void shouldFlagAnUnreachableUpstreamAndFinishTheContext() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectionResult c = only(tcp("", "{url: \"tcp://127.0.0.1:" + port + "\"}", "- send: hi"));
        assertThat(c.closedBy()).isEqualTo("upstream");
        // Envoy: a downstream close on a connection with a response flag (UF) ends the context.
        assertThat(callbacks(c)).contains("proxy_on_done", "proxy_on_log", "proxy_on_delete");
        assertThat(c.events()).anySatisfy(e -> assertThat(e.toString()).contains("UF"));
    }

    @Test
    void shouldLogEachConnectionAndEachRequestWithAWasmAccessLogger() {
        RunResult tcp =
                Fixtures.run(
                        """
                        listener: tcp
                        clusters: {up: {tcp: {replies: [bye], close: true}}}
                        route: up
                        filters:
                          - {name: tcp, wasm: testdata/tcp_filter.wasm}
                        accessLoggers:
                          - {name: audit, wasm: testdata/access_log.wasm}
                        connections:
                          - {name: a, steps: [{send: hi}], repeat: 2}
                        """);
        for (RunResult.Connected c : tcp.connections()) {
            List<TraceEvent> events = c.result().events();
            assertThat(events)
                    .anySatisfy(
                            e ->
                                    assertThat(e.toString())
                                            .contains(
                                                    "access: tcp connection "
                                                            + c.result().connectionId()));
            // After the filter's own on_log, as Envoy runs access loggers.
            int filterLog = indexOf(events, "tcp: log");
            int access = indexOf(events, "access: tcp");
            assertThat(filterLog).isLessThan(access);
        }
        RunResult http =
                Fixtures.run(
                        """
                        filters:
                          - {name: deny, wasm: deny/deny.wasm, configuration: {header: x-user, values: [mallory]}}
                        accessLoggers:
                          - {name: audit, wasm: testdata/access_log.wasm}
                        requests:
                          - {name: alice, path: /a, headers: {x-user: alice}}
                          - {name: mallory, path: /m, headers: {x-user: mallory}}
                        """);
        assertThat(logs(http)).contains("access: GET /a 200 via_upstream");
        assertThat(logs(http)).anySatisfy(l -> assertThat(l).startsWith("access: GET /m 403"));
    }

    @Test
    void shouldNeverChangeTheResponseWhenTheAccessLoggerTraps() {
        RunResult r =
                Fixtures.run(
                        """
                        accessLoggers:
                          - {name: audit, wasm: testdata/access_log.wasm, configuration: trap}
                        requests:
                          - {name: one}
                          - {name: two}
                        """);
        assertThat(r.exchanges()).allSatisfy(x -> assertThat(x.response().status()).isEqualTo(200));
        assertThat(r.exchanges().get(0).events()).anyMatch(e -> e instanceof TrapEvent);
    }

    private static int indexOf(List<TraceEvent> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof LogEvent l && l.message().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> logs(RunResult r) {
        return r.logs().stream().map(LogEvent::message).toList();
    }
}

package io.filterplayground.engine.scenario.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each mistake in a tcp scenario is one line that says where and what. */
class TcpScenarioErrorsTest {
    private static final ResourceResolver MODULES =
            ref -> ("bytes of " + ref).getBytes(StandardCharsets.UTF_8);

    private static void rejects(String yaml, String message) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "s.yaml", MODULES))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.yaml: " + message);
    }

    /** A tcp scenario's first lines, with {@code rest} after them. */
    private static String tcp(String rest) {
        return "listener: tcp\nclusters: {echo: {tcp: {echo: true}}}\n" + rest;
    }

    @Test
    void shouldNameTheListenersThereAre() {
        rejects("listener: udp\n", "listener: unknown listener 'udp' (http or tcp)");
    }

    @Test
    void shouldKeepRequestsAndConnectionsToTheirListeners() {
        rejects(
                tcp("requests: [{path: /}]\n"),
                "requests: a tcp listener runs connections:, not requests (or say listener: http)");
        rejects(
                tcp("steps: [{advance: 1s}]\n"),
                "steps: a tcp listener runs connections:, not requests (or say listener: http)");
        rejects(
                "connections: [{steps: [{send: hi}]}]\n",
                "connections: connections need a TCP listener: say listener: tcp, or add a"
                        + " tcpListener: beside the http one");
        rejects(
                "listener: http\nconnections: [{steps: [{send: hi}]}]\n",
                "connections: connections need a TCP listener: say listener: tcp, or add a"
                        + " tcpListener: beside the http one");
    }

    @Test
    void shouldTakeOnlyWasmFiltersOnATcpListener() {
        String wasm = "filters:\n  - {wasm: a.wasm}\n";
        rejects(
                tcp(wasm + "  - {lua: \"function envoy_on_request(h) end\"}\n"),
                "filters[1]: a tcp listener takes Wasm network filters; lua/native filters are"
                        + " HTTP filters");
        rejects(
                tcp(wasm + "  - {native: cors}\n"),
                "filters[1]: a tcp listener takes Wasm network filters; lua/native filters are"
                        + " HTTP filters");
    }

    @Test
    void shouldRouteEachListenerToAClusterOfItsKind() {
        rejects(
                "listener: tcp\nclusters: {web: {mock: {status: 200}}}\n",
                "route: cluster 'web' is an HTTP cluster; a tcp listener proxies to a TCP cluster"
                        + " (tcp: or url: tcp://host:port)");
        rejects(
                "listener: tcp\nclusters: {web: {url: \"http://127.0.0.1:1\"}}\n",
                "route: cluster 'web' is an HTTP cluster; a tcp listener proxies to a TCP cluster"
                        + " (tcp: or url: tcp://host:port)");
        rejects(
                "clusters: {echo: {tcp: {echo: true}}}\n",
                "route: cluster 'echo' is a TCP cluster; an http listener routes to an HTTP"
                        + " cluster (mock: or an http(s) url:), or say listener: tcp");
        rejects(
                "clusters: {web: {mock: {}}, db: {url: \"tcp://127.0.0.1:5432\"}}\nroute: db\n",
                "route: cluster 'db' is a TCP cluster; an http listener routes to an HTTP"
                        + " cluster (mock: or an http(s) url:), or say listener: tcp");
    }

    @Test
    void shouldRefuseAStepThatIsNotExactlyOneThing() {
        rejects(
                tcp("connections: [{steps: [{send: a}, {send: b, bogus: 1}]}]\n"),
                "connections[0].steps[1].bogus: unknown field (expected one of send, sendBase64,"
                        + " endStream, advance, close)");
        rejects(
                tcp("connections: [{steps: [{send: a, advance: 1s}]}]\n"),
                "connections[0].steps[0]: give one of send:, sendBase64:, advance: or close: per"
                        + " step");
        rejects(
                tcp("connections: [{steps: [{send: a, sendBase64: YQ==}]}]\n"),
                "connections[0].steps[0]: give one of send:, sendBase64:, advance: or close: per"
                        + " step");
        rejects(
                tcp("connections: [{steps: [{endStream: true}]}]\n"),
                "connections[0].steps[0]: give one of send:, sendBase64:, advance: or close: per"
                        + " step");
        rejects(
                tcp("connections: [{steps: [{close: downstream, endStream: true}]}]\n"),
                "connections[0].steps[0].endStream: endStream goes with a send: or sendBase64:");
        rejects(
                tcp("connections: [{steps: [send]}]\n"),
                "connections[0].steps[0]: must be a map: send:, sendBase64:, advance: or close:");
        rejects(
                tcp("connections: [{steps: {send: a}}]\n"),
                "connections[0].steps: must be a list of steps (send:, advance:, close:)");
    }

    @Test
    void shouldExplainABadStepValue() {
        rejects(
                tcp("connections: [{steps: [{close: sideways}]}]\n"),
                "connections[0].steps[0].close: unknown side 'sideways' (downstream or upstream)");
        rejects(
                tcp("connections: [{steps: [{sendBase64: \"not base64!\"}]}]\n"),
                "connections[0].steps[0].sendBase64: not valid base64");
        rejects(
                tcp("connections: [{steps: [{advance: soon}]}]\n"),
                "connections[0].steps[0].advance: not a duration: 'soon' (e.g. 250ms, 2s, 1m)");
        rejects(
                tcp("connections: [{steps: [{send: a, endStream: maybe}]}]\n"),
                "connections[0].steps[0].endStream: must be true or false, not 'maybe'");
    }

    @Test
    void shouldCheckAConnectionAndItsExpectations() {
        rejects(tcp("connections: {a: 1}\n"), "connections: must be a list of connections");
        rejects(
                tcp("connections: [{steps: [], bogus: 1}]\n"),
                "connections[0].bogus: unknown field (expected one of name, repeat, worker,"
                        + " steps, expect)");
        rejects(
                tcp("connections: [{steps: [], worker: 64}]\n"),
                "connections[0].worker: must be between 0 and 63, not 64");
        rejects(
                tcp("connections: [{steps: [], expect: {received: a, receivedBase64: YQ==}}]\n"),
                "connections[0].expect.receivedBase64: give received or receivedBase64, not both");
        rejects(
                tcp("connections: [{steps: [], expect: {status: 200}}]\n"),
                "connections[0].expect.status: unknown field (expected one of received,"
                        + " receivedBase64, upstreamReceived, upstreamReceivedBase64, logContains,"
                        + " closedBy)");
        rejects(
                tcp(
                        "filters: [{wasm: a.wasm, name: guard}]\n"
                                + "connections: [{steps: [], expect: {closedBy: gaurd}}]\n"),
                "connections[0].expect.closedBy: 'gaurd' is not downstream, upstream or a"
                        + " filter's name (filters: [guard])");
    }

    @Test
    void shouldDescribeATcpClusterOneWay() {
        rejects(
                "clusters: {c: {mock: {}, tcp: {echo: true}}}\n",
                "clusters.c: give exactly one of mock:, url: or tcp:");
        rejects(
                "clusters: {c: {tcp: echo}}\n",
                "clusters.c.tcp: must be a map (echo, replies, repliesBase64, close)");
        rejects(
                "clusters: {c: {tcp: {echo: true, replies: [a]}}}\n",
                "clusters.c.tcp.replies: an echo sends back what it receives; replies and close"
                        + " are for an upstream that answers with its own lines");
        rejects(
                "clusters: {c: {tcp: {replies: [a], repliesBase64: [YQ==]}}}\n",
                "clusters.c.tcp.repliesBase64: give replies or repliesBase64, not both");
        rejects(
                "clusters: {c: {tcp: {repliesBase64: [YQ==, \"!\"]}}}\n",
                "clusters.c.tcp.repliesBase64[1]: not valid base64");
        rejects(
                "clusters: {c: {tcp: {bogus: 1}}}\n",
                "clusters.c.tcp.bogus: unknown field (expected one of echo, replies,"
                        + " repliesBase64, close)");
        rejects(
                "clusters: {c: {url: \"tcp://127.0.0.1\"}}\n",
                "clusters.c.url: not a tcp://host:port address: 'tcp://127.0.0.1'");
        rejects(
                "clusters: {c: {url: \"tcp://127.0.0.1:70000\"}}\n",
                "clusters.c.url: not a tcp://host:port address: 'tcp://127.0.0.1:70000'");
        rejects(
                "clusters: {c: {url: \"ftp://127.0.0.1:21\"}}\n",
                "clusters.c.url: not an http(s) or tcp:// URL: 'ftp://127.0.0.1:21'");
        rejects(
                "clusters: {c: {url: \"http://127.0.0.1:1\", replyWait: 1s}}\n",
                "clusters.c.replyWait: replyWait is how long to wait for a real TCP server"
                        + " (url: tcp://...)");
        rejects(
                "listener: tcp\nclusters: {c: {url: \"tcp://127.0.0.1:1\", replyWait: later}}\n",
                "clusters.c.replyWait: not a duration: 'later' (e.g. 250ms, 2s, 1m)");
    }

    @Test
    void shouldCheckAccessLoggers() {
        rejects(
                "accessLoggers: [{rootId: x}]\n",
                "accessLoggers[0].wasm: an access logger needs a module");
        rejects("accessLoggers: {a: 1}\n", "accessLoggers: must be a list of access loggers");
        rejects(
                "accessLoggers: [{wasm: a.wasm, inject: {callback: log}}]\n",
                "accessLoggers[0].inject: unknown field (expected one of name, wasm, sha256,"
                        + " rootId, vmId, configuration, vmConfiguration, failurePolicy,"
                        + " environment, enabled)");
        rejects(
                "filters: [{wasm: a.wasm, name: log}]\naccessLoggers: [{wasm: b.wasm, name: log}]\n",
                "accessLoggers[0].name: another filter or access logger is already named 'log'"
                        + " (names must be unique)");
        rejects(
                "accessLoggers: [{wasm: a/log.wasm}, {wasm: b/log.wasm}]\n",
                "accessLoggers[1].name: another filter or access logger is already named 'log'"
                        + " (names must be unique)");
    }

    @Test
    void shouldInjectFaultsOnlyIntoCallbacksTheListenerCalls() {
        rejects(
                tcp("filters: [{wasm: a.wasm, inject: {callback: request_headers}}]\n"),
                "filters[0].inject.callback: request_headers is called on HTTP streams"
                        + " (listener: http); a network filter gets new_connection,"
                        + " downstream_data, upstream_data");
        rejects(
                "filters: [{wasm: a.wasm, inject: {callback: upstream_data}}]\n",
                "filters[0].inject.callback: upstream_data is called on TCP connections"
                        + " (listener: tcp); an HTTP filter gets request_headers, request_body,"
                        + " request_trailers, response_headers, response_body, response_trailers");
    }
}

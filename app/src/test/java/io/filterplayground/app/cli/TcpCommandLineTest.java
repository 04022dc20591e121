package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.CommandLineTest.exec;
import static io.filterplayground.app.cli.CommandLineTest.execTyping;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.app.cli.CommandLineTest.Result;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line on a tcp listener: real network filters (tcp_filter.c) and an access logger
 * (access_log.c) through the real engine, with mock TCP upstreams on loopback.
 */
class TcpCommandLineTest {
    @TempDir Path dir;

    /**
     * A tcp scenario on two workers: the tcp_filter with {@code config}, the access logger, these
     * connections.
     */
    private Path scenario(String name, String config, String cluster, String connections)
            throws Exception {
        return scenario(2, name, config, cluster, connections);
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path scenario(
            int workers, String name, String config, String cluster, String connections)
            throws Exception {
        return file(
                name,
                """
                listener: tcp
                clock: virtual
                workers: %s
                clusters:
                  up: %s
                route: up
                filters:
                  - {name: tcp, wasm: "sample:testdata/tcp_filter", configuration: "%s"}
                accessLoggers:
                  - {name: access, wasm: "sample:testdata/access_log"}
                connections:
                %s
                """
                        .formatted(workers, cluster, config, connections.indent(2)));
    }

    private static final String PONG = "{tcp: {replies: [\"PONG\\r\\n\"], close: true}}";

    @Test
    void shouldPrintOneRowPerConnectionAndEachConnectionsStory() throws Exception {
        Path s =
                scenario(
                        "ping.yaml",
                        "",
                        PONG,
                        """
                        - name: ping
                          worker: 0
                          steps: [{send: "PING\\r\\n"}]
                        - name: hangs-up
                          worker: 1
                          steps: [{send: "hi"}, {close: downstream}]
                        """);

        Result r = exec("run", s.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("2 worker(s), virtual clock")
                .contains("2 connection(s)")
                .containsPattern(
                        "  0 +ping +worker-0 +6 byte\\(s\\) +6 byte\\(s\\) +upstream +[0-9.]+ ms")
                .containsPattern(
                        "  1 +hangs-up +worker-1 +6 byte\\(s\\) +2 byte\\(s\\) +downstream")
                .contains(
                        "#0 ping on worker-0: client got 6 byte(s), upstream got 6 byte(s),"
                                + " closed by upstream")
                .containsPattern("tcp +proxy_on_downstream_data +Continue +\\d+ us")
                .contains("[info] tcp: downstream 6 eos=0 PING\\r\\n")
                .contains("~ data           downstream: 6 byte(s) from the client")
                .contains("~ close          local close by upstream")
                .contains("~ close          remote close by downstream")
                // The access logger's proxy_on_log belongs to the connection it logs.
                .containsPattern("access +proxy_on_log")
                .contains("[info] access: tcp connection")
                .containsPattern("time in filters \\(host\\): tcp \\d+ us")
                .contains("    client received: PONG\\r\\n")
                .contains("    upstream received: PING\\r\\n")
                .contains("    upstream received: hi\n")
                .doesNotContain("request(s)");
    }

    @Test
    void shouldPrintConnectionsInTheJsonResult() throws Exception {
        Path s =
                scenario(
                        "json.yaml",
                        "deny:QUIT",
                        "{tcp: {echo: true}}",
                        """
                        - name: binary
                          steps: [{sendBase64: "AP8B"}, {close: downstream}]
                        - name: quits
                          steps: [{send: "QUIT now"}]
                        """);

        Result r = exec("run", s.toString(), "--json");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.has("requests")).isFalse();
        assertThat(json.has("logs") && json.has("metrics") && json.has("sharedData")).isTrue();
        assertThat(json.get("vms")).isNotEmpty();
        JsonNode binary = json.get("connections").get(0);
        assertThat(binary.get("name").asText()).isEqualTo("binary");
        assertThat(binary.get("index").asInt()).isZero();
        assertThat(binary.get("worker").asText()).startsWith("worker-");
        // Bytes that are not UTF-8 go under ...Base64, as bodies do.
        assertThat(binary.get("receivedBase64").asText()).isEqualTo("AP8B");
        assertThat(binary.get("upstreamReceivedBase64").asText()).isEqualTo("AP8B");
        assertThat(binary.has("received")).isFalse();
        assertThat(binary.get("closedBy").asText()).isEqualTo("downstream");
        JsonNode quits = json.get("connections").get(1);
        assertThat(quits.get("index").asInt()).isEqualTo(1);
        assertThat(quits.get("received").asText()).isEmpty();
        assertThat(quits.get("upstreamReceived").asText()).isEmpty();
        // A filter that closes the connection is named.
        assertThat(quits.get("closedBy").asText()).isEqualTo("tcp");
        List<String> events = new ArrayList<>();
        for (JsonNode e : quits.get("events")) {
            events.add(
                    e.get("kind").asText()
                            + " "
                            + e.path("filter").asText("-")
                            + " "
                            + e.path("name").asText(e.path("message").asText()));
        }
        assertThat(events)
                .contains(
                        "callback tcp proxy_on_downstream_data",
                        "log tcp tcp: denied, closing",
                        "hostcall tcp proxy_close_stream")
                // The access logger's proxy_on_log and its log line belong to the connection.
                .contains("callback access proxy_on_log")
                .anySatisfy(e -> assertThat(e).startsWith("log access access: tcp connection"));
    }

    @Test
    void shouldPassAndFailConnectionExpectationsAndWriteThemAsJUnitCases() throws Exception {
        String connections =
                """
                - name: ping
                  steps: [{send: "PING\\r\\n"}]
                  expect:
                    received: "PONG\\r\\n"
                    upstreamReceived: "PING\\r\\n"
                    closedBy: upstream
                    logContains: ["new connection", "access: tcp connection"]
                - name: twice
                  repeat: 2
                  steps: [{send: "hi"}, {close: downstream}]
                  expect: {upstreamReceived: hi, closedBy: downstream}
                """;
        Path good = scenario("good.yaml", "", PONG, connections);
        Path bad =
                scenario(
                        "bad.yaml",
                        "",
                        PONG,
                        connections
                                .replace("PONG\\r\\n", "pong\\r\\n")
                                .replace("closedBy: downstream", "closedBy: tcp"));
        Path xml = dir.resolve("junit.xml");

        Result pass = exec("test", good.toString());
        Result fail = exec("test", bad.toString(), "--junit", xml.toString());

        assertThat(pass.status()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).contains("ok: 3 expectation block(s) passed, 3 connection(s)");
        assertThat(fail.status()).as(fail.err()).isEqualTo(1);
        assertThat(fail.out())
                .contains(
                        "FAIL ping (#0): expected the client to receive 'pong\\r\\n', got"
                                + " 'PONG\\r\\n'")
                .contains("FAIL twice (#1): expected the connection closed by tcp, got downstream")
                .contains("FAIL twice (#2): expected the connection closed by tcp, got downstream")
                .contains("3 failed expectation(s) in 3 block(s)");
        Element suite =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(xml.toFile())
                        .getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("bad.yaml");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("ping (#0)");
        assertThat(((Element) cases.item(2)).getAttribute("name")).isEqualTo("twice (#2)");
        Element failure =
                (Element) ((Element) cases.item(0)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("expected the client to receive 'pong\\r\\n', got 'PONG\\r\\n'");
    }

    @Test
    void shouldKeepATcpRunAsATestThatPasses() throws Exception {
        Path s =
                scenario(
                        "keep.yaml",
                        "tag",
                        "{tcp: {echo: true}}",
                        """
                        - name: echoed
                          repeat: 3
                          steps: [{send: "hi\\n"}, {close: downstream}]
                        - name: bytes
                          steps: [{sendBase64: "AP8="}, {close: downstream}]
                        """);
        Path kept = dir.resolve("keep-test.yaml");

        Result run = exec("run", s.toString(), "--json", "--write-test", kept.toString());

        assertThat(run.status()).as(run.err()).isZero();
        new ObjectMapper().readTree(run.out()); // stdout is still one JSON document
        assertThat(run.err()).contains("wrote " + kept + ": 2 connection(s) with expect: blocks");
        assertThat(Files.readString(kept))
                .contains("    received: |\n      > hi\n", "upstreamReceived: |\n      > hi\n")
                .contains("closedBy: downstream")
                .contains("receivedBase64:");
        Result test = exec("test", kept.toString());
        assertThat(test.status()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).contains("ok: 4 expectation block(s) passed, 4 connection(s)");

        // The filter no longer tags the data: the kept test says what differs.
        Files.writeString(
                kept, Files.readString(kept).replace("configuration: tag", "configuration: \"\""));
        Result changed = exec("test", kept.toString());
        assertThat(changed.status()).as(changed.out() + changed.err()).isEqualTo(1);
        assertThat(changed.out())
                .contains(
                        "FAIL echoed (#0): expected the upstream to receive '> hi\\n', got 'hi\\n'");
    }

    @Test
    void shouldRunABurstOfConnectionsOnEveryWorker() throws Exception {
        Path s =
                scenario(
                        3,
                        "burst.yaml",
                        "tag",
                        "{tcp: {echo: true}}",
                        """
                        - name: burst
                          repeat: 24
                          steps: [{send: "hi\\n"}, {close: downstream}]
                          expect: {received: "> hi\\n", closedBy: downstream}
                        - name: pinned
                          repeat: 3
                          worker: 1
                          steps: [{send: "x"}, {close: downstream}]
                          expect: {upstreamReceived: "> x"}
                        """);

        Result text = exec("run", s.toString());
        Result json = exec("run", s.toString(), "--json");
        Result test = exec("test", s.toString());

        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("27 connection(s)")
                .containsPattern("  26 +pinned +worker-1");
        // Beyond 20 connections only the table is printed, as for requests.
        assertThat(text.out()).doesNotContain("#0 burst on");
        JsonNode connections = new ObjectMapper().readTree(json.out()).get("connections");
        assertThat(connections).hasSize(27);
        Map<String, Integer> perWorker = new TreeMap<>();
        Set<Integer> indexes = new TreeSet<>();
        for (JsonNode c : connections) {
            indexes.add(c.get("index").asInt());
            if (c.get("name").asText().equals("burst")) {
                perWorker.merge(c.get("worker").asText(), 1, Integer::sum);
                assertThat(c.get("received").asText()).isEqualTo("> hi\n");
            } else {
                assertThat(c.get("worker").asText()).isEqualTo("worker-1");
            }
        }
        assertThat(indexes).hasSize(27);
        assertThat(perWorker)
                .containsExactly(
                        Map.entry("worker-0", 8),
                        Map.entry("worker-1", 8),
                        Map.entry("worker-2", 8));
        assertThat(test.status()).as(test.out()).isZero();
        assertThat(test.out()).contains("ok: 27 expectation block(s) passed, 27 connection(s)");
    }

    @Test
    void shouldStopBeforeANetworkFiltersDataAndRunOnTheEditedBytes() throws Exception {
        Path s =
                scenario(
                        "debug.yaml",
                        "deny:QUIT",
                        "{tcp: {echo: true}}",
                        """
                        - name: edited
                          worker: 0
                          steps: [{send: "PING\\r\\n"}, {close: downstream}]
                        - name: untouched
                          worker: 0
                          steps: [{send: "PING\\r\\n"}, {close: downstream}]
                        """);
        // At the first pause: no headers here; make the bytes QUIT, look, go on. Then run on.
        Result r =
                execTyping(
                        "set x 1\ndata QUIT\\r\\n\nshow\nc\nrun\n",
                        "run",
                        s.toString(),
                        "--json",
                        "--break",
                        "tcp:downstream_data");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("paused before tcp · downstream_data (connection 1) on worker-0")
                .contains("  data (6 bytes): PING\\r\\n")
                .contains("no headers here: this is a downstream_data stage")
                .contains("  data (6 bytes) set")
                .contains("  data (6 bytes): QUIT\\r\\n")
                .contains("paused before tcp · downstream_data (connection 2)");
        JsonNode connections = new ObjectMapper().readTree(r.out()).get("connections");
        // The filter saw QUIT and closed the connection; nothing reached the upstream.
        assertThat(connections.get(0).get("closedBy").asText()).isEqualTo("tcp");
        assertThat(connections.get(0).get("upstreamReceived").asText()).isEmpty();
        assertThat(connections.get(1).get("closedBy").asText()).isEqualTo("downstream");
        assertThat(connections.get(1).get("received").asText()).isEqualTo("PING\r\n");
    }

    @Test
    void shouldGiveOneLineAndExitTwoForTcpStepsInAnHttpScenario() throws Exception {
        Path connections =
                file(
                        "connections.yaml",
                        """
                clusters: {up: {mock: {status: 200}}}
                route: up
                requests: [{name: r}]
                connections: [{name: c, steps: [{send: hi}]}]
                """);
        Path send =
                file(
                        "send.yaml",
                        """
                clusters: {up: {mock: {status: 200}}}
                route: up
                steps: [{send: hi}]
                """);

        for (String command : new String[] {"run", "test"}) {
            Result a = exec(command, connections.toString());
            Result b = exec(command, send.toString());

            assertThat(a.status()).isEqualTo(2);
            assertThat(a.err())
                    .isEqualTo(
                            "filter-playground: connections.yaml: connections: connections need a"
                                    + " TCP listener: say listener: tcp, or add a tcpListener:"
                                    + " beside the http one\n");
            assertThat(b.status()).isEqualTo(2);
            assertThat(b.err())
                    .isEqualTo(
                            "filter-playground: send.yaml: steps[0]: unknown step 'send' (request"
                                    + " or advance)\n");
        }
    }

    @Test
    void shouldShowAnUnreachableUpstreamAsAConnectionTheUpstreamClosed() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        Path s =
                scenario(
                        "unreachable.yaml",
                        "",
                        "{url: \"tcp://127.0.0.1:" + port + "\"}",
                        """
                        - name: nobody-home
                          steps: [{send: hi}]
                          expect: {received: "", upstreamReceived: "", closedBy: upstream}
                        """);

        Result run = exec("run", s.toString());
        Result json = exec("run", s.toString(), "--json");
        Result test = exec("test", s.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern(
                        "  0 +nobody-home +worker-0 +0 byte\\(s\\) +0 byte\\(s\\) +upstream")
                .contains("~ upstream_failure cannot connect to 127.0.0.1:" + port)
                .contains("~ close          local close by upstream: upstream connection failure");
        JsonNode c = new ObjectMapper().readTree(json.out()).get("connections").get(0);
        assertThat(c.get("closedBy").asText()).isEqualTo("upstream");
        assertThat(test.status()).as(test.out()).isZero();
    }

    @Test
    void shouldGiveOneLineAndExitTwoForALoggerThatCannotLog() throws Exception {
        Path s =
                file(
                        "logger.yaml",
                        """
                listener: tcp
                clusters: {up: {tcp: {echo: true}}}
                route: up
                accessLoggers: [{name: logger, wasm: "sample:deny"}]
                connections: [{name: c, steps: [{send: hi}]}]
                """);

        for (String command : new String[] {"run", "test"}) {
            Result r = exec(command, s.toString());

            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.err())
                    .as(command)
                    .isEqualTo(
                            "filter-playground: logger: deny does not export proxy_on_log, so as"
                                    + " an access logger it would never be called\n");
        }
    }
}

package io.filterplayground.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.scenario.Expectation;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.samples.SampleModule;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A run becomes a regression test: its observed expect blocks pass on the next run. */
class ObservedExpectationsTest {
    private static Scenario withoutExpectations(Scenario s) {
        List<Step> steps = new ArrayList<>();
        for (Step step : s.steps()) {
            steps.add(
                    step instanceof Step.Send send
                            ? new Step.Send(send.request().withExpect(null))
                            : step);
        }
        return s.withSteps(steps);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.filterplayground.engine.SampleScenariosTest#scenarios")
    void shouldPassItsOwnRecordedExpectationsOnTheNextRun(SampleModule sample, String file) {
        Scenario bare = withoutExpectations(Fixtures.sample(sample, file));
        Scenario recorded = ObservedExpectations.record(Fixtures.run(bare));
        // Through the file format and back, as `run --write-test` and `test` would see it.
        Scenario reread =
                ScenarioLoader.parse(
                        ScenarioWriter.toYaml(recorded),
                        file,
                        Fixtures.resolver(sample.folder() + "/"));

        RunResult again = Fixtures.run(reread);

        assertThat(Expectations.checked(again)).isPositive();
        assertThat(Expectations.check(again)).isEmpty();
    }

    @Test
    void shouldRecordWhatTheChainDidOnEachSide() {
        Scenario s =
                Fixtures.yaml(
                        """
                        workers: 1
                        clusters:
                          backend: {mock: {status: 200, headers: {x-upstream: "1", x-secret: "s"}, body: "hi"}}
                        route: backend
                        filters:
                          - name: edit
                            lua: |
                              function envoy_on_request(handle)
                                handle:headers():add("x-added", "yes")
                                handle:headers():replace("x-user", "bob")
                                handle:headers():remove("x-drop")
                              end
                              function envoy_on_response(handle)
                                handle:headers():remove("x-secret")
                                handle:headers():add("x-served-by", "lua")
                              end
                          - name: deny
                            lua: |
                              function envoy_on_request(handle)
                                if handle:headers():get(":path") == "/admin" then
                                  handle:respond({[":status"] = "403", ["x-why"] = "admin"}, "no")
                                end
                              end
                        requests:
                          - {name: ok, headers: {x-user: alice, x-drop: "1", x-kept: "k"}}
                          - {name: admin, path: /admin}
                        """);

        Scenario recorded = ObservedExpectations.record(Fixtures.run(s));

        Expectation ok = expectationOf(recorded, "ok");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.localReply()).isFalse();
        assertThat(ok.upstreamReached()).isTrue();
        assertThat(ok.upstreamHeaders())
                .containsOnly(entry("x-added", "yes"), entry("x-user", "bob"));
        assertThat(ok.absentUpstreamHeaders()).containsExactly("x-drop");
        assertThat(ok.responseHeaders()).containsOnlyKeys("x-served-by");
        assertThat(ok.absentResponseHeaders()).containsExactly("x-secret");
        assertThat(ok.bodyEquals()).isEqualTo("hi");

        Expectation admin = expectationOf(recorded, "admin");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.localReply()).isTrue();
        assertThat(admin.upstreamReached()).isFalse();
        assertThat(admin.responseHeaders()).containsEntry("x-why", "admin");
        assertThat(admin.bodyEquals()).isEqualTo("no");
    }

    @Test
    void shouldKeepOnlyWhatARepeatedRequestAgreesOn() {
        // A bucket of 2 on one worker: 200, 200, then 429 for the rest.
        Scenario s =
                Fixtures.yaml(
                        """
                        workers: 1
                        clusters: {backend: {mock: {status: 200}}}
                        route: backend
                        filters:
                          - name: limit
                            native: local-rate-limit
                            config:
                              token_bucket: {max_tokens: 2, tokens_per_fill: 1, fill_interval: 60s}
                        requests:
                          - {name: burst, repeat: 4}
                        """);

        Expectation e = expectationOf(ObservedExpectations.record(Fixtures.run(s)), "burst");

        assertThat(e.status()).isNull();
        assertThat(e.localReply()).isNull();
        assertThat(e.upstreamReached()).isNull();
    }

    @Test
    void shouldRecordWhatEachConnectionGotAndKeepWhatItsRunsAgreeOn() throws Exception {
        // A real TCP server that answers each connection with its number.
        try (ServerSocket server = new ServerSocket(0)) {
            AtomicInteger accepted = new AtomicInteger();
            Thread answers =
                    new Thread(
                            () -> {
                                while (!server.isClosed()) {
                                    try {
                                        Socket sock = server.accept();
                                        int n = accepted.incrementAndGet();
                                        // Its own thread: connections of a repeat come at once.
                                        new Thread(() -> answer(sock, "n=" + n)).start();
                                    } catch (Exception e) {
                                        return; // closed: the test is over
                                    }
                                }
                            });
            answers.setDaemon(true);
            answers.start();
            Scenario s =
                    Fixtures.yaml(
                            """
                            listener: tcp
                            clusters:
                              counter: {url: "tcp://127.0.0.1:%d", replyWait: 10s}
                            route: counter
                            filters:
                              - {name: tcp, wasm: testdata/tcp_filter.wasm, configuration: "deny:QUIT"}
                            connections:
                              - {name: twice, repeat: 2, steps: [{send: "hi"}]}
                              - {name: quits, steps: [{sendBase64: "UVVJVP8="}]}
                            """
                                    .formatted(server.getLocalPort()));

            Scenario recorded = ObservedExpectations.record(Fixtures.run(s));

            ConnectionExpectation twice = recorded.connections().get(0).expect();
            assertThat(twice.received()).as("n=1 then n=2: no agreement").isNull();
            assertThat(new String(twice.upstreamReceived(), StandardCharsets.UTF_8))
                    .isEqualTo("hi");
            assertThat(twice.closedBy()).isEqualTo("downstream");
            ConnectionExpectation quits = recorded.connections().get(1).expect();
            assertThat(quits.received()).isEmpty();
            assertThat(quits.upstreamReceived()).isEmpty();
            assertThat(quits.closedBy()).isEqualTo("tcp");

            // Through the file and back (binary bytes as base64), the next run passes.
            Scenario reread =
                    ScenarioLoader.parse(
                            ScenarioWriter.toYaml(recorded), "t.yaml", Fixtures.resolver(""));
            RunResult again = Fixtures.run(reread);
            assertThat(Expectations.checked(again)).isEqualTo(3);
            assertThat(Expectations.check(again)).isEmpty();
        }
    }

    /**
     * Reads the client's first chunk, answers {@code reply} and waits for the client to close: a
     * server that closed first would race its answer against its end of stream.
     */
    private static void answer(Socket sock, String reply) {
        try (sock) {
            InputStream in = sock.getInputStream();
            in.read(new byte[64]);
            sock.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
            while (in.read() >= 0) {
                // until the client closes
            }
        } catch (java.io.IOException e) {
            // The connection went away first (a filter closed it): nothing to answer.
        }
    }

    private static Expectation expectationOf(Scenario s, String name) {
        return s.steps().stream()
                .filter(st -> st instanceof Step.Send)
                .map(st -> ((Step.Send) st).request())
                .filter(r -> r.name().equals(name))
                .map(RequestSpec::expect)
                .findFirst()
                .orElseThrow();
    }
}

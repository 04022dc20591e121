package io.filterplayground.engine.scenario.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import io.filterplayground.engine.upstream.MockTcpSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tcp listener's scenario: connections, TCP clusters, access loggers, read and written back. */
class TcpScenarioFileTest {
    private static final ResourceResolver MODULES =
            ref -> ("bytes of " + ref).getBytes(StandardCharsets.UTF_8);

    private static final String TCP =
            """
            listener: tcp
            clock: virtual
            clusters:
              echo:
                tcp: {echo: true}
              pong:
                tcp: {replies: ["Done", "Bye"], close: true}
              raw:
                tcp: {repliesBase64: ["AAE="]}
              real:
                url: tcp://127.0.0.1:6379
                replyWait: 250ms
            route: pong
            filters:
              - name: tcp-logger
                wasm: modules/tcp_logger.wasm
                rootId: tcp
                inject: {callback: downstream_data, call: 2}
            accessLoggers:
              - name: access-log
                wasm: modules/access_logger.wasm
                rootId: log
                configuration: {format: short}
                failurePolicy: failOpen
                enabled: false
              - wasm: modules/other_logger.wasm
            connections:
              - name: first
                worker: 0
                repeat: 2
                steps:
                  - send: "PING\\r\\n"
                  - send: "more"
                    endStream: true
                  - advance: 100ms
                  - sendBase64: "AP8="
                  - close: downstream
                expect:
                  received: "PONG\\r\\n"
                  upstreamReceived: "PING\\r\\nmore"
                  logContains: ["new connection"]
                  closedBy: tcp-logger
              - steps:
                  - close: upstream
                expect:
                  receivedBase64: "/w=="
            """;

    private static Scenario parse(String text) {
        return ScenarioLoader.parse(text, "s.yaml", MODULES);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadEveryKeyOfATcpScenario() {
        Scenario s = parse(TCP);

        assertThat(s.listener()).isEqualTo(Listener.TCP);
        assertThat(s.steps()).isEmpty();
        assertThat(s.route()).isEqualTo("pong");

        ClusterSpec echo = s.clusters().get("echo");
        assertThat(echo.isTcp()).isTrue();
        assertThat(echo.tcp().echo()).isTrue();
        assertThat(echo.mock()).isNull();
        MockTcpSpec pong = s.clusters().get("pong").tcp();
        assertThat(pong.replies()).containsExactly(utf8("Done"), utf8("Bye"));
        assertThat(pong.close()).isTrue();
        assertThat(s.clusters().get("raw").tcp().replies()).containsExactly(new byte[] {0, 1});
        ClusterSpec real = s.clusters().get("real");
        assertThat(real.url()).isEqualTo("tcp://127.0.0.1:6379");
        assertThat(real.tcp()).isNull();
        assertThat(real.isTcp()).isTrue();
        assertThat(real.replyWaitMillis()).isEqualTo(250);

        WasmFilterSpec f = (WasmFilterSpec) s.filters().get(0);
        assertThat(f.inject().callback()).isEqualTo(Callback.DOWNSTREAM_DATA);

        AccessLoggerSpec log = s.accessLoggers().get(0);
        assertThat(log.name()).isEqualTo("access-log");
        assertThat(log.enabled()).isFalse();
        assertThat(log.plugin().rootId()).isEqualTo("log");
        assertThat(log.plugin().configuration()).isEqualTo("{\"format\":\"short\"}");
        assertThat(log.plugin().failurePolicy()).isEqualTo(FailurePolicy.FAIL_OPEN);
        assertThat(s.accessLoggers().get(1).name()).isEqualTo("other_logger");
        assertThat(s.accessLoggers().get(1).enabled()).isTrue();

        ConnectionSpec first = s.connections().get(0);
        assertThat(first.name()).isEqualTo("first");
        assertThat(first.worker()).isZero();
        assertThat(first.repeat()).isEqualTo(2);
        assertThat(first.steps())
                .containsExactly(
                        new ConnectionStep.Send(utf8("PING\r\n"), false),
                        new ConnectionStep.Send(utf8("more"), true),
                        new ConnectionStep.Advance(100),
                        new ConnectionStep.Send(new byte[] {0, (byte) 0xff}, false),
                        new ConnectionStep.Close(ConnectionStep.Side.DOWNSTREAM));
        assertThat(first.expect())
                .isEqualTo(
                        new ConnectionExpectation(
                                utf8("PONG\r\n"),
                                utf8("PING\r\nmore"),
                                List.of("new connection"),
                                "tcp-logger"));

        ConnectionSpec second = s.connections().get(1);
        assertThat(second.name()).isEqualTo("connection-2");
        assertThat(second.worker()).isNull();
        assertThat(second.repeat()).isEqualTo(1);
        assertThat(second.steps())
                .containsExactly(new ConnectionStep.Close(ConnectionStep.Side.UPSTREAM));
        assertThat(second.expect().received()).containsExactly((byte) 0xff);
        assertThat(second.expect().upstreamReceived()).isNull();
        assertThat(second.expect().logContains()).isNull();
        assertThat(second.expect().closedBy()).isNull();
    }

    @Test
    void shouldWriteATcpScenarioBackAsItWasRead() {
        Scenario first = parse(TCP);
        String yaml = ScenarioWriter.toYaml(first);
        Scenario second = parse(yaml);

        assertThat(ScenarioWriter.toYaml(second)).isEqualTo(yaml);
        assertThat(second.listener()).isEqualTo(Listener.TCP);
        assertThat(second.connections()).isEqualTo(first.connections());
        assertThat(second.accessLoggers())
                .usingRecursiveComparison()
                .isEqualTo(first.accessLoggers());
        assertThat(second.clusters().get("pong").tcp().replies())
                .containsExactlyElementsOf(first.clusters().get("pong").tcp().replies());
        assertThat(second.clusters().get("real")).isEqualTo(first.clusters().get("real"));
        assertThat(yaml)
                .contains("listener: tcp\n")
                .contains("tcp:\n      echo: true\n")
                .contains("replies:\n      - Done\n      - Bye\n      close: true\n")
                .contains("repliesBase64:\n      - AAE=\n")
                .contains("url: tcp://127.0.0.1:6379\n    replyWait: 250ms\n")
                .contains("- send: more\n    endStream: true\n")
                .contains("- sendBase64: AP8=\n")
                .contains("- close: downstream\n")
                .contains("- advance: 100ms\n")
                .contains("receivedBase64: /w==\n")
                .contains("closedBy: tcp-logger\n")
                .contains(
                        "- name: access-log\n  enabled: false\n  wasm: modules/access_logger.wasm\n")
                .doesNotContain("repeat: 1")
                .doesNotContain("endStream: false");
    }

    @Test
    void shouldWriteAnEmptyExpectedByteStringAndAnEmptySend() {
        Scenario s =
                parse(
                        """
                        listener: tcp
                        connections:
                          - steps: [{send: "", endStream: true}]
                            expect: {received: "", upstreamReceived: ""}
                        """);
        assertThat(s.connections().get(0).steps())
                .containsExactly(new ConnectionStep.Send(new byte[0], true));
        assertThat(s.connections().get(0).expect().received()).isEmpty();

        String yaml = ScenarioWriter.toYaml(s);
        assertThat(yaml).contains("received: \"\"").contains("upstreamReceived: \"\"");
        assertThat(parse(yaml).connections()).isEqualTo(s.connections());
    }

    @Test
    void shouldProxyATcpListenerWithoutClustersToAnEcho() {
        Scenario s = parse("listener: tcp\nconnections: [{steps: [{send: hi}]}]\n");

        assertThat(s.route()).isEqualTo("backend");
        assertThat(s.clusters().get("backend").tcp()).isEqualTo(MockTcpSpec.echoing());
    }

    @Test
    void shouldLeaveTheHttpListenerOutAndKeepAccessLoggersOnIt() {
        Scenario s =
                parse(
                        """
                        accessLoggers: [{wasm: modules/access_logger.wasm}]
                        requests: [{path: /}]
                        """);
        assertThat(s.listener()).isEqualTo(Listener.HTTP);
        assertThat(s.accessLoggers())
                .extracting(AccessLoggerSpec::name)
                .containsExactly("access_logger");
        assertThat(s.connections()).isEmpty();

        String yaml = ScenarioWriter.toYaml(s);
        assertThat(yaml).doesNotContain("listener").doesNotContain("connections");
        assertThat(yaml).contains("accessLoggers:\n- name: access_logger\n  wasm:");
    }

    @Test
    void shouldCarryTheNewFieldsThroughTheBuilder() {
        Scenario s = parse(TCP);
        Scenario copy = s.toBuilder().build();

        assertThat(copy.listener()).isEqualTo(Listener.TCP);
        assertThat(copy.connections()).isEqualTo(s.connections());
        assertThat(copy.accessLoggers()).isSameAs(s.accessLoggers());
        assertThat(s.withWorkers(3).connections()).isEqualTo(s.connections());
        assertThat(Scenario.builder("x").build().listener()).isEqualTo(Listener.HTTP);
    }
}

package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.cli.Inputs;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What lessons 6 to 10 say, checked against the engine running their scenarios. */
class LaterLessonsFactsTest {

    @Test
    void shouldBufferAndRewriteAndSendLocalRepliesBackInLessonSix() throws Exception {
        try (Played p = Played.lesson(6)) {
            p.step(1);
            assertThat(Played.callbackNames(p.last("get"), "body-rewrite"))
                    .doesNotContain("proxy_on_request_body")
                    .contains("proxy_on_response_body");
            p.step(2);
            Exchange upload = p.last("upload");
            List<CallbackEvent> bodies =
                    upload.events().stream()
                            .filter(
                                    e ->
                                            e instanceof CallbackEvent c
                                                    && c.name().equals("proxy_on_request_body"))
                            .map(CallbackEvent.class::cast)
                            .toList();
            assertThat(bodies)
                    .extracting(c -> c.args().get("body_size"))
                    .containsExactly(6L, 13L, 18L);
            assertThat(bodies)
                    .extracting(CallbackEvent::result)
                    .containsExactly("Pause", "Pause", "Continue");
            assertThat(new String(upload.upstreamRequest().body(), StandardCharsets.UTF_8))
                    .isEqualTo("howdy there, howdy");
            p.step(3);
            Exchange mallory = p.last("mallory");
            assertThat(mallory.response().bodyText()).isEqualTo("howdy mallory, you are denied\n");
            assertThat(mallory.upstreamRequest()).isNull();
            assertThat(mallory.events())
                    .anyMatch(
                            e ->
                                    e instanceof CallbackEvent c
                                            && c.filter().equals("deny")
                                            && c.name().equals("proxy_on_request_headers")
                                            && c.result().equals("Pause"));
            assertThat(Played.callbackNames(mallory, "body-rewrite"))
                    .contains("proxy_on_response_headers", "proxy_on_response_body");
        }
    }

    @Test
    void shouldPauseCallOutAndResumeFromTheRootContextInLessonSeven() throws Exception {
        try (Played p = Played.lesson(7)) {
            p.step(1);
            assertThat(p.exchanges("alice")).isEmpty(); // still waiting for the auth answer
            p.step(2);
            List<String> order =
                    p.last("alice").events().stream()
                            .filter(e -> e instanceof HostCallEvent || e instanceof CallbackEvent)
                            .filter(
                                    e ->
                                            List.of(
                                                            "proxy_on_http_call_response",
                                                            "proxy_set_effective_context",
                                                            "proxy_continue_stream")
                                                    .contains(name(e)))
                            .map(LaterLessonsFactsTest::name)
                            .toList();
            assertThat(order)
                    .containsExactly(
                            "proxy_on_http_call_response",
                            "proxy_set_effective_context",
                            "proxy_continue_stream");
            p.step(3);
            assertThat(p.callbacks(c -> c.name().equals("proxy_on_tick")))
                    .allMatch(
                            c ->
                                    c.filter().equals("ticker")
                                            && c.contextId() == 1
                                            && c.streamId() == 0);
            p.step(4);
            List<String> bob =
                    p.last("bob").events().stream()
                            .filter(CallbackEvent.class::isInstance)
                            .map(LaterLessonsFactsTest::name)
                            .filter(
                                    n ->
                                            n.startsWith("proxy_on_http_call")
                                                    || n.startsWith("proxy_on_grpc"))
                            .toList();
            assertThat(bob).containsExactly("proxy_on_http_call_response", "proxy_on_grpc_receive");
        }
    }

    private static String name(TraceEvent e) {
        return e instanceof CallbackEvent c ? c.name() : ((HostCallEvent) e).name();
    }

    @Test
    void shouldShowTheThreeFailurePoliciesAndTheWatchdogInLessonEight() throws Exception {
        try (Played p = Played.lesson(8)) {
            p.step(1);
            assertThat(p.last("first").response().status()).isEqualTo(200);
            p.step(2);
            assertThat(p.last("third").events()).noneMatch(TrapEvent.class::isInstance);
            assertThat(p.vms("worker-0"))
                    .filteredOn(v -> v.id().equals("add-header#w0"))
                    .singleElement()
                    .extracting(VmView::state)
                    .isEqualTo("failed");
            p.step(3);
            assertThat(statuses(p, 1)).containsExactly(200, 200, 200);
            assertThat(p.last("first").upstreamRequest().headers().contains("x-tenant")).isTrue();
            assertThat(p.last("second").upstreamRequest().headers().contains("x-tenant")).isFalse();
            p.step(4);
            assertThat(statuses(p, 2)).containsExactly(200, 503, 200);
            p.step(5);
            TrapEvent watchdog =
                    (TrapEvent)
                            p.last("first").events().stream()
                                    .filter(TrapEvent.class::isInstance)
                                    .findFirst()
                                    .orElseThrow();
            assertThat(watchdog.message())
                    .isEqualTo(
                            "watchdog: proxy_on_request_headers ran longer than 200 ms and was interrupted");
            assertThat(watchdog.policy()).isEqualTo("failClosed");
        }
    }

    /** The statuses of first, second and third sent after the {@code round}-th policy edit. */
    private static List<Integer> statuses(Played p, int round) {
        return List.of("first", "second", "third").stream()
                .map(n -> p.exchanges(n).get(round))
                .map(x -> x.response().status())
                .toList();
    }

    @Test
    void shouldRunANetworkFilterAndAnAccessLoggerInLessonNine() throws Exception {
        try (Played p = Played.lesson(9)) {
            p.step(1);
            assertThat(new String(p.connection("redis").received(), StandardCharsets.UTF_8))
                    .isEqualTo("+PONG (via redis-inspector)\r\n+OK\r\n");
            assertThat(new String(p.connection("redis").upstreamReceived(), StandardCharsets.UTF_8))
                    .isEqualTo("PING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
            assertThat(p.connection("redis").events())
                    .anyMatch(
                            e ->
                                    e instanceof LogEvent l
                                            && l.filter().equals("access-log")
                                            && l.message().startsWith("{\"type\":\"tcp\""));
            p.step(2);
            assertThat(p.connection("flushall").upstreamReceived()).isEmpty();
            p.step(3);
            List<CallbackEvent> logs =
                    p.last("get").events().stream()
                            .filter(
                                    e ->
                                            e instanceof CallbackEvent c
                                                    && c.name().equals("proxy_on_log"))
                            .map(CallbackEvent.class::cast)
                            .toList();
            CallbackEvent logger = logs.get(logs.size() - 1);
            assertThat(logger.filter()).isEqualTo("access-log");
            int root =
                    p.vms("worker-0").stream()
                            .filter(v -> v.id().equals("access-log#w0"))
                            .findFirst()
                            .orElseThrow()
                            .roots()
                            .get(0)
                            .contextId();
            assertThat(logger.contextId()).isEqualTo(root);
        }
    }

    @Test
    void shouldExportWhatLessonTenSaysChangesAndWhatNot() throws Exception {
        Scenario s =
                Inputs.scenario(
                        java.nio.file.Path.of(
                                "..",
                                "sample-modules",
                                "lessons",
                                "10-to-production",
                                "scenario.yaml"));
        String envoy = EnvoyExport.envoy(s, "/etc/envoy/wasm");
        assertThat(envoy)
                .contains(
                        "envoy.extensions.filters.http.wasm.v3.Wasm",
                        "root_id: add_header",
                        "vm_id: edge",
                        "google.protobuf.StringValue",
                        "failure_policy: FAIL_OPEN",
                        "envoy.wasm.runtime.v8",
                        "--concurrency 2",
                        "# NOTE: cluster backend is a mock in the playground: point it at a real backend",
                        "# NOTE: deny: its inject:",
                        "address: 127.0.0.1",
                        "port_value: 8080");
        String istio = EnvoyExport.istio(s, "registry.example.com/filters");
        assertThat(istio)
                .contains(
                        "kind: WasmPlugin",
                        "url: oci://",
                        "pluginName: add_header",
                        "pluginConfig:",
                        "failStrategy: FAIL_OPEN",
                        "a WasmPlugin has no vm_id (Istio gives each plugin a VM of its own)");
        try (Played p = Played.lesson(10)) {
            p.step(1).step(2);
            assertThat(p.vms("worker-3"))
                    .extracting(VmView::id)
                    .containsExactlyInAnyOrder("edge#w3", "deny#w3");
        }
    }
}

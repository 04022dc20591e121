package io.filterplayground.engine.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public host harness drives real modules callback by callback on the test's thread. */
class HostHarnessTest {
    private static final Headers GET =
            Headers.of(":authority", "example.com", ":path", "/", ":method", "GET");

    @Test
    void shouldRunTheDocumentedExampleOnTheAddHeaderSample() {
        try (HostHarness host =
                HostHarness.builder("add_header.wasm", SampleModule.ADD_HEADER.wasmBytes())
                        .rootId("add_header")
                        .configuration("{\"request\": {\"x-a\": \"1\"}}")
                        .build()) {
            HttpContext http = host.newHttpContext();
            assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.CONTINUE);
            assertThat(http.requestHeaders().first("x-a")).contains("1");
            http.complete();
            assertThat(host.logs()).contains("add-header: request x-a: 1");
            assertThat(host.hostcalls())
                    .anySatisfy(h -> assertThat(h.name()).isEqualTo("proxy_add_header_map_value"));
        }
    }

    @Test
    void shouldReadBackALocalResponse() {
        try (HostHarness host =
                HostHarness.builder("deny.wasm", SampleModule.DENY.wasmBytes())
                        .configuration(
                                "{\"header\": \"x-user\", \"values\": [\"mallory\"], \"status\": 403}")
                        .build()) {
            HttpContext mallory = host.newHttpContext();
            Action a =
                    mallory.onRequestHeaders(
                            Headers.of(":path", "/", ":method", "GET", "x-user", "mallory"), true);
            assertThat(a).isEqualTo(Action.PAUSE);
            assertThat(mallory.localResponse().status()).isEqualTo(403);
            assertThat(mallory.localResponse().headers())
                    .anySatisfy(h -> assertThat(h.name()).isEqualTo("x-denied-by"));
            HttpContext alice = host.newHttpContext();
            assertThat(alice.onRequestHeaders(Headers.of(":path", "/", "x-user", "alice"), true))
                    .isEqualTo(Action.CONTINUE);
            assertThat(alice.localResponse()).isNull();
            assertThat(alice.contextId()).isNotEqualTo(mallory.contextId());
        }
    }

    @Test
    void shouldDeliverACalloutAnswerToTheRootContextAndResumeTheStream() {
        MockSpec ok =
                new MockSpec(
                        200,
                        Headers.empty(),
                        List.of("ok".getBytes(StandardCharsets.UTF_8)),
                        Headers.empty(),
                        false,
                        0,
                        null);
        try (HostHarness host =
                HostHarness.builder("auth_callout.wasm", SampleModule.AUTH_CALLOUT.wasmBytes())
                        .configuration("{\"cluster\": \"auth\", \"path\": \"/check\"}")
                        .cluster("auth", ok)
                        .build()) {
            HttpContext http = host.newHttpContext();
            assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.PAUSE);
            assertThat(http.continueRequestCalls()).isZero();
            host.runPending();
            assertThat(http.continueRequestCalls()).isEqualTo(1);
            assertThat(http.requestHeaders().first("x-auth")).contains("ok");
        }
    }

    @Test
    void shouldBufferABodyWhileTheFilterPauses() {
        try (HostHarness host =
                HostHarness.builder("all_callbacks.wasm", TestModule.ALL_CALLBACKS.wasmBytes())
                        .configuration("buffer")
                        .build()) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, false);
            assertThat(http.onRequestBody(bytes("hello "), false)).isEqualTo(Action.PAUSE);
            assertThat(http.onRequestBody(bytes("world"), true)).isEqualTo(Action.CONTINUE);
            assertThat(new String(http.requestBody(), StandardCharsets.UTF_8))
                    .isEqualTo("hello world");
        }
    }

    @Test
    void shouldFireTicksWhenTheVirtualClockAdvances() throws Exception {
        try (HostHarness host =
                HostHarness.builder("faults.wasm", TestModule.FAULTS.wasmBytes())
                        .configuration("none@tick")
                        .build()) {
            host.advance(2500);
            assertThat(host.logs().stream().filter(l -> l.equals("faults: tick"))).hasSize(2);
        }
    }

    @Test
    void shouldThrowATrapAndFailTheVm() {
        try (HostHarness host =
                HostHarness.builder("faults.wasm", TestModule.FAULTS.wasmBytes())
                        .configuration("trap@request_headers")
                        .build()) {
            HttpContext http = host.newHttpContext();
            assertThatThrownBy(() -> http.onRequestHeaders(GET, true))
                    .isInstanceOf(FilterTrapException.class)
                    .hasMessageContaining("unreachable");
            assertThat(host.failed()).isTrue();
        }
    }

    @Test
    void shouldTurnEndlessRecursionIntoATrapOnEitherMachine() {
        for (Machine machine : Machine.values()) {
            try (HostHarness host =
                    HostHarness.builder("faults.wasm", TestModule.FAULTS.wasmBytes())
                            .configuration("recurse@request_headers")
                            .machine(machine)
                            .build()) {
                HttpContext http = host.newHttpContext();
                assertThatThrownBy(() -> http.onRequestHeaders(GET, true))
                        .as(machine.displayName())
                        .isInstanceOf(FilterTrapException.class)
                        .hasMessage("trap in proxy_on_request_headers: call stack exhausted");
                assertThat(host.failed()).isTrue();
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

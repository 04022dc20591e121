package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.trace.TrapEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into a well-behaved module (the add-header sample): the n-th call of a callback
 * traps, and each failure policy does what Envoy's would.
 */
class FaultInjectionTest {
    private static RunResult run(String policy, String inject, int requests) {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            steps.append("  - {name: r").append(i).append("}\n");
        }
        return Fixtures.run(
                """
                workers: 1
                clock: virtual
                filters:
                  - name: add
                    wasm: add-header/add_header.wasm
                    rootId: add_header
                    configuration: '{"request": {"x-a": "1"}}'
                    failurePolicy: %s
                    reloadBackoff: 0ms
                    inject: %s
                requests:
                %s"""
                        .formatted(policy, inject, steps));
    }

    private static List<Integer> statuses(RunResult r) {
        return r.exchanges().stream().map(x -> x.response().status()).toList();
    }

    private static TrapEvent trapOf(Exchange x) {
        return x.events().stream()
                .filter(TrapEvent.class::isInstance)
                .map(TrapEvent.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldTrapTheNthCallAndFailClosed() {
        RunResult r = run("failClosed", "{callback: request_headers, call: 2}", 3);

        assertThat(statuses(r)).containsExactly(200, 503, 503);
        TrapEvent trap = trapOf(r.exchanges().get(1));
        assertThat(trap.callback()).isEqualTo("proxy_on_request_headers");
        assertThat(trap.message())
                .isEqualTo(
                        "trap in proxy_on_request_headers: injected fault (the filter's inject:"
                                + " makes call 2 on this VM trap)");
        assertThat(trap.effect()).contains("503 for this request");
    }

    @Test
    void shouldLeaveTheFilterOutWhenFailOpen() {
        RunResult r = run("failOpen", "{callback: request_headers, call: 1}", 2);

        assertThat(statuses(r)).containsExactly(200, 200);
        assertThat(r.exchanges().get(1).upstreamRequest().headers().first("x-a")).isEmpty();
    }

    @Test
    void shouldRebuildTheVmWhenFailReloadAndTrapAgainOnItsNthCall() {
        RunResult r = run("failReload", "{callback: request_headers, call: 2}", 5);

        // Call 2 of each VM traps: the 2nd request on the first VM, the 2nd on the reloaded one.
        assertThat(statuses(r)).containsExactly(200, 503, 200, 503, 200);
        assertThat(r.exchanges().get(2).upstreamRequest().headers().first("x-a")).contains("1");
    }

    @Test
    void shouldInjectIntoTheResponseSideToo() {
        RunResult r = run("failClosed", "{callback: response_headers}", 1);

        // The response already started from the upstream's side: Envoy answers 503 in its place.
        TrapEvent trap = trapOf(r.exchanges().get(0));
        assertThat(trap.callback()).isEqualTo("proxy_on_response_headers");
        assertThat(r.exchanges().get(0).upstreamRequest()).isNotNull();
    }

    @Test
    void shouldRefuseAFaultThatCouldNeverHappen() {
        // hello-abi exports no proxy_on_request_body.
        assertThatThrownBy(
                        () ->
                                Fixtures.run(
                                        """
                                        filters:
                                          - name: hello
                                            wasm: hello-abi/hello_abi.wasm
                                            inject: {callback: request_body}
                                        """))
                .isInstanceOf(FilterStartException.class)
                .hasMessage(
                        "hello: inject: hello_abi.wasm does not export proxy_on_request_body, so"
                                + " Envoy never calls it and the fault could not happen");
        assertThatThrownBy(() -> run("failClosed", "{callback: memory_allocate}", 1))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("filters[0].inject.callback: unknown callback");
        assertThatThrownBy(() -> run("failClosed", "{callback: tick, call: 0}", 1))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("filters[0].inject.call");
    }

    @Test
    void shouldSaveTheInjectedFaultAndLeaveItOutOfTheEnvoyExport() {
        RunResult r = run("failOpen", "{callback: request_body, call: 3}", 1);
        assertThat(ScenarioWriter.toYaml(r.scenario()))
                .contains("inject:\n    callback: request_body\n    call: 3");
        assertThat(io.filterplayground.engine.report.EnvoyExport.envoy(r.scenario(), "/wasm"))
                .contains(
                        "# NOTE: add: its inject: (a trap at request_body) is the playground's own;"
                                + " Envoy has no such thing, so it is left out")
                .doesNotContain("request_body\n");
    }
}

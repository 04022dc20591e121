package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.TrapEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trap poisons the worker's VM; the failure policy decides what later requests see
 * (docs/abi-notes.md, Failure policy).
 */
class FailurePolicyTest {
    /** Requests one after another (a burst would interleave them, see below). */
    private static String scenario(String policy, String fault, int requests) {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            steps.append("  - {name: r").append(i).append("}\n");
        }
        return "workers: 1\nclock: virtual\nfilters:\n"
                + "  - {name: faulty, wasm: testdata/faults.wasm, configuration: \""
                + fault
                + "\", failurePolicy: "
                + policy
                + "}\nrequests:\n"
                + steps;
    }

    private static List<Integer> statuses(RunResult r) {
        return r.exchanges().stream().map(x -> x.response().status()).toList();
    }

    @Test
    void shouldAnswer503ForTheTrappedRequestAndEveryLaterOneWhenFailClosed() {
        RunResult r = Fixtures.run(scenario("failClosed", "trap-after:2@request_headers", 4));

        assertThat(statuses(r)).containsExactly(200, 503, 503, 503);
        Exchange trapped = r.exchanges().get(1);
        assertThat(trapped.response().details()).isEqualTo("wasm_fail_stream");
        TrapEvent trap =
                trapped.events().stream()
                        .filter(e -> e instanceof TrapEvent)
                        .map(e -> (TrapEvent) e)
                        .findFirst()
                        .orElseThrow();
        assertThat(trap.callback()).isEqualTo("proxy_on_request_headers");
        assertThat(trap.message()).contains("unreachable");
        // The compiled machine's frames, named from the module's name section, innermost first.
        assertThat(trap.stack()).contains("proxy_on_request_headers");
        assertThat(trap.effect())
                .contains("503 for this request")
                .contains("later requests on this worker get 503");
        assertThat(r.snapshot().vms()).anySatisfy(v -> assertThat(v.state()).isEqualTo("failed"));
    }

    @Test
    void shouldSkipTheFilterForLaterRequestsWhenFailOpen() {
        RunResult r = Fixtures.run(scenario("failOpen", "trap-after:2@request_headers", 3));

        assertThat(statuses(r)).containsExactly(200, 200, 200);
        assertThat(r.exchanges().get(1).events()).anyMatch(e -> e instanceof TrapEvent);
        assertThat(r.exchanges().get(2).events())
                .noneMatch(e -> e instanceof io.filterplayground.engine.trace.CallbackEvent);
    }

    @Test
    void shouldReloadAFreshVmForTheNextRequestWhenFailReload() {
        RunResult r = Fixtures.run(scenario("failReload", "trap-after:2@request_headers", 4));

        // The fresh VM counts requests from zero again, so it traps on its own second request.
        assertThat(statuses(r)).containsExactly(200, 503, 200, 503);
        assertThat(r.outsideRequests())
                .anyMatch(
                        e ->
                                e instanceof io.filterplayground.engine.trace.VmEvent v
                                        && v.state().equals("reloaded"));
    }

    @Test
    void shouldFailClosedDuringTheReloadBackOffUntilTheClockMovesPastIt() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                clock: virtual
                filters:
                  - name: faulty
                    wasm: testdata/faults.wasm
                    configuration: "trap@request_headers"
                    failurePolicy: failReload
                    reloadBackoff: 2s
                steps:
                  - request: {name: first-trap}
                  - request: {name: reload-then-trap}
                  - request: {name: backoff}
                  - advance: 3s
                  - request: {name: after-backoff}
                """);

        assertThat(statuses(r)).containsExactly(503, 503, 503, 503);
        assertThat(r.exchanges().get(2).events())
                .anyMatch(
                        e ->
                                e instanceof io.filterplayground.engine.trace.StreamEvent s
                                        && s.detail().contains("reload back-off"));
        assertThat(r.exchanges().get(3).events()).anyMatch(e -> e instanceof TrapEvent);
    }

    @Test
    void shouldFailStreamsInFlightWhenAnotherStreamTrapsTheirVm() {
        // Envoy: a trap fails the whole VM, so a stream still waiting for its upstream answer gets
        // 503 at its response headers too (sent straight to the client, the response had started).
        // The upstream answers after 500 ms of virtual time, so both streams are in flight first.
        RunResult r =
                Fixtures.run(
                        scenario("failClosed", "trap-after:2@request_headers", 0)
                                + "  - {name: burst, repeat: 2, advanceTime: 1s}\n"
                                + "clusters: {backend: {mock: {status: 200, delay: 500ms}}}\n");

        assertThat(statuses(r)).containsExactly(503, 503);
        assertThat(r.exchanges().get(0).upstreamRequest()).isNotNull();
        assertThat(r.exchanges().get(0).events())
                .anyMatch(
                        e ->
                                e instanceof io.filterplayground.engine.trace.StreamEvent s
                                        && s.what().equals("local_reply")
                                        && s.detail().contains("straight to the client"));
    }

    @Test
    void shouldStopARunawayCallbackWithTheWatchdog() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                callbackTimeout: 200ms
                filters:
                  - {name: spin, wasm: testdata/faults.wasm, configuration: "loop@request_headers"}
                requests:
                  - name: r
                    repeat: 2
                """);

        assertThat(statuses(r)).containsExactly(503, 503);
        TrapEvent trap =
                (TrapEvent)
                        r.exchanges().get(0).events().stream()
                                .filter(e -> e instanceof TrapEvent)
                                .findFirst()
                                .orElseThrow();
        assertThat(trap.message()).startsWith("watchdog").contains("200 ms");
    }

    @Test
    void shouldCapGuestMemory() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                maxMemoryPages: 64
                filters:
                  - {name: hog, wasm: testdata/faults.wasm, configuration: "grow@request_headers"}
                requests:
                  - name: r
                """);

        assertThat(statuses(r)).containsExactly(503);
        assertThat(r.logs()).anyMatch(l -> l.message().contains("grow"));
        assertThat(r.snapshot().vms().get(0).memoryPages()).isLessThanOrEqualTo(64);
    }

    @Test
    void shouldReportBadPointersAsInvalidMemoryAccessAndKeepGoing() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                filters:
                  - {name: bad, wasm: testdata/faults.wasm, configuration: "badptr@request_headers"}
                requests:
                  - name: r
                """);

        assertThat(statuses(r)).containsExactly(200);
        assertThat(r.logs())
                .anyMatch(l -> l.message().contains("badptr statuses key=6 return=6 log=6"));
    }

    @Test
    void shouldClearHeadersForAMalformedMapLikeEnvoy() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                clusters:
                  backend: {mock: {echo: true}}
                filters:
                  - {name: bad, wasm: testdata/faults.wasm, configuration: "badmap@request_headers"}
                requests:
                  - name: r
                """);

        assertThat(r.logs()).anyMatch(l -> l.message().contains("badmap status=0"));
        assertThat(r.exchanges().get(0).upstreamRequest().headers().entries())
                .allMatch(h -> h.name().equals("x-envoy-expected-rq-timeout-ms"));
    }
}

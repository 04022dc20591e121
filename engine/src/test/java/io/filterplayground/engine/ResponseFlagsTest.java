package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.trace.HostCallEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router's response flags (Envoy's {@code StreamInfo::setResponseFlag} in router.cc and the
 * connection manager), read by a filter as {@code response.flags} ({@code legacyResponseFlags()}, a
 * bit per {@code CoreResponseFlag}) in {@code proxy_on_log}, beside {@code response.code_details}.
 */
class ResponseFlagsTest {
    private static List<String> flagsAndDetails(String clusters, String route) {
        return flagsAndDetails(clusters, route, "");
    }

    private static List<String> flagsAndDetails(String clusters, String route, String probe) {
        return flagsAndDetails(run(clusters, route, probe));
    }

    private static RunResult run(String clusters, String route, String probe) {
        return Fixtures.run(
                """
                        workers: 1
                        clusters:
                        %s
                        route: %s
                        filters:
                          - name: probe
                            wasm: testdata/hostcall_probe.wasm
                            configuration: |
                              log: proxy_get_property "response\\x00flags" out out
                              log: proxy_get_property "response\\x00code_details" out out
                              %s
                        requests:
                          - {name: a}
                        """
                        .formatted(clusters, route, probe));
    }

    private static List<String> flagsAndDetails(RunResult r) {
        return r.exchanges().get(0).events().stream()
                .filter(HostCallEvent.class::isInstance)
                .map(HostCallEvent.class::cast)
                .filter(h -> h.name().equals("proxy_get_property"))
                .map(h -> h.result() + " " + h.args().get("value"))
                .toList();
    }

    @Test
    void shouldFlagAStreamIdleTimeout() {
        // A stream its filter never resumes ends with the idle timeout
        // (ActiveStream::onIdleTimeout):
        // StreamIdleTimeout is CoreResponseFlag 16.
        assertThat(
                        flagsAndDetails(
                                "  backend: {mock: {status: 200}}",
                                "backend",
                                "request_headers: return 1"))
                .containsExactly("Ok " + (1L << 16), "Ok stream_idle_timeout");
    }

    @Test
    void shouldFlagAnUpstreamConnectionFailure() {
        RunResult r = run("  backend: {url: \"http://127.0.0.1:1\"}", "backend", "");
        // UpstreamConnectionFailure is CoreResponseFlag 5.
        assertThat(flagsAndDetails(r)).first().isEqualTo("Ok " + (1L << 5));
        // What the client got says so too, as Envoy's %RESPONSE_FLAGS% would, in run's JSON.
        assertThat(r.exchanges().get(0).response().flags()).isEqualTo("UF");
        assertThat(
                        RunResultJson.exchange(r.exchanges().get(0))
                                .path("response")
                                .path("flags")
                                .asText())
                .isEqualTo("UF");
    }

    @Test
    void shouldLeaveTheFlagsEmptyForAnAnsweredRequest() {
        assertThat(flagsAndDetails("  backend: {mock: {status: 200}}", "backend"))
                .containsExactly("Ok 0", "Ok via_upstream");
        RunResult r = run("  backend: {mock: {status: 200}}", "backend", "");
        assertThat(r.exchanges().get(0).response().flags()).isEmpty();
        assertThat(RunResultJson.exchange(r.exchanges().get(0)).path("response").has("flags"))
                .isFalse();
    }
}

package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.GET;
import static io.filterplayground.engine.wasm.host.Probe.path;
import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties answer with Envoy's statuses (Context::getProperty, findValue and setProperty in
 * source/extensions/common/wasm/context.cc): NotFound for an unknown name or a set outside a
 * stream, SerializationFailure for a value it cannot encode.
 */
class PropertyHostcallsTest {
    @Test
    void shouldReadKnownPropertiesAndAnswerNotFoundForUnknownOnes() {
        try (HostHarness host =
                Probe.builder(
                                "request_headers: proxy_get_property "
                                        + path("request", "path")
                                        + " out:p out:n",
                                "request_headers: proxy_log 2 $p $n",
                                "request_headers: proxy_get_property " + path("nope") + " out out",
                                "request_headers: proxy_get_property "
                                        + path("request", "nope")
                                        + " out out",
                                "request_headers: proxy_get_property "
                                        + path("team", "name")
                                        + " out out")
                        .properties(Map.of("team", Map.of("name", "edge")))
                        .build()) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_get_property"))
                    .containsExactly("Ok", "NotFound", "NotFound", "Ok");
            assertThat(host.logs()).containsExactly("/");
        }
    }

    @Test
    void shouldReadRequestHeaderAttributesOnlyWhileTheFilterHoldsTheHeaders() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_property "
                                + path("request", "path")
                                + " out out",
                        "response_headers: proxy_get_property "
                                + path("request", "path")
                                + " out out",
                        "response_headers: proxy_get_property "
                                + path("request", "time")
                                + " out out",
                        "response_headers: proxy_get_property "
                                + path("response", "headers", ":status")
                                + " out out",
                        "response_body: proxy_get_property "
                                + path("response", "headers", ":status")
                                + " out out",
                        "log: proxy_get_property " + path("request", "path") + " out:p out:n",
                        "log: proxy_log 2 $p $n")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            http.onResponseHeaders(Headers.of(":status", "200"), false);
            http.onResponseBody("ok".getBytes(StandardCharsets.UTF_8), true);
            http.complete();
            // Envoy's Context::findValue gives the attributes request_headers_ (dropped on
            // Continue), or in the access-log phase the logged stream's headers; the start time
            // comes from the stream info either way.
            assertThat(results(host, "proxy_get_property", "proxy_on_request_headers"))
                    .containsExactly("Ok");
            assertThat(results(host, "proxy_get_property", "proxy_on_response_headers"))
                    .containsExactly("NotFound", "Ok", "Ok");
            assertThat(results(host, "proxy_get_property", "proxy_on_response_body"))
                    .containsExactly("NotFound");
            assertThat(host.logs()).containsExactly("/");
        }
    }

    @Test
    void shouldGiveTheConnectionIdAsEnvoysTopLevelTokenDoes() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_get_property " + path("connection_id") + " out out",
                        "request_headers: proxy_get_property " + path("connection_id") + " out out",
                        "request_headers: proxy_get_property "
                                + path("connection", "id")
                                + " out out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            // Context::findValue's CONNECTION_ID: a uint64, there only with a connection.
            assertThat(results(host, "proxy_get_property")).containsExactly("NotFound", "Ok", "Ok");
            assertThat(Probe.calls(host, "proxy_get_property").get(1).args().get("value"))
                    .isNotNull()
                    .isEqualTo(Probe.calls(host, "proxy_get_property").get(2).args().get("value"));
        }
    }

    @Test
    void shouldTakeTheRequestSizeFromContentLengthAsEnvoyDoes() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_property "
                                + path("request", "size")
                                + " out out")) {
            host.newHttpContext()
                    .onRequestHeaders(
                            Headers.of(":path", "/", ":method", "POST", "content-length", "42"),
                            false);
            host.newHttpContext()
                    .onRequestHeaders(
                            Headers.of(":path", "/", ":method", "POST", "content-length", "x"),
                            false);
            host.newHttpContext().onRequestHeaders(GET, true);
            // RequestWrapper's Size: content-length while the headers are there (absent when it
            // is no number), else the bytes received (none yet).
            assertThat(Probe.calls(host, "proxy_get_property"))
                    .extracting(h -> h.result() + " " + h.args().get("value"))
                    .containsExactly("Ok 42", "NotFound null", "Ok 0");
        }
    }

    @Test
    void shouldAnswerSerializationFailureForTheEmptyPathAndNotFoundForAnEmptyName() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_property \"\" out out",
                        "request_headers: proxy_get_property \"\\0\" out out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_get_property"))
                    .containsExactly("SerializationFailure", "NotFound");
        }
    }

    @Test
    void shouldSetPropertiesOnAStreamOnly() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_set_property " + path("mine") + " \"v\"",
                        "request_headers: proxy_set_property " + path("mine") + " \"v\"",
                        "request_headers: proxy_get_property " + path("mine") + " out:p out:n",
                        "request_headers: proxy_log 2 $p $n")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_set_property")).containsExactly("NotFound", "Ok");
            assertThat(results(host, "proxy_get_property")).containsExactly("Ok");
            assertThat(host.logs()).containsExactly("v");
        }
    }

    @Test
    void shouldAnswerInvalidMemoryAccessForPointersOutsideMemory() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_property end-1 2 out out",
                        "request_headers: proxy_get_property " + path("plugin_vm_id") + " end out",
                        "request_headers: proxy_set_property \"k\" 0xffffffff 1")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_get_property"))
                    .containsExactly("InvalidMemoryAccess", "InvalidMemoryAccess");
            assertThat(results(host, "proxy_set_property")).containsExactly("InvalidMemoryAccess");
        }
    }
}

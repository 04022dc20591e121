package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.GET;
import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import org.junit.jupiter.api.Test;

/**
 * Header-map hostcalls answer with Envoy's statuses (Context::getHeaderMapValue, getMap,
 * getConstMap, getHeaderMapPairs, getHeaderMapSize in source/extensions/common/wasm/context.cc; the
 * type check and memory reads of cpp-host's src/exports.cc).
 */
class MapHostcallsTest {
    @Test
    void shouldAnswerNotFoundForAMissingHeaderAndOkForAPresentOne() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_header_map_value 0 \"x-missing\" out out",
                        "request_headers: proxy_get_header_map_value 0 \"x-a\" out:v out:n",
                        "request_headers: proxy_log 2 $v $n")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_get_header_map_value"))
                    .containsExactly("NotFound", "Ok");
            assertThat(host.logs()).containsExactly("1");
        }
    }

    @Test
    void shouldRejectAMapTypeAbove7BeforeReadingTheKey() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_header_map_value 8 0xffffffff 4 out out",
                        "request_headers: proxy_add_header_map_value 9 end 4 \"v\"",
                        "request_headers: proxy_remove_header_map_value 0xffffffff end 1",
                        "request_headers: proxy_get_header_map_pairs 8 out out",
                        "request_headers: proxy_get_header_map_size 8 out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(host.hostcalls().stream().filter(h -> h.name().contains("header_map")))
                    .extracting(h -> h.result())
                    .containsOnly("BadArgument")
                    .hasSize(5);
        }
    }

    @Test
    void shouldAnswerBadArgumentForAMapThatDoesNotExistYet() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_header_map_value 2 \"x\" out out",
                        "request_headers: proxy_add_header_map_value 2 \"x\" \"y\"",
                        "request_headers: proxy_replace_header_map_value 3 \"x\" \"y\"",
                        "request_headers: proxy_remove_header_map_value 2 \"x\"",
                        "request_headers: proxy_set_header_map_pairs 2 \"\"",
                        "request_headers: proxy_get_header_map_size 2 out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(host.hostcalls().stream().filter(h -> h.name().contains("header_map")))
                    .extracting(h -> h.result())
                    .containsOnly("BadArgument")
                    .hasSize(6);
        }
    }

    @Test
    void shouldReadAMapThatDoesNotExistAsEmptyPairs() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_header_map_pairs 2 out:p out:n",
                        "request_headers: proxy_get_header_map_pairs 0 out out",
                        "configure: proxy_get_header_map_pairs 0 out out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(Probe.calls(host, "proxy_get_header_map_pairs"))
                    .extracting(h -> h.result() + " " + h.args().get("pairs"))
                    .containsExactly("Ok 0", "Ok 0", "Ok 4");
        }
    }

    @Test
    void shouldForgetTheRequestHeadersOnceTheFilterLetsThemContinue() {
        try (HostHarness host =
                Probe.start(
                        "response_headers: proxy_get_header_map_value 0 \"x-a\" out out",
                        "response_headers: proxy_add_header_map_value 0 \"x\" \"y\"",
                        "response_headers: proxy_get_header_map_size 0 out",
                        "response_headers: proxy_get_header_map_pairs 0 out out",
                        "response_headers: proxy_get_header_map_value 2 \":status\" out out",
                        "response_body: proxy_get_header_map_value 2 \":status\" out out",
                        "log: proxy_get_header_map_value 0 \"x-a\" out out")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            http.onResponseHeaders(Headers.of(":status", "200"), false);
            http.onResponseBody("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
            http.complete();
            // Envoy's Context::decodeHeaders and encodeHeaders drop their map on Continue; the
            // access-log phase (proxy_on_log) reads the logged stream's maps again.
            assertThat(results(host, "proxy_get_header_map_value", "proxy_on_response_headers"))
                    .containsExactly("BadArgument", "Ok");
            assertThat(results(host, "proxy_get_header_map_value", "proxy_on_response_body"))
                    .containsExactly("BadArgument");
            assertThat(results(host, "proxy_get_header_map_value", "proxy_on_log"))
                    .containsExactly("Ok");
            assertThat(results(host, "proxy_add_header_map_value")).containsExactly("BadArgument");
            assertThat(results(host, "proxy_get_header_map_size")).containsExactly("BadArgument");
            assertThat(Probe.calls(host, "proxy_get_header_map_pairs"))
                    .extracting(h -> h.result() + " " + h.args().get("pairs"))
                    .containsExactly("Ok 0");
            assertThat(Probe.calls(host, "proxy_get_header_map_value").get(0).hint())
                    .contains("proxy_on_request_headers returns Continue");
            assertThat(http.requestHeaders().first("x")).isEmpty();
        }
    }

    @Test
    void shouldKeepPausedRequestHeadersUntilTheFilterContinuesTheStream() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: return 1",
                        "request_body: proxy_get_header_map_value 0 \"x-a\" out out",
                        "request_body: proxy_add_header_map_value 0 \"x-body\" \"seen\"",
                        "request_body: proxy_continue_stream 1",
                        "request_body: proxy_get_header_map_value 0 \"x-a\" out out",
                        "request_body: proxy_get_header_map_value 2 \":status\" out out")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, false);
            http.onRequestBody("b".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
            // Context::continueStream drops the request's maps for either direction, at once.
            assertThat(results(host, "proxy_get_header_map_value"))
                    .containsExactly("Ok", "BadArgument", "BadArgument");
            assertThat(http.requestHeaders().first("x-body")).contains("seen");
        }
    }

    @Test
    void shouldGiveTheAccessLogPhaseNoRequestTrailers() {
        try (HostHarness host =
                Probe.start(
                        "request_trailers: return 1",
                        "request_trailers: proxy_get_header_map_value 1 \"x-t\" out out",
                        "log: proxy_get_header_map_value 1 \"x-t\" out out",
                        "log: proxy_get_header_map_pairs 1 out out")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, false);
            http.onRequestTrailers(Headers.of("x-t", "1"));
            http.complete();
            // Context::log passes request headers, response headers and trailers, not request
            // trailers (getConstMap answers nullptr for them in the access-log phase).
            assertThat(results(host, "proxy_get_header_map_value"))
                    .containsExactly("Ok", "NotFound");
            assertThat(Probe.calls(host, "proxy_get_header_map_pairs"))
                    .extracting(h -> h.result() + " " + h.args().get("pairs"))
                    .containsExactly("Ok 0");
        }
    }

    @Test
    void shouldAnswerBadArgumentOnARootContextWithoutAnEffectiveStream() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_get_header_map_value 0 \":path\" out out",
                        "configure: proxy_add_header_map_value 0 \"x\" \"y\"",
                        "tick: proxy_get_header_map_size 0 out")) {
            host.tick();
            assertThat(results(host, "proxy_get_header_map_value")).containsExactly("BadArgument");
            assertThat(results(host, "proxy_add_header_map_value")).containsExactly("BadArgument");
            assertThat(results(host, "proxy_get_header_map_size")).containsExactly("BadArgument");
        }
    }

    @Test
    void shouldAnswerNotFoundForAnAbsentMapInOnLog() {
        try (HostHarness host =
                Probe.start(
                        "log: proxy_get_header_map_value 2 \":status\" out out",
                        "log: proxy_get_header_map_value 0 \":path\" out out",
                        "log: proxy_get_header_map_size 3 out",
                        "log: proxy_add_header_map_value 0 \"x\" \"y\"")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            http.complete();
            assertThat(results(host, "proxy_get_header_map_value"))
                    .containsExactly("NotFound", "Ok");
            assertThat(results(host, "proxy_get_header_map_size")).containsExactly("BadArgument");
            assertThat(results(host, "proxy_add_header_map_value")).containsExactly("BadArgument");
        }
    }

    @Test
    void shouldLetTheCalloutReplyReadItsMapsButNotWriteOrSizeThem() {
        try (HostHarness host =
                Probe.builder(
                                "request_headers: proxy_http_call \"auth\" "
                                        + Probe.CALL_HEADERS
                                        + " \"\" \"\" 1000 out",
                                "http_call_response: proxy_get_header_map_value 6 \"x-upstream\" out out",
                                "http_call_response: proxy_get_header_map_pairs 6 out out",
                                "http_call_response: proxy_add_header_map_value 6 \"x\" \"y\"",
                                "http_call_response: proxy_get_header_map_size 6 out",
                                "request_headers: proxy_get_header_map_value 6 \"x-upstream\" out out")
                        .cluster("auth", Probe.OK_UPSTREAM)
                        .build()) {
            host.newHttpContext().onRequestHeaders(GET, true);
            host.runPending();
            assertThat(results(host, "proxy_get_header_map_value"))
                    .containsExactly("BadArgument", "Ok");
            assertThat(results(host, "proxy_get_header_map_pairs")).containsExactly("Ok");
            assertThat(results(host, "proxy_add_header_map_value")).containsExactly("BadArgument");
            assertThat(results(host, "proxy_get_header_map_size")).containsExactly("BadArgument");
        }
    }

    @Test
    void shouldAnswerInvalidMemoryAccessForAKeyOrOutPointerOutsideMemory() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_header_map_value 0 end 1 out out",
                        "request_headers: proxy_get_header_map_value 0 \"x-a\" end-3 out",
                        "request_headers: proxy_get_header_map_value 0 \"x-a\" out 0xffffffff",
                        "request_headers: proxy_add_header_map_value 0 \"x\" 0x80000000 1",
                        "request_headers: proxy_get_header_map_pairs 0 out end",
                        "request_headers: proxy_set_header_map_pairs 0 end-1 2")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            assertThat(host.hostcalls().stream().filter(h -> h.name().contains("header_map")))
                    .extracting(h -> h.result())
                    .containsOnly("InvalidMemoryAccess")
                    .hasSize(6);
            assertThat(http.requestHeaders().first("x")).isEmpty();
            assertThat(http.requestHeaders().first("x-a")).contains("1");
        }
    }

    @Test
    void shouldReadMalformedPairsAsAnEmptyMapAndRemoveAMissingKeyWithOk() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_remove_header_map_value 0 \"x-never\"",
                        "request_headers: proxy_set_header_map_pairs 0 \"\\x01\\x00\\x00\\x00\\x05\"")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_remove_header_map_value")).containsExactly("Ok");
            assertThat(results(host, "proxy_set_header_map_pairs")).containsExactly("Ok");
            assertThat(http.requestHeaders()).isEqualTo(Headers.empty());
        }
    }
}

package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.GET;
import static io.filterplayground.engine.wasm.host.Probe.pairs;
import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.harness.NetworkContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Stream control answers as Envoy's Context::continueStream, closeStream and sendLocalResponse
 * (source/extensions/common/wasm/context.cc) behind cpp-host's continue_request, continue_response,
 * continue_stream, close_stream, clear_route_cache and send_local_response (src/exports.cc), on an
 * HTTP stream and on a TCP connection.
 */
class StreamControlHostcallsTest {
    @Test
    void shouldContinueEachSideAndRejectWhatEnvoyRejects() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_continue_stream 0",
                        "request_headers: proxy_continue_stream 1",
                        "request_headers: proxy_continue_stream 2",
                        "request_headers: proxy_continue_stream 3",
                        "request_headers: proxy_continue_stream 4",
                        "request_headers: proxy_continue_request",
                        "request_headers: proxy_continue_response",
                        "request_headers: return 1")) {
            HttpContext http = host.newHttpContext();
            assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.PAUSE);
            assertThat(results(host, "proxy_continue_stream"))
                    .containsExactly("Ok", "Ok", "Ok", "Unimplemented", "BadArgument");
            assertThat(results(host, "proxy_continue_request")).containsExactly("Ok");
            assertThat(results(host, "proxy_continue_response")).containsExactly("Ok");
            assertThat(http.continueRequestCalls()).isEqualTo(2);
            assertThat(http.continueResponseCalls()).isEqualTo(2);
        }
    }

    @Test
    void shouldAnswerOkAndDoNothingOnARootContext() {
        try (HostHarness host =
                Probe.start(
                        "tick: proxy_continue_stream 0",
                        "tick: proxy_close_stream 0",
                        "tick: proxy_send_local_response 403 \"\" \"\" \"\" -1",
                        "tick: proxy_clear_route_cache")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            host.tick();
            assertThat(results(host, "proxy_continue_stream")).containsExactly("Ok");
            assertThat(results(host, "proxy_close_stream")).containsExactly("Ok");
            assertThat(results(host, "proxy_send_local_response")).containsExactly("Ok");
            assertThat(results(host, "proxy_clear_route_cache")).containsExactly("Ok");
            assertThat(http.continueRequestCalls()).isZero();
            assertThat(http.resetDetails()).isNull();
            assertThat(http.localResponse()).isNull();
        }
    }

    @Test
    void shouldResetAnHttpStreamButNotForAConnectionTypeAnHttpFilterDoesNotHave() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_close_stream 2",
                        "request_headers: proxy_close_stream 3",
                        "request_headers: proxy_close_stream 4",
                        "response_headers: proxy_close_stream 1")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_close_stream"))
                    .containsExactly("Ok", "Ok", "BadArgument");
            assertThat(http.resetDetails()).isNull();
            http.onResponseHeaders(
                    io.filterplayground.engine.http.Headers.of(":status", "200"), true);
            assertThat(http.resetDetails()).isEqualTo("wasm_close_stream");
        }
    }

    @Test
    void shouldContinueAndCloseAConnectionButNoHttpStreamOnIt() {
        try (HostHarness host =
                Probe.start(
                        "downstream_data: proxy_continue_stream 0",
                        "downstream_data: proxy_continue_stream 2",
                        "downstream_data: proxy_continue_stream 3",
                        "downstream_data: proxy_close_stream 1",
                        "downstream_data: proxy_close_stream 3",
                        "downstream_data: return 1")) {
            NetworkContext tcp = host.newNetworkContext();
            tcp.onNewConnection();
            assertThat(tcp.onDownstreamData("x".getBytes(StandardCharsets.UTF_8), false))
                    .isEqualTo(Action.PAUSE);
            assertThat(results(host, "proxy_continue_stream"))
                    .containsExactly("Ok", "Ok", "Unimplemented");
            assertThat(results(host, "proxy_close_stream")).containsExactly("Ok", "Ok");
            assertThat(tcp.continueReadingCalls()).isEqualTo(1);
            assertThat(tcp.closeDetails()).isEqualTo("wasm_upstream_close");
        }
    }

    @Test
    void shouldSendALocalReplyOnlyWhenEveryRangeIsInMemory() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_send_local_response 403 \"\" end 1 \"\" -1",
                        "request_headers: proxy_send_local_response 403 \"\" \"\" 0xffffffff 8 -1",
                        "request_headers: proxy_send_local_response 403"
                                + " \"denied here\\x09and\\x0dthere\" \"no\" "
                                + pairs("x-why", "test")
                                + " -1",
                        "request_headers: proxy_send_local_response 500 \"\" \"\" \"\" -1")) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_send_local_response"))
                    .containsExactly(
                            "InvalidMemoryAccess", "InvalidMemoryAccess", "Ok", "BadArgument");
            assertThat(http.localResponse().status()).isEqualTo(403);
            // Envoy's StringUtil::replaceAllEmptySpace: every ASCII space character becomes '_'.
            assertThat(http.localResponse().details()).isEqualTo("denied_here_and_there");
            assertThat(http.localResponse().headers())
                    .anySatisfy(h -> assertThat(h.name()).isEqualTo("x-why"));
        }
    }
}

package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.GET;
import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.harness.NetworkContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reading buffers answers with Envoy's statuses: cpp-host's get_buffer_bytes and get_buffer_status
 * (src/exports.cc) over Envoy's Context::getBuffer, which has no buffer (NotFound) only for the
 * plugin configuration outside proxy_on_configure and the HTTP call response outside its callback;
 * a network filter reads and changes its connection's data (DownstreamData, UpstreamData). The
 * shapes proxy_set_buffer_bytes accepts have their own test (SetBufferBytesTest).
 */
class BufferHostcallsTest {
    @Test
    void shouldAnswerNotFoundForThePluginConfigurationOutsideOnConfigure() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_get_buffer_bytes 7 0 100 out out",
                        "request_headers: proxy_get_buffer_bytes 7 0 100 out out",
                        "request_headers: proxy_get_buffer_status 7 out out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            // The probe's own read of its script comes first.
            assertThat(results(host, "proxy_get_buffer_bytes"))
                    .containsExactly("Ok", "Ok", "NotFound");
            assertThat(results(host, "proxy_get_buffer_status")).containsExactly("NotFound");
        }
    }

    @Test
    void shouldAnswerNotFoundForTheCallResponseOutsideItsCallback() {
        try (HostHarness host =
                Probe.builder(
                                "request_headers: proxy_get_buffer_bytes 4 0 100 out out",
                                "request_headers: proxy_http_call \"auth\" "
                                        + Probe.CALL_HEADERS
                                        + " \"\" \"\" 1000 out",
                                "http_call_response: proxy_get_buffer_bytes 4 0 arg3 out:p out:n",
                                "http_call_response: proxy_log 2 $p $n")
                        .cluster("auth", Probe.OK_UPSTREAM)
                        .build()) {
            host.newHttpContext().onRequestHeaders(GET, true);
            host.runPending();
            assertThat(results(host, "proxy_get_buffer_bytes")).endsWith("NotFound", "Ok");
            assertThat(host.logs()).containsExactly("answer");
        }
    }

    @Test
    void shouldReadABodyThatIsNotThereAsEmpty() {
        try (HostHarness host =
                Probe.start(
                        "request_headers: proxy_get_buffer_bytes 0 0 100 out out",
                        "request_headers: proxy_get_buffer_status 1 out:size out",
                        "configure: proxy_get_buffer_bytes 5 0 100 out out",
                        "request_headers: proxy_get_buffer_bytes 2 0 100 out out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_get_buffer_bytes"))
                    .containsExactly("Ok", "Ok", "Ok", "Ok");
            assertThat(Probe.calls(host, "proxy_get_buffer_status"))
                    .singleElement()
                    .satisfies(
                            h -> {
                                assertThat(h.result()).isEqualTo("Ok");
                                assertThat(h.args()).containsEntry("size", 0);
                            });
        }
    }

    @Test
    void shouldReadAndChangeAConnectionsDataInItsCallbackButNoHttpBody() {
        try (HostHarness host =
                Probe.start(
                        "downstream_data: proxy_get_buffer_bytes 2 0 arg1 out:p out:n",
                        "downstream_data: proxy_log 2 $p $n",
                        "downstream_data: proxy_set_buffer_bytes 2 0 0 \"> \"",
                        "downstream_data: proxy_get_buffer_bytes 0 0 100 out out",
                        "downstream_data: proxy_set_buffer_bytes 0 0 0 \"x\"",
                        "upstream_data: proxy_get_buffer_status 3 out out",
                        "upstream_data: proxy_set_buffer_bytes 3 0xffffffff 0 \"!\"")) {
            NetworkContext tcp = host.newNetworkContext();
            tcp.onNewConnection();
            tcp.onDownstreamData("ping".getBytes(StandardCharsets.UTF_8), false);
            tcp.onUpstreamData("pong".getBytes(StandardCharsets.UTF_8), false);
            assertThat(host.logs()).containsExactly("ping");
            // An HTTP body on a connection reads as empty and cannot be written, as in Envoy.
            assertThat(results(host, "proxy_get_buffer_bytes")).endsWith("Ok", "Ok");
            assertThat(results(host, "proxy_set_buffer_bytes"))
                    .containsExactly("Ok", "BadArgument", "Ok");
            assertThat(Probe.calls(host, "proxy_get_buffer_status"))
                    .singleElement()
                    .satisfies(h -> assertThat(h.args()).containsEntry("size", 4));
            assertThat(new String(tcp.downstreamData(), StandardCharsets.UTF_8))
                    .isEqualTo("> ping");
            assertThat(new String(tcp.upstreamData(), StandardCharsets.UTF_8)).isEqualTo("pong!");
        }
    }

    @Test
    void shouldClampAReadPastTheEndInsteadOfRejectingIt() {
        try (HostHarness host =
                Probe.builder(
                                "configure: proxy_get_buffer_bytes 6 1 0xffffffff out:p out:n",
                                "configure: proxy_log 2 $p $n",
                                "configure: proxy_get_buffer_bytes 6 100 4 out out")
                        .vmConfiguration("#vm-config")
                        .build()) {
            // The probe's own reads of its script come first.
            assertThat(results(host, "proxy_get_buffer_bytes")).containsOnly("Ok").hasSize(4);
            assertThat(host.logs()).containsExactly("vm-config");
            assertThat(Probe.calls(host, "proxy_get_buffer_bytes").get(3).args())
                    .containsEntry("returned", 0);
        }
    }

    @Test
    void shouldRejectAnUnknownBufferTypeAndWritesToImmutableBuffers() {
        try (HostHarness host =
                Probe.start(
                        "configure: proxy_get_buffer_bytes 9 0 1 out out",
                        "configure: proxy_get_buffer_status 0xffffffff out out",
                        "configure: proxy_set_buffer_bytes 6 0 0 \"x\" ")) {
            assertThat(results(host, "proxy_get_buffer_bytes")).endsWith("BadArgument");
            assertThat(results(host, "proxy_get_buffer_status")).containsExactly("BadArgument");
            assertThat(results(host, "proxy_set_buffer_bytes")).containsExactly("BadArgument");
        }
    }

    @Test
    void shouldAnswerInvalidMemoryAccessForPointersOutsideMemory() {
        try (HostHarness host =
                Probe.builder(
                                "configure: proxy_get_buffer_bytes 6 0 10 end out",
                                "configure: proxy_get_buffer_status 6 out end-2",
                                "request_body: proxy_set_buffer_bytes 0 0 0 end-1 2",
                                "request_body: proxy_get_buffer_bytes 0 0 10 out 0x80000000")
                        .vmConfiguration("#vm-config")
                        .build()) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, false);
            http.onRequestBody("body".getBytes(StandardCharsets.UTF_8), true);
            assertThat(results(host, "proxy_get_buffer_bytes"))
                    .endsWith("InvalidMemoryAccess", "InvalidMemoryAccess");
            assertThat(results(host, "proxy_get_buffer_status"))
                    .containsExactly("InvalidMemoryAccess");
            assertThat(results(host, "proxy_set_buffer_bytes"))
                    .containsExactly("InvalidMemoryAccess");
            assertThat(new String(http.requestBody(), StandardCharsets.UTF_8)).isEqualTo("body");
        }
    }
}

package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.CALL_HEADERS;
import static io.filterplayground.engine.wasm.host.Probe.GET;
import static io.filterplayground.engine.wasm.host.Probe.pairs;
import static io.filterplayground.engine.wasm.host.Probe.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.upstream.MockSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Callouts answer with Envoy's statuses (Context::httpCall, grpcCall, grpcStream, grpcSend,
 * grpcCancel and grpcClose in source/extensions/common/wasm/context.cc, behind cpp-host's
 * src/exports.cc, which reads every argument and checks the token pointer first).
 */
class CalloutHostcallsTest {
    private static HostHarness start(String... lines) {
        return Probe.builder(lines).cluster("auth", Probe.OK_UPSTREAM).build();
    }

    @Test
    void shouldRejectAnUnknownClusterMissingPseudoHeadersAndANegativeTimeout() {
        try (HostHarness host =
                start(
                        "request_headers: proxy_http_call \"nope\" "
                                + CALL_HEADERS
                                + " \"\" \"\" 1000 out",
                        "request_headers: proxy_http_call \"auth\" "
                                + pairs(":method", "GET", ":path", "/")
                                + " \"\" \"\" 1000 out",
                        "request_headers: proxy_http_call \"auth\" \"\\x01\" \"\" \"\" 1000 out",
                        "request_headers: proxy_http_call \"auth\" "
                                + CALL_HEADERS
                                + " \"\" \"\" 0x80000000 out",
                        "request_headers: proxy_http_call \"auth\" "
                                + CALL_HEADERS
                                + " \"\" \"\" 0 out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            assertThat(results(host, "proxy_http_call"))
                    .containsExactly(
                            "BadArgument", "BadArgument", "BadArgument", "BadArgument", "Ok");
            // The VM's first HTTP callout id (cpp-host's nextHttpCallId: 4, 8, 12...).
            assertThat(Probe.calls(host, "proxy_http_call").get(4).args().get("token"))
                    .isEqualTo(4);
        }
    }

    @Test
    void shouldSetTheContentLengthOfACalloutWithABodyAsEnvoyDoes() {
        try (HostHarness host =
                Probe.builder(
                                "request_headers: proxy_http_call \"echo\" "
                                        + pairs(
                                                ":method",
                                                "POST",
                                                ":path",
                                                "/check",
                                                ":authority",
                                                "auth",
                                                "content-length",
                                                "999")
                                        + " \"abc\" \"\" 1000 out",
                                "http_call_response: proxy_get_header_map_value 6"
                                        + " \"x-echo-content-length\" out:v out:n",
                                "http_call_response: proxy_log 2 $v $n")
                        .cluster(
                                "echo",
                                new MockSpec(
                                        200,
                                        Headers.empty(),
                                        List.of(),
                                        Headers.empty(),
                                        true,
                                        0,
                                        null))
                        .build()) {
            host.newHttpContext().onRequestHeaders(GET, true);
            host.runPending();
            // Context::httpCall: setContentLength(body size) replaces the module's own value.
            assertThat(host.logs()).containsExactly("3");
        }
    }

    @Test
    void shouldCheckTheTokenPointerBeforeStartingTheCall() {
        try (HostHarness host =
                start(
                        "request_headers: proxy_http_call \"auth\" "
                                + CALL_HEADERS
                                + " \"\" \"\" 1000 end-2",
                        "request_headers: proxy_http_call \"auth\" end 8 \"\" \"\" 1000 out")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            host.runPending();
            assertThat(results(host, "proxy_http_call"))
                    .containsExactly("InvalidMemoryAccess", "InvalidMemoryAccess");
            assertThat(host.events())
                    .noneMatch(
                            e ->
                                    e instanceof CallbackEvent c
                                            && c.name().contains("http_call_response"));
        }
    }

    @Test
    void shouldFollowEnvoyForGrpcCallsAndStreams() {
        try (HostHarness host =
                start(
                        "configure: proxy_grpc_call \"nope\" \"svc\" \"m\" \"\" \"\" 1000 out",
                        // malformed metadata is no metadata (cpp-host's PairsUtil::toPairs)
                        "configure: proxy_grpc_call \"auth\" \"svc\" \"m\" \"\\x09\" \"\" 1000 out:call",
                        "configure: proxy_grpc_stream \"nope\" \"svc\" \"m\" \"\" out",
                        "configure: proxy_grpc_stream \"auth\" \"svc\" \"m\" end 4 out",
                        "configure: proxy_grpc_stream \"auth\" \"svc\" \"m\" \"\" out:stream",
                        "configure: proxy_grpc_send $call \"msg\" 0",
                        "configure: proxy_grpc_send 6002 \"msg\" 0",
                        "configure: proxy_grpc_send $stream \"msg\" 0",
                        "configure: proxy_grpc_cancel 4",
                        "configure: proxy_grpc_close 3",
                        "configure: proxy_grpc_cancel 5001",
                        "configure: proxy_grpc_close 6002",
                        "configure: proxy_grpc_cancel $call",
                        "configure: proxy_grpc_close $stream")) {
            assertThat(results(host, "proxy_grpc_call")).containsExactly("ParseFailure", "Ok");
            assertThat(results(host, "proxy_grpc_stream"))
                    .containsExactly("ParseFailure", "InvalidMemoryAccess", "Ok");
            assertThat(results(host, "proxy_grpc_send"))
                    .containsExactly("BadArgument", "NotFound", "Ok");
            // cpp-host's WasmBase numbers calls 5, 9... and streams 6, 10...; Envoy reads the kind
            // from the two low bits: a token of neither kind (4, 3) is BadArgument, one of a kind
            // that is not open (5001, 6002) NotFound.
            assertThat(Probe.calls(host, "proxy_grpc_call").get(1).args().get("token"))
                    .isEqualTo(5);
            assertThat(Probe.calls(host, "proxy_grpc_stream").get(2).args().get("token"))
                    .isEqualTo(6);
            assertThat(results(host, "proxy_grpc_cancel"))
                    .containsExactly("BadArgument", "NotFound", "Ok");
            assertThat(results(host, "proxy_grpc_close"))
                    .containsExactly("BadArgument", "NotFound", "Ok");
        }
    }

    @Test
    void shouldTakeASerializedGrpcServiceAsEnvoyDoes() {
        // GrpcService {envoy_grpc {cluster_name: ...}}: field 1, then its field 1.
        try (HostHarness host =
                start(
                        "configure: proxy_grpc_call \"\\x0a\\x06\\x0a\\x04auth\" \"svc\" \"m\""
                                + " \"\" \"\" 1000 out",
                        "configure: proxy_grpc_stream \"\\x0a\\x06\\x0a\\x04auth\" \"svc\""
                                + " \"m\" \"\" out",
                        // a GrpcService naming no cluster here: Envoy's client says "Cluster not
                        // available" and the call is not made
                        "configure: proxy_grpc_call \"\\x0a\\x06\\x0a\\x04nope\" \"svc\" \"m\""
                                + " \"\" \"\" 1000 out",
                        // not a GrpcService (field 0 is malformed) and no such cluster
                        "configure: proxy_grpc_call \"\\x00x\" \"svc\" \"m\" \"\" \"\" 1000 out")) {
            assertThat(results(host, "proxy_grpc_call"))
                    .containsExactly("Ok", "InternalFailure", "ParseFailure");
            assertThat(results(host, "proxy_grpc_stream")).containsExactly("Ok");
        }
    }

    @Test
    void shouldStillCloseTheTokenOfAGrpcServiceWithoutClusterOnceTheCallbackReturns() {
        try (HostHarness host =
                start(
                        "request_headers: proxy_grpc_call \"\\x0a\\x06\\x0a\\x04nope\" \"svc\""
                                + " \"m\" \"\" \"\" 1000 out",
                        "request_headers: proxy_grpc_stream \"\\x0a\\x06\\x0a\\x04nope\""
                                + " \"svc\" \"m\" \"\" out",
                        "request_headers: proxy_log 2 \"headers done\"",
                        "grpc_close: proxy_get_status out:code out:m out:n",
                        "grpc_close: proxy_log 2 $m $n")) {
            host.newHttpContext().onRequestHeaders(GET, true);
            // Envoy's AsyncStreamImpl::initialize fails the call inside the hostcall; the close
            // waits for the guest call to return (Context::onGrpcCloseWrapper), on the root
            // context, for tokens the module never got (a call's 5, a stream's 6).
            assertThat(results(host, "proxy_grpc_call")).containsExactly("InternalFailure");
            assertThat(results(host, "proxy_grpc_stream")).containsExactly("InternalFailure");
            assertThat(host.logs())
                    .containsExactly(
                            "headers done", "Cluster not available", "Cluster not available");
            assertThat(host.events())
                    .filteredOn(
                            e -> e instanceof CallbackEvent c && c.name().endsWith("grpc_close"))
                    .extracting(e -> ((CallbackEvent) e).args())
                    .extracting(a -> a.get("token") + " " + a.get("status_code"))
                    .containsExactly("5 14", "6 14");
            assertThat(results(host, "proxy_get_status")).containsExactly("Ok", "Ok");
        }
    }

    @Test
    void shouldAnswerForeignFunctionsLikeEnvoy() {
        try (HostHarness host =
                start(
                        "configure: proxy_call_foreign_function \"nope\" \"\" out out",
                        "configure: proxy_call_foreign_function \"uncompress\" \"not zlib\" out out",
                        "configure: proxy_call_foreign_function \"compress\" \"hello\" out out",
                        "configure: proxy_call_foreign_function \"compress\" 0xffffffff 2 out out",
                        "configure: proxy_call_foreign_function \"clear_route_cache\" \"\" out"
                                + " out")) {
            assertThat(results(host, "proxy_call_foreign_function"))
                    .containsExactly(
                            "NotFound", "SerializationFailure", "Ok", "InvalidMemoryAccess", "Ok");
        }
    }
}

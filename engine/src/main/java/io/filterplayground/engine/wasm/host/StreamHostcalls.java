package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.StreamType;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.state.Pairs;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.StreamContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stream control. Like Envoy, continue, close and local replies are deferred until the guest call
 * returns, and on a root context (no effective stream) continue is accepted and does nothing: the
 * classic "resume without proxy_set_effective_context" bug, which the trace explains.
 */
final class StreamHostcalls {
    private static final String NO_STREAM =
            "no-op: context %d is a root context; call proxy_set_effective_context(stream) first";

    private static final String NOT_HTTP =
            "no-op: this context belongs to a TCP connection, which has no HTTP stream";
    private static final String NOT_TCP =
            "no-op: this context belongs to an HTTP stream, which has no TCP connection";

    private StreamHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_continue_stream", 1, StreamHostcalls::continueStream),
                Hostcall.of("proxy_close_stream", 1, StreamHostcalls::closeStream),
                Hostcall.of(
                        "proxy_continue_request",
                        0,
                        (vm, a) -> resume(vm, StreamType.HTTP_REQUEST, "proxy_continue_request")),
                Hostcall.of(
                        "proxy_continue_response",
                        0,
                        (vm, a) -> resume(vm, StreamType.HTTP_RESPONSE, "proxy_continue_response")),
                Hostcall.of(
                        "proxy_clear_route_cache",
                        0,
                        (vm, a) ->
                                vm.hostcallHint(
                                        "proxy_clear_route_cache",
                                        WasmResult.OK,
                                        "the playground has a single route")),
                Hostcall.of("proxy_send_local_response", 8, StreamHostcalls::sendLocalResponse),
                Hostcall.of("proxy_get_status", 3, StreamHostcalls::getStatus));
    }

    private static long continueStream(HostcallContext vm, long[] a) {
        StreamType t = StreamType.of((int) a[0]);
        if (t == null) {
            return vm.hostcall(
                    "proxy_continue_stream",
                    WasmResult.BAD_ARGUMENT,
                    "stream",
                    StreamType.nameOf((int) a[0]));
        }
        if (t == StreamType.UPSTREAM) {
            return vm.hostcallHint(
                    "proxy_continue_stream",
                    WasmResult.UNIMPLEMENTED,
                    "Envoy does not support continuing Upstream",
                    "stream",
                    t.displayName());
        }
        return resume(vm, t, "proxy_continue_stream");
    }

    private static long resume(HostcallContext vm, StreamType t, String name) {
        Context c = vm.context();
        if (!(c instanceof StreamContext s)) {
            return vm.hostcallHint(
                    name,
                    WasmResult.OK,
                    String.format(NO_STREAM, c == null ? 0 : c.id()),
                    "stream",
                    t.displayName());
        }
        // Envoy's Context::continueStream: each stream type reaches its own callbacks, which a
        // context of the other kind does not have (then nothing happens, and the answer is Ok).
        FilterCallbacks http = s.http();
        ConnectionCallbacks tcp = s.connection();
        switch (t) {
            case HTTP_REQUEST, HTTP_RESPONSE -> {
                if (http == null) {
                    return vm.hostcallHint(
                            name, WasmResult.OK, NOT_HTTP, "stream", t.displayName());
                }
                // Either direction: Envoy's continueStream then forgets the request's maps.
                s.releaseRequestMaps();
                vm.afterCall(
                        t == StreamType.HTTP_REQUEST
                                ? http::continueRequest
                                : http::continueResponse);
            }
            default -> {
                if (tcp == null) {
                    return vm.hostcallHint(name, WasmResult.OK, NOT_TCP, "stream", t.displayName());
                }
                vm.afterCall(tcp::continueReading);
            }
        }
        return vm.hostcall(name, WasmResult.OK, "stream", t.displayName(), "context_id", s.id());
    }

    private static long closeStream(HostcallContext vm, long[] a) {
        StreamType t = StreamType.of((int) a[0]);
        if (t == null) {
            return vm.hostcall(
                    "proxy_close_stream",
                    WasmResult.BAD_ARGUMENT,
                    "stream",
                    StreamType.nameOf((int) a[0]));
        }
        Context c = vm.context();
        if (!(c instanceof StreamContext s)) {
            return vm.hostcallHint(
                    "proxy_close_stream",
                    WasmResult.OK,
                    String.format(NO_STREAM, c == null ? 0 : c.id()),
                    "stream",
                    t.displayName());
        }
        // Envoy's Context::closeStream: HTTP types reset the stream (details wasm_close_stream);
        // Downstream and Upstream close the connection (FlushWrite).
        boolean httpType = t == StreamType.HTTP_REQUEST || t == StreamType.HTTP_RESPONSE;
        FilterCallbacks http = s.http();
        ConnectionCallbacks tcp = s.connection();
        if (httpType ? http == null : tcp == null) {
            return vm.hostcallHint(
                    "proxy_close_stream",
                    WasmResult.OK,
                    httpType ? NOT_HTTP : NOT_TCP,
                    "stream",
                    t.displayName());
        }
        if (httpType) {
            vm.afterCall(() -> http.resetStream("wasm_close_stream"));
        } else {
            String details =
                    t == StreamType.DOWNSTREAM ? "wasm_downstream_close" : "wasm_upstream_close";
            vm.afterCall(() -> tcp.close(details));
        }
        return vm.hostcallHint(
                "proxy_close_stream",
                WasmResult.OK,
                httpType
                        ? "the stream is reset when this callback returns"
                        : "the connection is closed when this callback returns",
                "stream",
                t.displayName());
    }

    /**
     * Envoy's {@code StringUtil::replaceAllEmptySpace}, which {@code Context::sendLocalResponse}
     * applies to the details: every ASCII space character ({@code absl::ascii_isspace}) becomes
     * '_'.
     */
    private static String replaceAllEmptySpace(String details) {
        char[] c = details.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == ' ' || (c[i] >= '\t' && c[i] <= '\r')) {
                c[i] = '_';
            }
        }
        return new String(c);
    }

    private static long sendLocalResponse(HostcallContext vm, long[] a) {
        String n = "proxy_send_local_response";
        int status = (int) a[0];
        String details = replaceAllEmptySpace(vm.memory().readString((int) a[1], (int) a[2]));
        byte[] body = vm.memory().read((int) a[3], (int) a[4]);
        byte[] rawHeaders = vm.memory().read((int) a[5], (int) a[6]);
        int grpc = (int) a[7];
        List<Header> headers = Pairs.parse(rawHeaders);
        String hint = null;
        if (headers == null) {
            headers = List.of();
            hint = "malformed serialized headers: read as an empty map (cpp-host)";
        }
        Context c = vm.context();
        if (!(c instanceof StreamContext s)) {
            return vm.hostcallHint(
                    n,
                    WasmResult.OK,
                    String.format(NO_STREAM, c == null ? 0 : c.id()),
                    "status",
                    status);
        }
        FilterCallbacks http = s.http();
        if (http == null) {
            return vm.hostcallHint(n, WasmResult.OK, NOT_HTTP, "status", status);
        }
        if (!s.markLocalReplySent()) {
            return vm.hostcallHint(
                    n,
                    WasmResult.BAD_ARGUMENT,
                    "a local reply was already sent on this stream",
                    "status",
                    status);
        }
        List<Header> extra = headers;
        // Envoy's Context::sendLocalResponse takes 0..16 as the gRPC status of a gRPC request's
        // reply; the SDKs' -1 (and anything else) is none.
        long grpcStatus = a[7] & 0xffffffffL;
        vm.afterCall(() -> http.sendLocalReply(status, body, extra, details, grpcStatus));
        return vm.hostcallHint(
                n,
                WasmResult.OK,
                hint != null
                        ? hint
                        : "overrides this callback's result; the reply runs back through the response side of the chain",
                "status",
                status,
                "details",
                details,
                "body",
                new String(body, StandardCharsets.UTF_8),
                "headers",
                headers.size(),
                "grpc_status",
                grpc);
    }

    private static long getStatus(HostcallContext vm, long[] a) {
        Context c = vm.context();
        RootContext r = c == null ? null : c.root();
        if (r == null) {
            return vm.hostcall("proxy_get_status", WasmResult.NOT_FOUND);
        }
        vm.memory().writeU32((int) a[0], r.statusCode());
        vm.memory()
                .returnBytes(
                        r.statusMessage().getBytes(StandardCharsets.UTF_8), (int) a[1], (int) a[2]);
        return vm.hostcall(
                "proxy_get_status",
                WasmResult.OK,
                "code",
                r.statusCode(),
                "message",
                r.statusMessage());
    }
}

package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.state.Pairs;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.GrpcWire;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.callback.GrpcCallbacks;
import io.filterplayground.engine.wasm.callback.HttpCalloutCallbacks;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP and gRPC callouts. A callout belongs to the root context of the caller (proxy-wasm-abi
 * §4.5): its reply arrives as {@code proxy_on_http_call_response} on that root context, on the
 * caller's own loop, never inline.
 */
final class CalloutHostcalls {
    private CalloutHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_http_call", 10, CalloutHostcalls::httpCall),
                Hostcall.of("proxy_grpc_call", 12, CalloutHostcalls::grpcCall),
                Hostcall.of("proxy_grpc_stream", 9, CalloutHostcalls::grpcStream),
                Hostcall.of("proxy_grpc_send", 4, CalloutHostcalls::grpcSend),
                Hostcall.of("proxy_grpc_cancel", 1, (vm, a) -> grpcEnd(vm, (int) a[0], true)),
                Hostcall.of("proxy_grpc_close", 1, (vm, a) -> grpcEnd(vm, (int) a[0], false)));
    }

    private static long httpCall(HostcallContext vm, long[] a) {
        String n = "proxy_http_call";
        String upstream = vm.memory().readString((int) a[0], (int) a[1]);
        List<Header> headers = Pairs.parse(vm.memory().read((int) a[2], (int) a[3]));
        byte[] body = vm.memory().read((int) a[4], (int) a[5]);
        List<Header> trailers = Pairs.parse(vm.memory().read((int) a[6], (int) a[7]));
        long timeout = a[8] & 0xffffffffL;
        if (timeout > Integer.MAX_VALUE) {
            // Envoy's Context::httpCall takes the timeout as an int: negative is BadArgument.
            return vm.hostcall(n, WasmResult.BAD_ARGUMENT, "timeout_ms", (int) timeout);
        }
        Cluster cluster = vm.env().clusters().get(upstream);
        if (cluster == null) {
            return vm.hostcallHint(
                    n,
                    WasmResult.BAD_ARGUMENT,
                    "the upstream must be a cluster name; this scenario has "
                            + vm.env().clusters().all().keySet(),
                    "cluster",
                    upstream);
        }
        if (headers == null) {
            return vm.hostcallHint(
                    n,
                    WasmResult.BAD_ARGUMENT,
                    "malformed serialized headers",
                    "cluster",
                    upstream);
        }
        Headers h = Headers.of(headers);
        for (String required : new String[] {":method", ":path", ":authority"}) {
            if (!h.contains(required)) {
                return vm.hostcallHint(
                        n,
                        WasmResult.BAD_ARGUMENT,
                        "Envoy requires :method, :path and :authority; " + required + " is missing",
                        "cluster",
                        upstream,
                        "headers",
                        h.toString());
            }
        }
        if (body.length > 0 && !h.contains("content-length")) {
            List<Header> withLength = new ArrayList<>(h.entries());
            withLength.add(new Header("content-length", Integer.toString(body.length)));
            h = Headers.of(withLength);
        }
        Context c = vm.context();
        RootContext root = c.root();
        int token = vm.callouts().nextHttpCall(vm.frame().stream());
        vm.memory().writeU32((int) a[9], token);
        UpstreamCall call =
                new UpstreamCall(
                        h,
                        body,
                        trailers == null ? Headers.empty() : Headers.of(trailers),
                        timeout);
        root.calls()
                .put(
                        token,
                        cluster.send(
                                call,
                                vm.loop(),
                                r -> HttpCalloutCallbacks.response(root, token, r)));
        return vm.hostcallHint(
                n,
                WasmResult.OK,
                "the reply arrives as proxy_on_http_call_response on root context " + root.id(),
                "cluster",
                upstream,
                "method",
                h.first(":method").orElse(""),
                "path",
                h.first(":path").orElse(""),
                "timeout_ms",
                timeout,
                "token",
                token);
    }

    private static long grpcCall(HostcallContext vm, long[] a) {
        String n = "proxy_grpc_call";
        String upstream = vm.memory().readString((int) a[0], (int) a[1]);
        String service = vm.memory().readString((int) a[2], (int) a[3]);
        String method = vm.memory().readString((int) a[4], (int) a[5]);
        List<Header> metadata = Pairs.parse(vm.memory().read((int) a[6], (int) a[7]));
        byte[] message = vm.memory().read((int) a[8], (int) a[9]);
        long timeout = a[10] & 0xffffffffL;
        Cluster cluster = vm.env().clusters().get(upstream);
        if (cluster == null) {
            return vm.hostcallHint(
                    n,
                    WasmResult.PARSE_FAILURE,
                    "unknown cluster (Envoy: ParseFailure)",
                    "cluster",
                    upstream);
        }
        String hint = null;
        if (metadata == null) {
            // cpp-host's PairsUtil::toPairs reads malformed pairs as none.
            metadata = List.of();
            hint = "malformed serialized initial metadata: sent without metadata, as cpp-host does";
        }
        RootContext root = vm.context().root();
        int token = vm.callouts().nextGrpcCall(vm.frame().stream());
        vm.memory().writeU32((int) a[11], token);
        // Envoy's gRPC client sends the cluster name as the authority.
        UpstreamCall request =
                GrpcWire.request(upstream, service, method, Headers.of(metadata), message, timeout);
        GrpcCallbacks.open(root, token, cluster, request);
        return vm.hostcallHint(
                n,
                WasmResult.OK,
                hint,
                "cluster",
                upstream,
                "service",
                service,
                "method",
                method,
                "message_size",
                message.length,
                "timeout_ms",
                timeout,
                "token",
                token);
    }

    private static long grpcStream(HostcallContext vm, long[] a) {
        String n = "proxy_grpc_stream";
        String upstream = vm.memory().readString((int) a[0], (int) a[1]);
        String service = vm.memory().readString((int) a[2], (int) a[3]);
        String method = vm.memory().readString((int) a[4], (int) a[5]);
        vm.memory().check((int) a[6], (int) a[7]); // the initial metadata, as cpp-host reads it
        Cluster cluster = vm.env().clusters().get(upstream);
        if (cluster == null) {
            return vm.hostcallHint(
                    n,
                    WasmResult.PARSE_FAILURE,
                    "unknown cluster (Envoy: ParseFailure)",
                    "cluster",
                    upstream);
        }
        RootContext root = vm.context().root();
        int token = vm.callouts().nextGrpcStream(vm.frame().stream());
        vm.memory().writeU32((int) a[8], token);
        GrpcCallbacks.open(root, token, cluster, null);
        return vm.hostcall(
                n,
                WasmResult.OK,
                "cluster",
                upstream,
                "service",
                service,
                "method",
                method,
                "token",
                token);
    }

    private static long grpcSend(HostcallContext vm, long[] a) {
        int token = (int) a[0];
        byte[] message = vm.memory().read((int) a[1], (int) a[2]);
        boolean end = a[3] != 0;
        if ((token & 3) != 2) {
            return vm.hostcallHint(
                    "proxy_grpc_send",
                    WasmResult.BAD_ARGUMENT,
                    "not a gRPC stream token",
                    "token",
                    token);
        }
        RootContext root = vm.context().root();
        if (!GrpcCallbacks.send(root, token, end)) {
            return vm.hostcall("proxy_grpc_send", WasmResult.NOT_FOUND, "token", token);
        }
        return vm.hostcall(
                "proxy_grpc_send",
                WasmResult.OK,
                "token",
                token,
                "message_size",
                message.length,
                "end_stream",
                end);
    }

    /** Envoy's {@code Context::grpcCancel} / {@code grpcClose}. */
    private static long grpcEnd(HostcallContext vm, int token, boolean cancel) {
        String n = cancel ? "proxy_grpc_cancel" : "proxy_grpc_close";
        if ((token & 3) != 1 && (token & 3) != 2) {
            return vm.hostcallHint(
                    n, WasmResult.BAD_ARGUMENT, "not a gRPC call or stream token", "token", token);
        }
        RootContext root = vm.context().root();
        boolean known = GrpcCallbacks.end(root, token, cancel);
        return vm.hostcall(n, known ? WasmResult.OK : WasmResult.NOT_FOUND, "token", token);
    }
}

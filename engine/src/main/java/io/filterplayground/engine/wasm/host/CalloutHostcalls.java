package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.state.Pairs;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.GrpcStart;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.wasm.CalloutTokens;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.callback.GrpcCallbacks;
import io.filterplayground.engine.wasm.callback.HttpCalloutCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * HTTP and gRPC callouts. A callout belongs to the root context of the caller (cpp-host's
 * exports.cc makes every callout on {@code root_context()}): its reply arrives as {@code
 * proxy_on_http_call_response} or the gRPC callbacks on that root context, on the caller's own
 * loop, never inline.
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

    /** The cluster a gRPC call or stream goes to, or the hostcall's answer refusing it. */
    private record GrpcTarget(Cluster cluster, String name, long refusal) {}

    /**
     * Envoy's {@code Context::grpcCall} and {@code grpcStream}: a serialized GrpcService names its
     * {@code envoy_grpc} cluster (its {@code initial_metadata} is added to the call's); other bytes
     * are a cluster name, and an unknown one is ParseFailure. A GrpcService whose cluster does not
     * exist fails as Envoy's client does: the call is not made, the answer is InternalFailure, and
     * a token ({@code nextToken}) is still used up and closed with UNAVAILABLE "Cluster not
     * available" once the guest call returns ({@link GrpcCallbacks#closeUnavailableCluster}).
     */
    private static GrpcTarget grpcTarget(
            HostcallContext vm,
            String n,
            byte[] target,
            List<Header> metadata,
            IntSupplier nextToken) {
        GrpcServiceArg proto = GrpcServiceArg.parse(target);
        if (proto == null) {
            String name = new String(target, StandardCharsets.UTF_8);
            Cluster c = vm.env().clusters().get(name);
            return c != null
                    ? new GrpcTarget(c, name, 0)
                    : new GrpcTarget(
                            null,
                            name,
                            vm.hostcallHint(
                                    n,
                                    WasmResult.PARSE_FAILURE,
                                    "neither a serialized GrpcService nor a cluster name"
                                            + " (Envoy: ParseFailure)",
                                    "cluster",
                                    name));
        }
        Cluster c = proto.cluster() == null ? null : vm.env().clusters().get(proto.cluster());
        if (c == null) {
            String why;
            if (proto.googleGrpc()) {
                why = "a google_grpc GrpcService: the playground calls envoy_grpc clusters only";
            } else {
                RootContext root = vm.context().root();
                int token = nextToken.getAsInt();
                vm.afterCall(() -> GrpcCallbacks.closeUnavailableCluster(root, token));
                why =
                        "the GrpcService's envoy_grpc cluster does not exist: Envoy's client fails"
                                + " the call at once, and proxy_on_grpc_close(token "
                                + token
                                + ", 14 Unavailable \"Cluster not available\") still follows on"
                                + " root context "
                                + root.id()
                                + " for the token this call never handed out";
            }
            return new GrpcTarget(
                    null,
                    proto.cluster(),
                    vm.hostcallHint(
                            n,
                            WasmResult.INTERNAL_FAILURE,
                            why,
                            "cluster",
                            String.valueOf(proto.cluster())));
        }
        metadata.addAll(0, proto.initialMetadata());
        return new GrpcTarget(c, proto.cluster(), 0);
    }

    /**
     * The initial metadata of {@code proxy_grpc_call} and {@code proxy_grpc_stream}: malformed
     * pairs are none, as cpp-host's {@code PairsUtil::toPairs} reads them. Returns the hint for
     * malformed pairs, else null.
     */
    private static String metadata(HostcallContext vm, long ptr, long size, List<Header> out) {
        List<Header> pairs = Pairs.parse(vm.memory().read((int) ptr, (int) size));
        if (pairs == null) {
            return "malformed serialized initial metadata: sent without metadata, as cpp-host does";
        }
        out.addAll(pairs);
        return null;
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
        if (body.length > 0) {
            // Envoy's setContentLength: the body's length, whatever the module said.
            HeaderMap withLength = new HeaderMap(h);
            withLength.replace("content-length", Integer.toString(body.length));
            h = withLength.snapshot();
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
        byte[] target = vm.memory().read((int) a[0], (int) a[1]);
        String service = vm.memory().readString((int) a[2], (int) a[3]);
        String method = vm.memory().readString((int) a[4], (int) a[5]);
        List<Header> metadata = new ArrayList<>();
        String hint = metadata(vm, a[6], a[7], metadata);
        byte[] message = vm.memory().read((int) a[8], (int) a[9]);
        long timeout = a[10] & 0xffffffffL;
        GrpcTarget t =
                grpcTarget(
                        vm,
                        n,
                        target,
                        metadata,
                        () -> vm.callouts().nextGrpcCall(vm.frame().stream()));
        if (t.refusal() != 0) {
            return t.refusal();
        }
        Cluster cluster = t.cluster();
        String upstream = t.name();
        RootContext root = vm.context().root();
        int token = vm.callouts().nextGrpcCall(vm.frame().stream());
        vm.memory().writeU32((int) a[11], token);
        GrpcStart start = new GrpcStart(service, method, Headers.of(metadata), timeout);
        GrpcCallbacks.call(root, token, cluster, start, message);
        return vm.hostcallHint(
                n,
                WasmResult.OK,
                hint != null
                        ? hint
                        : "the answer arrives on root context "
                                + root.id()
                                + ": proxy_on_grpc_receive on success, proxy_on_grpc_close on"
                                + " failure",
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
        byte[] target = vm.memory().read((int) a[0], (int) a[1]);
        String service = vm.memory().readString((int) a[2], (int) a[3]);
        String method = vm.memory().readString((int) a[4], (int) a[5]);
        List<Header> metadata = new ArrayList<>();
        String hint = metadata(vm, a[6], a[7], metadata);
        GrpcTarget t =
                grpcTarget(
                        vm,
                        n,
                        target,
                        metadata,
                        () -> vm.callouts().nextGrpcStream(vm.frame().stream()));
        if (t.refusal() != 0) {
            return t.refusal();
        }
        Cluster cluster = t.cluster();
        String upstream = t.name();
        RootContext root = vm.context().root();
        int token = vm.callouts().nextGrpcStream(vm.frame().stream());
        vm.memory().writeU32((int) a[8], token);
        GrpcCallbacks.stream(
                root, token, cluster, new GrpcStart(service, method, Headers.of(metadata), 0));
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
                "token",
                token);
    }

    private static long grpcSend(HostcallContext vm, long[] a) {
        int token = (int) a[0];
        byte[] message = vm.memory().read((int) a[1], (int) a[2]);
        boolean end = a[3] != 0;
        if (!CalloutTokens.isGrpcStream(token)) {
            // Envoy's Context::grpcSend: only a stream's token (isGrpcStreamId) takes messages.
            return vm.hostcallHint(
                    "proxy_grpc_send",
                    WasmResult.BAD_ARGUMENT,
                    "not a gRPC stream's token: only streams take messages",
                    "token",
                    token);
        }
        RootContext root = vm.context().root();
        if (!GrpcCallbacks.send(root, token, message, end)) {
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

    /**
     * Envoy's {@code Context::grpcCancel} / {@code grpcClose}: a token of neither gRPC kind is
     * BadArgument; a call's or stream's token that is no open one of this root context is NotFound.
     */
    private static long grpcEnd(HostcallContext vm, int token, boolean cancel) {
        String n = cancel ? "proxy_grpc_cancel" : "proxy_grpc_close";
        if (!CalloutTokens.isGrpcCall(token) && !CalloutTokens.isGrpcStream(token)) {
            return vm.hostcallHint(
                    n,
                    WasmResult.BAD_ARGUMENT,
                    "not a gRPC call's or stream's token (Envoy reads the kind from its two low"
                            + " bits)",
                    "token",
                    token);
        }
        RootContext root = vm.context().root();
        boolean known =
                cancel ? GrpcCallbacks.cancel(root, token) : GrpcCallbacks.close(root, token);
        return vm.hostcall(n, known ? WasmResult.OK : WasmResult.NOT_FOUND, "token", token);
    }
}

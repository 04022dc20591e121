package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.GrpcReply;
import io.filterplayground.engine.upstream.GrpcWire;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.WasmVm;

/**
 * The gRPC callbacks on a root context: initial metadata, messages, trailing metadata and the
 * close. Mock clusters answer from their script; real clusters get unary calls over HTTP/2.
 */
public final class GrpcCallbacks {
    private GrpcCallbacks() {}

    /** An open gRPC call or stream of a root context. */
    public static final class Call {
        final Cluster cluster;
        boolean cancelled;

        Call(Cluster cluster) {
            this.cluster = cluster;
        }
    }

    /**
     * Opens a unary call ({@code request} is its wire form) or a stream ({@code request} null). A
     * mock cluster's script answers at once; a real cluster gets the unary call over HTTP/2.
     */
    public static void open(RootContext root, int token, Cluster cluster, UpstreamCall request) {
        Call s = new Call(cluster);
        root.grpc().put(token, s);
        root.calls().put(token, () -> s.cancelled = true);
        WasmVm vm = root.vm();
        GrpcReply reply = cluster.grpcReply();
        boolean stream = request == null;
        if (reply == null && !stream && cluster.speaksGrpc()) {
            Cluster.Cancel call =
                    cluster.send(
                            request,
                            vm.loop(),
                            r -> {
                                if (!s.cancelled) {
                                    unaryReply(root, token, GrpcWire.reply(r));
                                }
                            });
            root.calls()
                    .put(
                            token,
                            () -> {
                                s.cancelled = true;
                                call.cancel();
                            });
            return;
        }
        vm.loop()
                .execute(
                        () -> {
                            if (s.cancelled) {
                                return;
                            }
                            if (reply == null) {
                                close(root, token, GrpcWire.UNAVAILABLE, noScript(cluster));
                            } else if (stream) {
                                deliver(
                                        root,
                                        token,
                                        Callback.GRPC_RECEIVE_INITIAL_METADATA,
                                        reply.initialMetadata(),
                                        null);
                            } else {
                                unaryReply(root, token, reply);
                            }
                        });
    }

    private static String noScript(Cluster cluster) {
        return cluster.speaksGrpc()
                ? "cluster '"
                        + cluster.name()
                        + "' is a real upstream: the playground sends unary gRPC calls to it, but"
                        + " streams only to mock clusters with a grpc: script"
                : "cluster '"
                        + cluster.name()
                        + "' has no gRPC script (mock clusters answer gRPC from grpc:)";
    }

    /** A unary call's answer, in Envoy's order: metadata, the message, trailers, the close. */
    private static void unaryReply(RootContext root, int token, GrpcReply reply) {
        deliver(root, token, Callback.GRPC_RECEIVE_INITIAL_METADATA, reply.initialMetadata(), null);
        if (reply.response() != null) {
            deliver(root, token, Callback.GRPC_RECEIVE, null, reply.response());
        }
        finish(root, token, reply);
    }

    /** The end of a call or stream: trailing metadata, then the close with the status. */
    private static void finish(RootContext root, int token, GrpcReply reply) {
        deliver(
                root,
                token,
                Callback.GRPC_RECEIVE_TRAILING_METADATA,
                reply.trailingMetadata(),
                null);
        close(root, token, reply.status(), reply.message());
    }

    /** {@code proxy_grpc_send}: false when the token is unknown. */
    public static boolean send(RootContext root, int token, boolean end) {
        Call s = root.grpc().get(token);
        if (s == null) {
            return false;
        }
        GrpcReply reply = s.cluster.grpcReply();
        root.vm()
                .loop()
                .execute(
                        () -> {
                            if (s.cancelled || reply == null) {
                                return;
                            }
                            deliver(root, token, Callback.GRPC_RECEIVE, null, reply.response());
                            if (end) {
                                finish(root, token, reply);
                            }
                        });
        return true;
    }

    /** {@code proxy_grpc_cancel} ({@code cancel}) or {@code proxy_grpc_close}. */
    public static boolean end(RootContext root, int token, boolean cancel) {
        Call s = root.grpc().get(token);
        if (s == null) {
            return false;
        }
        if (cancel) {
            s.cancelled = true;
            root.grpc().remove(token);
            root.vm().callouts().take(token);
            Cluster.Cancel call = root.calls().remove(token);
            if (call != null) {
                call.cancel();
            }
        } else {
            GrpcReply reply = s.cluster.grpcReply();
            root.vm()
                    .loop()
                    .execute(
                            () -> {
                                if (!s.cancelled) {
                                    close(
                                            root,
                                            token,
                                            reply == null ? 0 : reply.status(),
                                            reply == null ? "" : reply.message());
                                }
                            });
        }
        return true;
    }

    private static void deliver(
            RootContext root, int token, Callback cb, Headers metadata, byte[] message) {
        WasmVm vm = root.vm();
        if (!root.live() || !vm.exports(cb)) {
            return;
        }
        if (metadata != null && metadata.isEmpty()) {
            return;
        }
        CallData.Answer data =
                new CallData.Answer(
                        cb == Callback.GRPC_RECEIVE_INITIAL_METADATA ? metadata : null,
                        message == null ? null : new Buffer(message),
                        cb == Callback.GRPC_RECEIVE_TRAILING_METADATA ? metadata : null);
        long n = message != null ? message.length : metadata.size();
        RootCalls.call(vm.callouts().stream(token), root, cb, data, token, n);
    }

    private static void close(RootContext root, int token, int status, String message) {
        root.grpc().remove(token);
        root.calls().remove(token);
        WasmVm vm = root.vm();
        StreamCallbacks stream = vm.callouts().take(token);
        if (!root.live() || !vm.exports(Callback.GRPC_CLOSE)) {
            return;
        }
        root.setStatus(status, message == null ? "" : message);
        RootCalls.call(stream, root, Callback.GRPC_CLOSE, null, token, status);
    }
}

package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.runtime.Cancellable;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.GrpcReply;
import io.filterplayground.engine.upstream.GrpcWire;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.upstream.UpstreamResult;
import java.util.Map;

/**
 * Events delivered to root contexts on their VM's own loop: ticks, callout replies, gRPC messages
 * and queue notifications. Events for a VM that failed or was replaced are dropped, as Envoy drops
 * them with the VM.
 */
public final class RootEvents {
    /** Envoy reports a failed callout through proxy_get_status as BrokenConnection "reset". */
    private static final int BROKEN_CONNECTION = 11;

    private RootEvents() {}

    /** Arms (or with 0, disarms) the root context's single periodic timer. */
    public static void armTick(RootContext root, long periodMillis) {
        WasmVm vm = root.vm();
        if (periodMillis == 0) {
            root.setTickPeriod(0, null);
            return;
        }
        Cancellable timer =
                vm.env().clock().schedule(vm.loop(), periodMillis * 1_000_000L, () -> tick(root));
        root.setTickPeriod(periodMillis, timer);
    }

    static void tick(RootContext root) {
        WasmVm vm = root.vm();
        if (!live(root) || root.tickPeriodMillis() == 0) {
            return;
        }
        try {
            vm.call(Callback.TICK, root, root.id());
        } catch (FilterTrapException e) {
            Traps.report(
                    vm,
                    root,
                    Callback.TICK,
                    e,
                    0,
                    Traps.laterStreams(root.plugin()) + "; its timer stops");
            root.setTickPeriod(0, null);
            return;
        }
        // Envoy re-arms the timer after each proxy_on_tick with the current period.
        if (root.tickPeriodMillis() > 0 && live(root)) {
            armTick(root, root.tickPeriodMillis());
        }
    }

    public static void httpCallResponse(RootContext root, int token, UpstreamResult result) {
        root.calls().remove(token);
        WasmVm vm = root.vm();
        FilterCallbacks stream = vm.takeCalloutStream(token);
        if (!live(root) || !vm.exports(Callback.HTTP_CALL_RESPONSE)) {
            return;
        }
        long nh;
        long nb;
        long nt;
        if (result.ok()) {
            root.calloutHeaders = result.headers();
            root.calloutBody = result.body();
            root.calloutTrailers = result.trailers();
            root.setStatus(0, "");
            nh = result.headers().size();
            nb = root.calloutBody.length;
            nt = result.trailers().size();
        } else {
            // A failed call arrives with zero headers (proxy-wasm-abi §4.5).
            root.calloutHeaders = Headers.empty();
            root.calloutBody = new byte[0];
            root.calloutTrailers = Headers.empty();
            root.setStatus(BROKEN_CONNECTION, "reset");
            vm.vmEvent("callout-failed", "token " + token + ": " + result.message());
            nh = 0;
            nb = 0;
            nt = 0;
        }
        try {
            callFor(stream, root, Callback.HTTP_CALL_RESPONSE, root.id(), token, nh, nb, nt);
        } finally {
            root.calloutHeaders = null;
            root.calloutBody = null;
            root.calloutTrailers = null;
        }
    }

    /**
     * Calls a root context on behalf of the stream that made a callout (null: none): the events
     * belong to that stream's trace, the time to that filter (a trap is reported, not thrown).
     * {@code args} are the callback's, the root context id first.
     */
    private static void callFor(
            FilterCallbacks stream, RootContext root, Callback cb, long... args) {
        WasmVm vm = root.vm();
        Runnable call =
                () -> {
                    try {
                        vm.call(stream, cb, root, args);
                    } catch (FilterTrapException e) {
                        Traps.report(vm, root, cb, e, 0, Traps.laterStreams(root.plugin()));
                    }
                };
        if (stream != null) {
            stream.attribute(call);
        } else {
            call.run();
        }
    }

    public static void queueReady(RootContext root, int token) {
        WasmVm vm = root.vm();
        if (!live(root) || !vm.exports(Callback.QUEUE_READY)) {
            return;
        }
        try {
            vm.call(Callback.QUEUE_READY, root, root.id(), token);
        } catch (FilterTrapException e) {
            Traps.report(vm, root, Callback.QUEUE_READY, e, 0, Traps.laterStreams(root.plugin()));
        }
    }

    /** Completes a root context whose proxy_on_done returned false, once it calls proxy_done. */
    public static void finishDone(RootContext root) {
        WasmVm vm = root.vm();
        try {
            vm.call(Callback.DELETE, root, root.id());
        } catch (FilterTrapException e) {
            Traps.report(vm, root, Callback.DELETE, e, 0, Traps.laterStreams(root.plugin()));
        }
        vm.forget(root);
    }

    private static boolean live(RootContext root) {
        WasmVm vm = root.vm();
        return vm.state() == WasmVm.State.RUNNING && vm.context(root.id()) == root;
    }

    // ---- gRPC: scripted replies from mock clusters, unary calls to real ones ---------------

    /** An open gRPC call or stream of a root context. */
    static final class GrpcState {
        final Cluster cluster;
        boolean cancelled;

        GrpcState(Cluster cluster) {
            this.cluster = cluster;
        }
    }

    private static Map<Integer, GrpcState> grpc(RootContext root) {
        return root.grpc;
    }

    /**
     * Opens a unary call ({@code request} is its wire form) or a stream ({@code request} null). A
     * mock cluster's script answers at once; a real cluster gets the unary call over HTTP/2.
     */
    public static void grpcCall(
            RootContext root, int token, Cluster cluster, UpstreamCall request) {
        GrpcState s = new GrpcState(cluster);
        grpc(root).put(token, s);
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

    public static boolean grpcSend(RootContext root, int token, boolean end) {
        GrpcState s = grpc(root).get(token);
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

    public static boolean grpcEnd(RootContext root, int token, boolean cancel) {
        GrpcState s = grpc(root).get(token);
        if (s == null) {
            return false;
        }
        if (cancel) {
            s.cancelled = true;
            grpc(root).remove(token);
            root.vm().takeCalloutStream(token);
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
        if (!live(root) || !vm.exports(cb)) {
            return;
        }
        if (metadata != null && metadata.isEmpty()) {
            return;
        }
        root.calloutHeaders = cb == Callback.GRPC_RECEIVE_INITIAL_METADATA ? metadata : null;
        root.calloutTrailers = cb == Callback.GRPC_RECEIVE_TRAILING_METADATA ? metadata : null;
        root.calloutBody = message;
        long n = message != null ? message.length : metadata.size();
        try {
            callFor(vm.calloutStream(token), root, cb, root.id(), token, n);
        } finally {
            root.calloutHeaders = null;
            root.calloutTrailers = null;
            root.calloutBody = null;
        }
    }

    private static void close(RootContext root, int token, int status, String message) {
        grpc(root).remove(token);
        root.calls().remove(token);
        WasmVm vm = root.vm();
        FilterCallbacks stream = vm.takeCalloutStream(token);
        if (!live(root) || !vm.exports(Callback.GRPC_CLOSE)) {
            return;
        }
        root.setStatus(status, message == null ? "" : message);
        callFor(stream, root, Callback.GRPC_CLOSE, root.id(), token, status);
    }
}

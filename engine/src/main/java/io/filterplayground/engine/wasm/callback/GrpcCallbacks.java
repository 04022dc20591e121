package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.GrpcRequest;
import io.filterplayground.engine.upstream.GrpcStart;
import io.filterplayground.engine.upstream.GrpcStream;
import io.filterplayground.engine.upstream.GrpcStreamCallbacks;
import io.filterplayground.engine.upstream.GrpcWire;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.WasmVm;

/**
 * gRPC calls and streams of a root context and their callbacks, as Envoy's {@code Context}
 * (source/extensions/common/wasm/context.cc) keeps them. A unary call ({@code
 * GrpcCallClientHandler}) ends with {@code proxy_on_grpc_receive} alone on success, or {@code
 * proxy_on_grpc_close} alone on failure. A stream ({@code GrpcStreamClientHandler}) gets the
 * initial metadata (also when empty), each message, the trailing metadata and the close; {@code
 * proxy_grpc_close} only half-closes it, and it is forgotten once both sides are closed. {@code
 * proxy_grpc_cancel} (and {@code proxy_grpc_close} of a unary call) ends it with no callback.
 */
public final class GrpcCallbacks {
    private GrpcCallbacks() {}

    /** An open gRPC call (a {@link GrpcRequest}) or stream (a {@link GrpcStream}). */
    public static final class Call {
        private GrpcRequest request;
        private GrpcStream stream;
        private boolean cancelled;
        private boolean localClosed;
        private boolean remoteClosed;

        private void cancel() {
            cancelled = true;
            if (request != null) {
                request.cancel();
            } else if (stream != null) {
                stream.resetStream();
            }
        }
    }

    /** {@code proxy_grpc_call}: a unary call; its answer comes on the root context. */
    public static void call(
            RootContext root, int token, Cluster cluster, GrpcStart start, byte[] message) {
        Call c = register(root, token);
        c.request =
                GrpcRequest.send(
                        cluster,
                        start,
                        message,
                        root.vm().loop(),
                        new GrpcRequest.Callbacks() {
                            @Override
                            public void onSuccess(byte[] response) {
                                if (!c.cancelled) {
                                    root.calls().remove(token);
                                    deliver(root, token, Callback.GRPC_RECEIVE, null, response);
                                    forget(root, token, c);
                                }
                            }

                            @Override
                            public void onFailure(int status, String message) {
                                if (!c.cancelled) {
                                    root.calls().remove(token);
                                    close(root, token, status, message);
                                    forget(root, token, c);
                                }
                            }
                        });
    }

    /** {@code proxy_grpc_stream}: a stream; its answers come on the root context. */
    public static void stream(RootContext root, int token, Cluster cluster, GrpcStart start) {
        Call c = register(root, token);
        c.stream = cluster.startGrpc(start, root.vm().loop(), new StreamHandler(root, token, c));
    }

    /** Envoy's {@code GrpcStreamClientHandler}: every answer of a stream, until it is cancelled. */
    private record StreamHandler(RootContext root, int token, Call c)
            implements GrpcStreamCallbacks {
        @Override
        public void onReceiveInitialMetadata(Headers metadata) {
            deliverOpen(Callback.GRPC_RECEIVE_INITIAL_METADATA, metadata, null);
        }

        @Override
        public void onReceiveMessage(byte[] message) {
            deliverOpen(Callback.GRPC_RECEIVE, null, message);
        }

        @Override
        public void onReceiveTrailingMetadata(Headers metadata) {
            deliverOpen(Callback.GRPC_RECEIVE_TRAILING_METADATA, metadata, null);
        }

        @Override
        public void onRemoteClose(int status, String message) {
            if (c.cancelled) {
                return;
            }
            c.remoteClosed = true;
            root.calls().remove(token);
            close(root, token, status, message);
            if (c.localClosed) {
                forget(root, token, c);
            }
        }

        private void deliverOpen(Callback cb, Headers metadata, byte[] message) {
            if (!c.cancelled) {
                deliver(root, token, cb, metadata, message);
            }
        }
    }

    /**
     * A call or stream whose GrpcService names a cluster that does not exist. Envoy's client fails
     * it inside the hostcall ({@code AsyncStreamImpl::initialize}: UNAVAILABLE "Cluster not
     * available"), the hostcall answers InternalFailure without handing out the token, and the
     * close, deferred until the guest call returns ({@code Context::onGrpcCloseWrapper}), still
     * arrives for that token. Run it after the guest call.
     */
    public static void closeUnavailableCluster(RootContext root, int token) {
        close(root, token, GrpcWire.UNAVAILABLE, "Cluster not available");
        root.vm().callouts().take(token);
    }

    private static Call register(RootContext root, int token) {
        Call c = new Call();
        root.grpc().put(token, c);
        // Cancelled with the root context, as Envoy's ~Context cancels and resets them.
        root.calls().put(token, c::cancel);
        return c;
    }

    /**
     * Forgets a finished call or stream after its last callback, as Envoy erases its handler only
     * once the callback returned (a module may still cancel or close the token inside it).
     */
    private static void forget(RootContext root, int token, Call c) {
        root.grpc().remove(token, c);
        root.vm().callouts().take(token);
    }

    /**
     * {@code proxy_grpc_send} on a stream: false when the token is unknown. After the local close
     * the message goes nowhere (Envoy's HTTP stream has ended).
     */
    public static boolean send(RootContext root, int token, byte[] message, boolean end) {
        Call c = root.grpc().get(token);
        if (c == null || c.stream == null) {
            return false;
        }
        if (!c.localClosed && !c.remoteClosed) {
            c.stream.sendMessage(message, end);
            c.localClosed = end;
        }
        return true;
    }

    /**
     * {@code proxy_grpc_close}: a unary call is cancelled; a stream is half-closed and forgotten
     * once the server has closed too ({@code Context::grpcClose}). False when the token is unknown.
     */
    public static boolean close(RootContext root, int token) {
        Call c = root.grpc().get(token);
        if (c == null) {
            return false;
        }
        if (c.request != null) {
            return cancel(root, token);
        }
        if (!c.localClosed && !c.remoteClosed) {
            c.stream.closeStream();
        }
        c.localClosed = true;
        if (c.remoteClosed) {
            forget(root, token, c);
        }
        return true;
    }

    /** {@code proxy_grpc_cancel}: ends the call or stream; no callback follows. */
    public static boolean cancel(RootContext root, int token) {
        Call c = root.grpc().remove(token);
        if (c == null) {
            return false;
        }
        root.calls().remove(token);
        root.vm().callouts().take(token);
        c.cancel();
        return true;
    }

    /** Envoy calls the metadata callbacks even for empty metadata (zero elements). */
    private static void deliver(
            RootContext root, int token, Callback cb, Headers metadata, byte[] message) {
        WasmVm vm = root.vm();
        if (!root.live() || !vm.exports(cb)) {
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

    /**
     * {@code proxy_on_grpc_close}: {@code proxy_get_status} gives the status and message during the
     * call; afterwards the code stays and the message is cleared ({@code onGrpcCloseWrapper}).
     */
    private static void close(RootContext root, int token, int status, String message) {
        WasmVm vm = root.vm();
        if (!root.live() || !vm.exports(Callback.GRPC_CLOSE)) {
            return;
        }
        root.setStatus(status, message == null ? "" : message);
        RootCalls.call(vm.callouts().stream(token), root, Callback.GRPC_CLOSE, null, token, status);
        root.setStatus(status, "");
    }
}

package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;
import java.util.concurrent.Executor;

/**
 * A unary gRPC call over a stream, as Envoy's {@code Grpc::AsyncRequestImpl} makes one: the request
 * message with the half-close, the metadata ignored, the last message kept, and at the remote close
 * either {@code onSuccess} (status OK with a message) or {@code onFailure} (any other status; OK
 * without a message is INTERNAL).
 */
public final class GrpcRequest implements GrpcStreamCallbacks {
    /** Envoy's {@code RawAsyncRequestCallbacks}: exactly one of the two, once. */
    public interface Callbacks {
        void onSuccess(byte[] response);

        void onFailure(int status, String message);
    }

    private final Callbacks callbacks;
    private GrpcStream stream;
    private byte[] response;

    private GrpcRequest(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    /** Sends the call; the answer reaches {@code callbacks} on {@code loop}. */
    public static GrpcRequest send(
            Cluster cluster, GrpcStart start, byte[] request, Executor loop, Callbacks callbacks) {
        GrpcRequest r = new GrpcRequest(callbacks);
        r.stream = cluster.startGrpc(start, loop, r);
        r.stream.sendMessage(request, true);
        return r;
    }

    /** Cancels the call: no callback follows. */
    public void cancel() {
        stream.resetStream();
    }

    @Override
    public void onReceiveInitialMetadata(Headers metadata) {}

    @Override
    public void onReceiveMessage(byte[] message) {
        response = message;
    }

    @Override
    public void onReceiveTrailingMetadata(Headers metadata) {}

    @Override
    public void onRemoteClose(int status, String message) {
        if (status != GrpcWire.OK) {
            callbacks.onFailure(status, message);
        } else if (response == null) {
            callbacks.onFailure(GrpcWire.INTERNAL, "");
        } else {
            callbacks.onSuccess(response);
        }
    }
}

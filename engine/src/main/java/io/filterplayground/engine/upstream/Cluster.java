package io.filterplayground.engine.upstream;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** An upstream by name (Envoy cluster). Answers arrive on the caller's loop, never inline. */
public interface Cluster {
    String name();

    /** Sends the call; {@code onResult} runs later on {@code loop}. Returns a handle to cancel. */
    Cancel send(UpstreamCall call, Executor loop, Consumer<UpstreamResult> onResult);

    /**
     * Opens a gRPC stream (a unary call is one message and the half-close, {@link GrpcRequest});
     * its answers reach {@code callbacks} on {@code loop}, never inline.
     */
    GrpcStream startGrpc(GrpcStart start, Executor loop, GrpcStreamCallbacks callbacks);

    /** Cancels an outstanding call; its result is then never delivered. */
    @FunctionalInterface
    interface Cancel {
        void cancel();
    }
}

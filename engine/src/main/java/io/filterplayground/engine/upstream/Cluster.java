package io.filterplayground.engine.upstream;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** An upstream by name (Envoy cluster). Answers arrive on the caller's loop, never inline. */
public interface Cluster {
    String name();

    /** Sends the call; {@code onResult} runs later on {@code loop}. Returns a handle to cancel. */
    Cancel send(UpstreamCall call, Executor loop, Consumer<UpstreamResult> onResult);

    /** A scripted gRPC reply, or null when this cluster has none. */
    default GrpcReply grpcReply() {
        return null;
    }

    /** Whether unary gRPC calls can be sent to this cluster over the wire ({@link GrpcWire}). */
    default boolean speaksGrpc() {
        return false;
    }

    /** Cancels an outstanding call; its result is then never delivered. */
    @FunctionalInterface
    interface Cancel {
        void cancel();
    }
}

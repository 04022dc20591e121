package io.filterplayground.engine.upstream;

/**
 * An open gRPC stream to a cluster (Envoy's {@code Grpc::RawAsyncStream}). Called on the owner's
 * loop; the answers arrive through {@link GrpcStreamCallbacks}.
 */
public interface GrpcStream {
    /** Sends one message, framed by the stream; {@code endStream} half-closes after it. */
    void sendMessage(byte[] message, boolean endStream);

    /** Half-closes the local side (an empty end of stream); the server's answers still come. */
    void closeStream();

    /** Resets the stream: nothing more is sent or delivered. */
    void resetStream();
}

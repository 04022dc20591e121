package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;

/**
 * What a gRPC stream tells its owner, always on the owner's loop (Envoy's {@code
 * Grpc::RawAsyncStreamCallbacks}): the initial metadata, each message, the trailing metadata, then
 * the remote close with its status. Nothing comes after the remote close or a reset.
 */
public interface GrpcStreamCallbacks {
    void onReceiveInitialMetadata(Headers metadata);

    void onReceiveMessage(byte[] message);

    void onReceiveTrailingMetadata(Headers metadata);

    void onRemoteClose(int status, String message);
}

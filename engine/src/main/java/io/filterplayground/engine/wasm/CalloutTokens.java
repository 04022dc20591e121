package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.StreamCallbacks;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens for a VM's HTTP callouts, gRPC calls and gRPC streams, numbered as Envoy numbers them
 * (each kind advances by 4 from its own start, so the low bits tell the kind apart), and the stream
 * each was made for, so its answer belongs to that stream's trace.
 */
public final class CalloutTokens {
    private final Map<Integer, StreamCallbacks> streams = new HashMap<>();
    private int http;
    private int grpcCall = 1;
    private int grpcStream = 2;

    /** A token for an HTTP callout made now by {@code stream} (null: by a root context). */
    public int nextHttpCall(StreamCallbacks stream) {
        http += 4;
        return remember(http, stream);
    }

    public int nextGrpcCall(StreamCallbacks stream) {
        grpcCall += 4;
        return remember(grpcCall, stream);
    }

    public int nextGrpcStream(StreamCallbacks stream) {
        grpcStream += 4;
        return remember(grpcStream, stream);
    }

    private int remember(int token, StreamCallbacks stream) {
        if (stream != null) {
            streams.put(token, stream);
        }
        return token;
    }

    /** The stream that made the callout with this token, or null. */
    public StreamCallbacks stream(int token) {
        return streams.get(token);
    }

    /** As {@link #stream}, and forgets it: the callout is over. */
    public StreamCallbacks take(int token) {
        return streams.remove(token);
    }
}

package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.StreamCallbacks;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens for a VM's HTTP callouts, gRPC calls and gRPC streams, numbered as Envoy numbers them:
 * proxy-wasm-cpp-host's {@code WasmBase} keeps one counter per kind for the whole VM, stepping by 4
 * from the kind's number, so the two low bits tell the kind (include/proxy-wasm/wasm.h, {@code
 * nextHttpCallId}, {@code nextGrpcCallId}, {@code nextGrpcStreamId}): HTTP callouts 4, 8, 12...,
 * gRPC calls 5, 9, 13..., gRPC streams 6, 10, 14.... Envoy's {@code Context} tells the kinds apart
 * by those bits ({@link #isGrpcCall}, {@link #isGrpcStream}). Also remembers the stream each
 * callout was made for, so its answer belongs to that stream's trace.
 */
public final class CalloutTokens {
    private static final int KIND_MASK = 0x3;
    private static final int INCREMENT = 0x4;
    private static final int HTTP_CALL = 0;
    private static final int GRPC_CALL = 1;
    private static final int GRPC_STREAM = 2;

    private final Map<Integer, StreamCallbacks> streams = new HashMap<>();
    private int lastHttp = HTTP_CALL;
    private int lastGrpcCall = GRPC_CALL;
    private int lastGrpcStream = GRPC_STREAM;

    /** Envoy's {@code isGrpcCallId}: a unary gRPC call's token. */
    public static boolean isGrpcCall(int token) {
        return (token & KIND_MASK) == GRPC_CALL;
    }

    /** Envoy's {@code isGrpcStreamId}: a gRPC stream's token. */
    public static boolean isGrpcStream(int token) {
        return (token & KIND_MASK) == GRPC_STREAM;
    }

    /** A token for an HTTP callout made now by {@code stream} (null: by a root context). */
    public int nextHttpCall(StreamCallbacks stream) {
        lastHttp += INCREMENT;
        remember(lastHttp, stream);
        return lastHttp;
    }

    /** A token for a unary gRPC call. */
    public int nextGrpcCall(StreamCallbacks stream) {
        lastGrpcCall += INCREMENT;
        remember(lastGrpcCall, stream);
        return lastGrpcCall;
    }

    /** A token for a gRPC stream. */
    public int nextGrpcStream(StreamCallbacks stream) {
        lastGrpcStream += INCREMENT;
        remember(lastGrpcStream, stream);
        return lastGrpcStream;
    }

    private void remember(int token, StreamCallbacks stream) {
        if (stream != null) {
            streams.put(token, stream);
        }
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

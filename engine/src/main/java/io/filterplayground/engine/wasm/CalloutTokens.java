package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.StreamCallbacks;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens for a VM's HTTP callouts, gRPC calls and gRPC streams, numbered as Envoy's {@code Context}
 * numbers them (source/extensions/common/wasm/context.cc): HTTP callouts 1, 2, 3... ({@code
 * nextHttpCallToken}); gRPC calls and streams share one counter, calls taking the odd numbers and
 * streams the even ones ({@code nextGrpcCallToken}, {@code nextGrpcStreamToken}), so an HTTP and a
 * gRPC token can be equal. Envoy counts per root context; here the VM counts, which is the same for
 * a VM with one plugin. Also remembers the stream each callout was made for, so its answer belongs
 * to that stream's trace; {@link #httpKey} and {@link #grpcKey} keep the two kinds apart.
 */
public final class CalloutTokens {
    private final Map<Long, StreamCallbacks> streams = new HashMap<>();
    private int nextHttp = 1;
    private int nextGrpc = 1;

    /** The key of an HTTP callout's token, in maps that hold both kinds. */
    public static long httpKey(int token) {
        return Integer.toUnsignedLong(token);
    }

    /** The key of a gRPC call's or stream's token, in maps that hold both kinds. */
    public static long grpcKey(int token) {
        return (1L << 32) | Integer.toUnsignedLong(token);
    }

    /** A token for an HTTP callout made now by {@code stream} (null: by a root context). */
    public int nextHttpCall(StreamCallbacks stream) {
        int token = nextHttp++;
        if (token == 0) {
            token = nextHttp++;
        }
        remember(httpKey(token), stream);
        return token;
    }

    /** The next odd token of the gRPC counter. */
    public int nextGrpcCall(StreamCallbacks stream) {
        int token = nextGrpc++;
        if ((token & 1) == 0) {
            token = nextGrpc++;
        }
        remember(grpcKey(token), stream);
        return token;
    }

    /** The next even (never 0) token of the gRPC counter. */
    public int nextGrpcStream(StreamCallbacks stream) {
        int token = nextGrpc++;
        if ((token & 1) != 0) {
            token = nextGrpc++;
        }
        if (token == 0) {
            nextGrpc++;
            token = nextGrpc++;
        }
        remember(grpcKey(token), stream);
        return token;
    }

    private void remember(long key, StreamCallbacks stream) {
        if (stream != null) {
            streams.put(key, stream);
        }
    }

    /** The stream that made the callout with this key, or null. */
    public StreamCallbacks stream(long key) {
        return streams.get(key);
    }

    /** As {@link #stream}, and forgets it: the callout is over. */
    public StreamCallbacks take(long key) {
        return streams.remove(key);
    }
}

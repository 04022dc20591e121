package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.MapType;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.StreamCallbacks;

/**
 * A stream context: one HTTP stream's, or one TCP connection's, view of one plugin (Envoy uses the
 * same context for both; which callbacks and maps exist tells them apart).
 */
public final class StreamContext extends Context {
    private final RootContext root;
    private final StreamCallbacks stream;
    private boolean localReplySent;

    /**
     * The stream's header and trailer maps this context holds now, one bit per {@link MapType}
     * ordinal. Envoy's {@code Context} keeps a pointer to each map ({@code request_headers_}...):
     * set when the filter's callback for it starts ({@code decodeHeaders}...), dropped when that
     * callback returns Continue and, for the request's maps, when the filter calls {@code
     * proxy_continue_stream} ({@code Context::continueStream}). A map not held is not there for the
     * filter's hostcalls. A byte (only the four stream maps are held) keeps the context at 32
     * bytes.
     */
    private byte heldMaps;

    StreamContext(int id, WasmVm vm, RootContext root, StreamCallbacks stream) {
        super(id, vm);
        this.root = root;
        this.stream = stream;
    }

    @Override
    public RootContext root() {
        return root;
    }

    public StreamCallbacks stream() {
        return stream;
    }

    /** The HTTP stream, or null for a TCP connection's context. */
    public FilterCallbacks http() {
        return stream instanceof FilterCallbacks f ? f : null;
    }

    /** The TCP connection, or null for an HTTP stream's context. */
    public ConnectionCallbacks connection() {
        return stream instanceof ConnectionCallbacks c ? c : null;
    }

    /** The map's callback is about to run: the filter may use the map. */
    public void hold(MapType map) {
        heldMaps |= (byte) (1 << map.ordinal());
    }

    /** The map's callback returned Continue: Envoy forgets the map. */
    public void release(MapType map) {
        heldMaps &= (byte) ~(1 << map.ordinal());
    }

    /** {@code proxy_continue_stream} (request or response) drops the request's maps. */
    public void releaseRequestMaps() {
        release(MapType.HTTP_REQUEST_HEADERS);
        release(MapType.HTTP_REQUEST_TRAILERS);
    }

    public boolean holds(MapType map) {
        return (heldMaps & (1 << map.ordinal())) != 0;
    }

    /** Marks a local reply sent; false if one already was (Envoy answers BadArgument then). */
    public boolean markLocalReplySent() {
        if (localReplySent) {
            return false;
        }
        localReplySent = true;
        return true;
    }
}

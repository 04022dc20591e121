package io.filterplayground.engine.wasm;

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

    /** Marks a local reply sent; false if one already was (Envoy answers BadArgument then). */
    public boolean markLocalReplySent() {
        if (localReplySent) {
            return false;
        }
        localReplySent = true;
        return true;
    }
}

package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.FilterCallbacks;

/** A stream context: one HTTP stream's view of one plugin. */
public final class StreamContext extends Context {
    private final RootContext root;
    private final FilterCallbacks stream;
    private boolean localReplySent;

    StreamContext(int id, WasmVm vm, RootContext root, FilterCallbacks stream) {
        super(id, vm);
        this.root = root;
        this.stream = stream;
    }

    @Override
    public RootContext root() {
        return root;
    }

    public FilterCallbacks stream() {
        return stream;
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

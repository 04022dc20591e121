package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;

/** A stream context: one HTTP stream's view of one plugin. */
public final class StreamContext extends Context {
    private final RootContext root;
    private final FilterCallbacks stream;

    /** The body handed to the running body callback (the data buffered at this filter). */
    Buffer requestBody;

    Buffer responseBody;
    boolean bodyEndOfStream;
    boolean inLog;
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

    /** The request body readable now: the running callback's, else what this filter holds. */
    public Buffer requestBody() {
        return requestBody != null ? requestBody : stream.bufferedRequestBody();
    }

    public Buffer responseBody() {
        return responseBody != null ? responseBody : stream.bufferedResponseBody();
    }

    /** Whether the running body callback carries end of stream (trailers may be added then). */
    public boolean bodyEndOfStream() {
        return bodyEndOfStream;
    }

    /** Marks a local reply sent; false if one already was (Envoy answers BadArgument then). */
    public boolean markLocalReplySent() {
        if (localReplySent) {
            return false;
        }
        localReplySent = true;
        return true;
    }

    public boolean inLog() {
        return inLog;
    }
}

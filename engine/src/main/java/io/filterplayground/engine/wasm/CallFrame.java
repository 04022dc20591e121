package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.BufferType;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.StreamCallbacks;

/**
 * One guest call in progress on a VM: the callback, the context it is made on (and the one the
 * guest switched to with {@code proxy_set_effective_context}), the stream it concerns, and the data
 * readable only during it. The VM pushes a frame for each call and pops it when the call returns;
 * frames are reused by depth, so a call allocates none.
 */
public final class CallFrame {
    private static final Callback[] CALLBACKS = Callback.values();

    /**
     * The callback's ordinal, -1 for none: an int, since storing even an old object's reference
     * into a frame runs G1's barrier.
     */
    private int callback = -1;

    Context context;
    Context effective;
    StreamCallbacks stream;
    CallData data;
    long seq;

    /**
     * Each reference is written only when it changes: a frame lives long (G1 keeps it in the old
     * generation) and a request's context and stream are young, so every store of a new one runs
     * G1's post-write barrier with its StoreLoad fence. The calls of one stream on one depth then
     * pay it once, not twice per call.
     */
    void set(Callback cb, Context ctx, StreamCallbacks stream, CallData data, long seq) {
        this.callback = cb == null ? -1 : cb.ordinal();
        if (this.context != ctx) {
            this.context = ctx;
        }
        if (this.effective != null) {
            this.effective = null;
        }
        // A stream context's own stream is read through the context (see stream()): only another
        // stream (a root-context call made for one) needs the field.
        StreamCallbacks other =
                ctx instanceof StreamContext s && s.stream() == stream ? null : stream;
        if (this.stream != other) {
            this.stream = other;
        }
        if (this.data != data) {
            this.data = data;
        }
        this.seq = seq;
    }

    void clear() {
        set(null, null, null, null, 0);
    }

    /**
     * Ends the call but keeps the references for the next call at this depth (see {@link #set}):
     * the VM never reads a frame above its depth.
     */
    void end() {
        callback = -1;
        seq = 0;
    }

    /** The callback running; null while the start function runs. */
    public Callback callback() {
        return callback < 0 ? null : CALLBACKS[callback];
    }

    /** The context hostcalls act on: the effective context if one was set, else the called one. */
    public Context context() {
        return effective != null ? effective : context;
    }

    /**
     * The stream the call concerns (its own; the one a callout was made for; the one an access
     * logger logs), or null.
     */
    public StreamCallbacks stream() {
        if (context() instanceof StreamContext s) {
            return s.stream();
        }
        if (stream != null) {
            return stream;
        }
        return context instanceof StreamContext s ? s.stream() : null;
    }

    /** The stream an access logger's {@code proxy_on_log} is logging, or null. */
    public StreamCallbacks logged() {
        return data instanceof CallData.AccessLog l ? l.stream() : null;
    }

    /** What the call brought that is readable only during it, or null. */
    public CallData data() {
        return data;
    }

    /** The body a body callback brought, when it is of {@code type}; else null. */
    public Buffer body(BufferType type) {
        return data instanceof CallData.Body b && b.type() == type ? b.buffer() : null;
    }

    /** Whether a body callback carries end of stream (trailers may be added then). */
    public boolean bodyEndOfStream() {
        return data instanceof CallData.Body b && b.endOfStream();
    }

    /** The callout answer or gRPC data this call brought, or null. */
    public CallData.Answer answer() {
        return data instanceof CallData.Answer a ? a : null;
    }

    /** Whether this is {@code proxy_on_log}: maps are readable, not writable. */
    public boolean inLog() {
        return callback == Callback.LOG.ordinal();
    }

    /** The trace sequence number of the callback event, which hostcall events point to. */
    public long seq() {
        return seq;
    }
}

package io.filterplayground.engine.natives;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StageEvent.Stage;
import io.filterplayground.engine.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A native filter's part in one stream. Subclasses override Envoy's callbacks ({@code
 * decodeHeaders}, {@code encodeHeaders}...); this class traces each call the way Wasm callbacks are
 * traced (a {@link CallbackEvent} with its arguments, result and duration) and lets the filter log.
 */
public abstract class NativeHttpFilter implements HttpFilter {
    protected final NativeChainFilter owner;
    protected final FilterCallbacks stream;
    private final Tracer tracer;
    private long currentSeq;

    protected NativeHttpFilter(NativeChainFilter owner, FilterCallbacks stream) {
        this.owner = owner;
        this.stream = stream;
        this.tracer = stream.tracer();
    }

    protected FilterStatus decodeHeaders(HeaderMap headers, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    protected FilterStatus decodeData(Buffer data, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    protected FilterStatus decodeTrailers(HeaderMap trailers) {
        return FilterStatus.CONTINUE;
    }

    protected FilterStatus encodeHeaders(HeaderMap headers, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    protected FilterStatus encodeData(Buffer data, boolean endOfStream) {
        return FilterStatus.CONTINUE;
    }

    protected FilterStatus encodeTrailers(HeaderMap trailers) {
        return FilterStatus.CONTINUE;
    }

    @Override
    public final FilterStatus onRequestHeaders(HeaderMap headers, boolean endOfStream) {
        if (!owner.handles(Stage.REQUEST_HEADERS)) {
            return FilterStatus.CONTINUE;
        }
        long seq = begin();
        long t0 = System.nanoTime();
        FilterStatus st = null;
        try {
            st = decodeHeaders(headers, endOfStream);
            return st;
        } finally {
            end(seq, "decodeHeaders", "num_headers", headers.size(), endOfStream, st, t0);
        }
    }

    @Override
    public final FilterStatus onRequestBody(Buffer body, boolean endOfStream) {
        if (!owner.handles(Stage.REQUEST_BODY)) {
            return FilterStatus.CONTINUE;
        }
        long seq = begin();
        long t0 = System.nanoTime();
        FilterStatus st = null;
        try {
            st = decodeData(body, endOfStream);
            return st;
        } finally {
            end(seq, "decodeData", "body_size", body.length(), endOfStream, st, t0);
        }
    }

    @Override
    public final FilterStatus onRequestTrailers(HeaderMap trailers) {
        if (!owner.handles(Stage.REQUEST_TRAILERS)) {
            return FilterStatus.CONTINUE;
        }
        long seq = begin();
        long t0 = System.nanoTime();
        FilterStatus st = null;
        try {
            st = decodeTrailers(trailers);
            return st;
        } finally {
            end(seq, "decodeTrailers", "num_trailers", trailers.size(), null, st, t0);
        }
    }

    @Override
    public final FilterStatus onResponseHeaders(HeaderMap headers, boolean endOfStream) {
        if (!owner.handles(Stage.RESPONSE_HEADERS)) {
            return FilterStatus.CONTINUE;
        }
        long seq = begin();
        long t0 = System.nanoTime();
        FilterStatus st = null;
        try {
            st = encodeHeaders(headers, endOfStream);
            return st;
        } finally {
            end(seq, "encodeHeaders", "num_headers", headers.size(), endOfStream, st, t0);
        }
    }

    @Override
    public final FilterStatus onResponseBody(Buffer body, boolean endOfStream) {
        if (!owner.handles(Stage.RESPONSE_BODY)) {
            return FilterStatus.CONTINUE;
        }
        long seq = begin();
        long t0 = System.nanoTime();
        FilterStatus st = null;
        try {
            st = encodeData(body, endOfStream);
            return st;
        } finally {
            end(seq, "encodeData", "body_size", body.length(), endOfStream, st, t0);
        }
    }

    @Override
    public final FilterStatus onResponseTrailers(HeaderMap trailers) {
        if (!owner.handles(Stage.RESPONSE_TRAILERS)) {
            return FilterStatus.CONTINUE;
        }
        long seq = begin();
        long t0 = System.nanoTime();
        FilterStatus st = null;
        try {
            st = encodeTrailers(trailers);
            return st;
        } finally {
            end(seq, "encodeTrailers", "num_trailers", trailers.size(), null, st, t0);
        }
    }

    private long begin() {
        currentSeq = tracer.callbacks() ? tracer.nextSeq() : 0;
        return currentSeq;
    }

    private void end(
            long seq,
            String callback,
            String sizeName,
            long size,
            Boolean endOfStream,
            FilterStatus st,
            long t0) {
        long dt = System.nanoTime() - t0;
        currentSeq = 0;
        if (seq == 0) {
            return;
        }
        Map<String, Object> args = new LinkedHashMap<>(4);
        args.put(sizeName, size);
        if (endOfStream != null) {
            args.put("end_of_stream", endOfStream);
        }
        tracer.emit(
                new CallbackEvent(
                        seq,
                        stream.streamId(),
                        Tracer.thread(),
                        owner.name(),
                        owner.vmLabel(),
                        0,
                        callback,
                        args,
                        st == null ? "error" : st.displayName(),
                        dt));
    }

    /** A log line from this filter, attached to the callback running now. */
    protected void log(LogLevel level, String message) {
        tracer.emit(
                new LogEvent(
                        tracer.nextSeq(),
                        currentSeq,
                        stream.streamId(),
                        Tracer.thread(),
                        owner.name(),
                        owner.vmLabel(),
                        0,
                        level,
                        message,
                        level.code() < owner.env.logLevel().code()));
    }

    /** Adds to a filter stat (Envoy's per-filter counters), counted per worker. */
    protected void count(String stat) {
        owner.env.metrics().increment(stat, owner.name() + "#" + stream.worker().tag(), 1);
    }
}

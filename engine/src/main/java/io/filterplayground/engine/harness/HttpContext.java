package io.filterplayground.engine.harness;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.wasm.StreamContext;
import io.filterplayground.engine.wasm.callback.HttpCallbacks;
import io.filterplayground.engine.wasm.callback.LifecycleCallbacks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP stream context of a {@link HostHarness}: call its callbacks in the order Envoy would,
 * then read back what the filter did. Each callback returns the guest's {@link Action}. A body
 * callback that pauses keeps its data buffered, so the next body callback gets the whole buffer, as
 * Envoy's StopIterationAndBuffer does. The stream context is created ({@code
 * proxy_on_context_create}) with the first callback.
 */
public final class HttpContext {
    private final HostHarness host;
    private final Stream stream;
    private final StreamContext ctx;
    private boolean created;
    private HeaderMap requestHeaders;
    private HeaderMap requestTrailers;
    private HeaderMap responseHeaders;
    private HeaderMap responseTrailers;
    private Buffer requestBody;
    private Buffer responseBody;
    private boolean requestBodyHeld;
    private boolean responseBodyHeld;
    private LocalResponse localResponse;
    private String resetDetails;
    private int continueRequestCalls;
    private int continueResponseCalls;

    HttpContext(HostHarness host, long streamId) {
        this.host = host;
        this.stream = new Stream(streamId);
        this.ctx = host.vm().newStream(host.root(), stream);
    }

    /** This stream context's id in the VM. */
    public int contextId() {
        return ctx.id();
    }

    public Action onRequestHeaders(Headers headers, boolean endOfStream) {
        requestHeaders = new HeaderMap(headers);
        boolean outer = begin();
        try {
            return HttpCallbacks.headers(
                    ctx, Callback.REQUEST_HEADERS, requestHeaders, endOfStream);
        } finally {
            end(outer);
        }
    }

    public Action onRequestBody(byte[] chunk, boolean endOfStream) {
        requestBody = held(requestBodyHeld ? requestBody : null, chunk);
        boolean outer = begin();
        try {
            Action a = HttpCallbacks.body(ctx, Callback.REQUEST_BODY, requestBody, endOfStream);
            requestBodyHeld = a == Action.PAUSE;
            return a;
        } finally {
            end(outer);
        }
    }

    public Action onRequestTrailers(Headers trailers) {
        requestTrailers = new HeaderMap(trailers);
        boolean outer = begin();
        try {
            return HttpCallbacks.trailers(ctx, Callback.REQUEST_TRAILERS, requestTrailers);
        } finally {
            end(outer);
        }
    }

    public Action onResponseHeaders(Headers headers, boolean endOfStream) {
        responseHeaders = new HeaderMap(headers);
        boolean outer = begin();
        try {
            return HttpCallbacks.headers(
                    ctx, Callback.RESPONSE_HEADERS, responseHeaders, endOfStream);
        } finally {
            end(outer);
        }
    }

    public Action onResponseBody(byte[] chunk, boolean endOfStream) {
        responseBody = held(responseBodyHeld ? responseBody : null, chunk);
        boolean outer = begin();
        try {
            Action a = HttpCallbacks.body(ctx, Callback.RESPONSE_BODY, responseBody, endOfStream);
            responseBodyHeld = a == Action.PAUSE;
            return a;
        } finally {
            end(outer);
        }
    }

    public Action onResponseTrailers(Headers trailers) {
        responseTrailers = new HeaderMap(trailers);
        boolean outer = begin();
        try {
            return HttpCallbacks.trailers(ctx, Callback.RESPONSE_TRAILERS, responseTrailers);
        } finally {
            end(outer);
        }
    }

    /** The end of the stream: {@code on_log}, then {@code on_done} and {@code on_delete}. */
    public void complete() {
        boolean outer = begin();
        try {
            LifecycleCallbacks.log(ctx);
            LifecycleCallbacks.finish(ctx);
            host.vm().forget(ctx);
        } finally {
            end(outer);
        }
    }

    private static Buffer held(Buffer before, byte[] chunk) {
        Buffer b = before == null ? new Buffer() : before;
        b.append(new Buffer(chunk));
        return b;
    }

    /** Starts a task on the harness's loop, creating the stream context first if needed. */
    private boolean begin() {
        boolean outer = host.worker().beginTask();
        if (!created) {
            created = true;
            try {
                LifecycleCallbacks.createStream(ctx);
            } catch (RuntimeException e) {
                end(outer);
                throw e;
            }
        }
        return outer;
    }

    private void end(boolean outer) {
        if (outer) {
            host.worker().endTask();
        }
    }

    // ---- what the filter did -----------------------------------------------------------------

    public Headers requestHeaders() {
        return snapshot(requestHeaders);
    }

    public Headers requestTrailers() {
        return snapshot(requestTrailers);
    }

    public Headers responseHeaders() {
        return snapshot(responseHeaders);
    }

    public Headers responseTrailers() {
        return snapshot(responseTrailers);
    }

    /** The request body as the filter left it in its last body callback (empty before). */
    public byte[] requestBody() {
        return requestBody == null ? new byte[0] : requestBody.bytes();
    }

    public byte[] responseBody() {
        return responseBody == null ? new byte[0] : responseBody.bytes();
    }

    /** The local response the filter sent, or null. */
    public LocalResponse localResponse() {
        return localResponse;
    }

    /** The details of a reset the filter asked for ({@code proxy_close_stream}...), or null. */
    public String resetDetails() {
        return resetDetails;
    }

    /** How many times the filter resumed the request ({@code proxy_continue_stream}...). */
    public int continueRequestCalls() {
        return continueRequestCalls;
    }

    public int continueResponseCalls() {
        return continueResponseCalls;
    }

    private static Headers snapshot(HeaderMap m) {
        return m == null ? null : m.snapshot();
    }

    /** The stream as the filter's hostcalls see it. */
    private final class Stream implements FilterCallbacks {
        private final long id;
        private final long startEpochNanos;
        private final long startMonotonicNanos;

        /** Made when a hostcall first asks (a property read): most filters never do. */
        private StreamInfo info;

        private Map<String, byte[]> filterState;
        private Map<String, Map<String, Object>> metadata;

        Stream(long id) {
            this.id = id;
            this.startEpochNanos = host.env().clock().epochNanos();
            this.startMonotonicNanos = host.env().clock().monotonicNanos();
        }

        @Override
        public long streamId() {
            return id;
        }

        @Override
        public String filterName() {
            return host.vm().spec().displayName();
        }

        @Override
        public int filterIndex() {
            return 0;
        }

        @Override
        public Worker worker() {
            return host.worker();
        }

        @Override
        public Tracer tracer() {
            return host.env().tracer();
        }

        @Override
        public StreamInfo streamInfo() {
            if (info == null) {
                info = new StreamInfo(id, startEpochNanos, startMonotonicNanos, "", "");
            }
            return info;
        }

        @Override
        public HeaderMap requestHeaders() {
            return requestHeaders;
        }

        @Override
        public HeaderMap requestTrailers() {
            return requestTrailers;
        }

        @Override
        public HeaderMap responseHeaders() {
            return responseHeaders;
        }

        @Override
        public HeaderMap responseTrailers() {
            return responseTrailers;
        }

        @Override
        public HeaderMap addRequestTrailers() {
            if (requestTrailers == null) {
                requestTrailers = new HeaderMap();
            }
            return requestTrailers;
        }

        @Override
        public HeaderMap addResponseTrailers() {
            if (responseTrailers == null) {
                responseTrailers = new HeaderMap();
            }
            return responseTrailers;
        }

        @Override
        public Buffer bufferedRequestBody() {
            return requestBodyHeld ? requestBody : null;
        }

        @Override
        public Buffer bufferedResponseBody() {
            return responseBodyHeld ? responseBody : null;
        }

        @Override
        public void attribute(Runnable work) {
            work.run();
        }

        @Override
        public void continueRequest() {
            continueRequestCalls++;
        }

        @Override
        public void continueResponse() {
            continueResponseCalls++;
        }

        @Override
        public void sendLocalReply(int status, byte[] body, List<Header> headers, String details) {
            localResponse = new LocalResponse(status, body.clone(), List.copyOf(headers), details);
        }

        @Override
        public void resetStream(String details) {
            resetDetails = details;
        }

        @Override
        public Map<String, byte[]> filterState() {
            if (filterState == null) {
                filterState = new HashMap<>();
            }
            return filterState;
        }

        @Override
        public Map<String, Map<String, Object>> dynamicMetadata() {
            if (metadata == null) {
                metadata = new HashMap<>();
            }
            return metadata;
        }

        @Override
        public boolean responseStarted() {
            return false;
        }
    }
}

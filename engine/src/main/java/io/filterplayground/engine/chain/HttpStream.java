package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.ResponseFlag;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.http.UpstreamRequest;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.UpstreamResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP stream through the filter chain on one worker: Envoy's active stream. The request's
 * frames run through the filters in order ({@link HttpDirection}) to the {@link Router}; the
 * upstream's answer runs back through them in reverse to the client. A {@link LocalReply} or a
 * reset ends it early; either way every filter gets its access-log and destroy callbacks.
 */
public final class HttpStream extends FilterManager {
    /** Told when the stream is over (response complete, reset or expired). */
    @FunctionalInterface
    public interface Listener {
        void onComplete(HttpStream stream);
    }

    private final HttpConnectionManager manager;
    private final StreamInfo info;
    private final HttpRequest downstreamRequest;
    private final Listener listener;
    private final Router router;
    final List<HttpFilterEntry> entries = new ArrayList<>();
    private final Map<String, byte[]> filterState = new HashMap<>();
    private final Map<String, Map<String, Object>> dynamicMetadata = new HashMap<>();

    final HttpDirection request = new HttpDirection(this, true);
    HttpDirection response = new HttpDirection(this, false);

    private Headers downstreamHeaders;
    private final Buffer downstreamBody = new Buffer();
    private Headers downstreamTrailers = Headers.empty();
    private boolean localReply;
    private boolean inLocalReply;
    private String details;
    private boolean reset;

    HttpStream(
            HttpConnectionManager manager,
            StreamInfo info,
            HttpRequest downstreamRequest,
            Tracer tracer,
            Listener listener) {
        super(tracer, manager.debugger());
        this.manager = manager;
        this.info = info;
        this.downstreamRequest = downstreamRequest;
        this.listener = listener;
        this.router = new Router(this, manager.routeName(), manager.route());
    }

    @Override
    public long id() {
        return info.streamId;
    }

    public StreamInfo info() {
        return info;
    }

    public Worker worker() {
        return manager.worker();
    }

    public boolean finished() {
        return finished;
    }

    int bufferLimit() {
        return manager.bufferLimit();
    }

    Map<String, byte[]> filterState() {
        return filterState;
    }

    Map<String, Map<String, Object>> dynamicMetadata() {
        return dynamicMetadata;
    }

    boolean responseStarted() {
        return downstreamHeaders != null;
    }

    /** Starts the stream: call on the worker's loop. Delivers every request frame at once. */
    void start(HeaderMap headers) {
        topLevel(
                () -> {
                    request.headers = headers;
                    HttpRequest r = downstreamRequest;
                    emit(
                            "request",
                            null,
                            r.method()
                                    + " "
                                    + r.path()
                                    + " ("
                                    + r.bodyChunks().size()
                                    + " body chunk(s)"
                                    + (r.trailers().isEmpty() ? "" : ", trailers")
                                    + ")");
                    for (HttpConnectionManager.Named f : manager.filters()) {
                        HttpFilterEntry e = new HttpFilterEntry(this, f.name(), f.chainIndex());
                        e.filter = f.factory().create(e);
                        if (e.filter != null) {
                            entries.add(e);
                        } else {
                            emit(
                                    "skipped",
                                    f.name(),
                                    "filter not added to this stream (fail open)");
                        }
                    }
                    List<byte[]> chunks = r.bodyChunks();
                    boolean hasTrailers = !r.trailers().isEmpty();
                    if (hasTrailers) {
                        request.trailers = new HeaderMap(r.trailers());
                    }
                    boolean headersOnly = chunks.isEmpty() && !hasTrailers;
                    if (headersOnly) {
                        emit(
                                "note",
                                null,
                                "end_of_stream is set on the request headers: no filter gets a"
                                        + " request body or trailers callback");
                    }
                    request.headers(0, headersOnly);
                    for (int i = 0; i < chunks.size() && !request.stopped(); i++) {
                        info.requestBodyBytes += chunks.get(i).length;
                        boolean eos = i == chunks.size() - 1 && !hasTrailers;
                        request.data(0, new Buffer(chunks.get(i)), eos);
                    }
                    if (hasTrailers && !request.stopped()) {
                        request.trailers(0);
                    }
                });
    }

    /**
     * Ends a stream nobody resumed, as Envoy's stream idle timeout would: 408 if the response has
     * not started, else a reset. Call on the worker's loop.
     */
    public void expire() {
        if (finished) {
            return;
        }
        topLevel(
                () -> {
                    emit("note", null, "stream still open at the end of the run: idle timeout");
                    info.setResponseFlag(ResponseFlag.STREAM_IDLE_TIMEOUT);
                    if (downstreamHeaders == null) {
                        localReply(
                                null,
                                408,
                                "stream timeout".getBytes(StandardCharsets.UTF_8),
                                List.of(),
                                "stream_idle_timeout");
                    } else {
                        reset("stream_idle_timeout");
                    }
                });
    }

    /**
     * Ends a stream still open when the playground closes, as Envoy does on shutdown: the
     * downstream connection is closed, so the stream is reset and its filters are done (access log,
     * {@code on_done}, {@code on_delete}). Call on the worker's loop.
     */
    public void shutdown() {
        if (finished) {
            return;
        }
        topLevel(
                () -> {
                    emit("note", null, "the playground closed while the stream was open: reset");
                    // Envoy's details for a connection it closed itself:
                    // downstream_local_disconnect(<reason>).
                    reset("downstream_local_disconnect(playground_closed)");
                });
    }

    // ---- results -------------------------------------------------------------------------

    public HttpResponse response() {
        if (reset) {
            return HttpResponse.reset(details, info.responseFlags());
        }
        if (downstreamHeaders == null) {
            return null;
        }
        int status = parseStatus(downstreamHeaders.first(":status").orElse("0"));
        return new HttpResponse(
                status,
                downstreamHeaders,
                downstreamBody.bytes(),
                downstreamTrailers,
                localReply,
                details == null ? "via_upstream" : details,
                info.responseFlags(),
                false);
    }

    /** The request as the upstream received it, or null when it never left the proxy. */
    public UpstreamRequest upstreamRequest() {
        return router.upstreamRequest();
    }

    /** Time spent in each filter's callbacks (host JVM time), by filter name, in chain order. */
    public Map<String, Long> filterNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (HttpConnectionManager.Named f : manager.filters()) {
            m.put(f.name(), 0L);
        }
        for (HttpFilterEntry e : entries) {
            m.put(e.name, e.nanos);
        }
        return m;
    }

    // ---- terminals: the router at the end of the request side, the client at the end of the
    // response side ---------------------------------------------------------------------------

    void terminalHeaders(HttpDirection d, boolean eos) {
        if (d.request) {
            router.headers(d.headers, eos);
        } else {
            downstreamHeaders = d.headers.snapshot();
            if (eos) {
                complete();
            }
        }
    }

    void terminalData(HttpDirection d, Buffer chunk, boolean eos) {
        if (d.request) {
            router.data(chunk, eos);
        } else {
            downstreamBody.append(chunk);
            info.responseBodyBytes += chunk.length();
            if (eos) {
                complete();
            }
        }
    }

    void terminalTrailers(HttpDirection d) {
        if (d.request) {
            router.trailers(d.trailers);
        } else {
            downstreamTrailers = d.trailers.snapshot();
            complete();
        }
    }

    /** The router's answer: the response side runs, or a failure becomes a local reply. */
    void upstreamAnswered(UpstreamResult result) {
        if (finished || localReply) {
            return;
        }
        topLevel(
                () -> {
                    if (!result.ok()) {
                        upstreamFailed(result);
                        return;
                    }
                    info.upstreamHost = result.host();
                    info.upstreamPort = result.port();
                    info.responseCode = result.status();
                    emit("upstream_response", null, "status " + result.status());
                    response.headers = new HeaderMap(result.headers());
                    List<byte[]> chunks = result.bodyChunks();
                    boolean hasTrailers = !result.trailers().isEmpty();
                    if (hasTrailers) {
                        response.trailers = new HeaderMap(result.trailers());
                    }
                    response.headers(0, chunks.isEmpty() && !hasTrailers);
                    for (int i = 0; i < chunks.size() && !response.stopped(); i++) {
                        response.data(
                                0,
                                new Buffer(chunks.get(i)),
                                i == chunks.size() - 1 && !hasTrailers);
                    }
                    if (hasTrailers && !response.stopped()) {
                        response.trailers(0);
                    }
                });
    }

    /**
     * Envoy's router on an upstream that gave no response: its response flag ({@code
     * Filter::onResponseTimeout}, {@code streamResetReasonToResponseFlag}) and local reply.
     */
    private void upstreamFailed(UpstreamResult result) {
        emit("upstream_failure", null, result.message());
        if ("timeout".equals(result.failure())) {
            info.setResponseFlag(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT);
            localReply(
                    null,
                    504,
                    "upstream request timeout".getBytes(StandardCharsets.UTF_8),
                    List.of(),
                    "response_timeout");
        } else {
            info.setResponseFlag(
                    "connection_failure".equals(result.failure())
                            ? ResponseFlag.UPSTREAM_CONNECTION_FAILURE
                            : ResponseFlag.UPSTREAM_CONNECTION_TERMINATION);
            localReply(
                    null,
                    503,
                    ("upstream connect error or disconnect/reset before headers."
                                    + " reset reason: connection failure")
                            .getBytes(StandardCharsets.UTF_8),
                    List.of(),
                    "upstream_reset_before_response_started{" + result.failure() + "}");
        }
    }

    // ---- local reply, reset, completion ---------------------------------------------------

    /** A local reply made by {@code from} (null: the proxy itself). */
    void localReply(FilterEntry from, int status, byte[] body, List<Header> h, String details) {
        localReply(from, status, body, h, details, LocalReply.NO_GRPC_STATUS);
    }

    /** As above, with the gRPC status for a gRPC request's reply ({@link LocalReply}). */
    void localReply(
            FilterEntry from,
            int status,
            byte[] body,
            List<Header> h,
            String details,
            long grpcStatus) {
        if (!finished) {
            LocalReply.send(this, from, status, body, h, details, grpcStatus);
        }
    }

    /** A local reply that stops iteration at once (the buffer limit, a missing cluster). */
    void stopWithLocalReply(int status, String body, String details) {
        requestStop(
                () ->
                        localReply(
                                null,
                                status,
                                body.getBytes(StandardCharsets.UTF_8),
                                List.of(),
                                details));
    }

    /** The request side is over and the upstream forgotten; the stream records the reply. */
    void beginLocalReply(int status, String replyDetails) {
        request.aborted = true;
        router.cancel();
        localReply = true;
        details = replyDetails;
        info.responseCode = status;
        info.responseCodeDetails = replyDetails;
    }

    LocalReply.Stage replyStage() {
        if (response.headers == null && !inLocalReply) {
            return LocalReply.Stage.BEFORE_RESPONSE;
        }
        return downstreamHeaders == null
                ? LocalReply.Stage.RESPONSE_NOT_SENT
                : LocalReply.Stage.RESPONSE_SENT;
    }

    void replyThroughResponseSide(HeaderMap headers, byte[] body) {
        inLocalReply = true;
        response = new HttpDirection(this, false);
        response.headers = headers;
        response.headers(0, body.length == 0);
        if (body.length > 0 && !response.stopped()) {
            response.data(0, new Buffer(body), true);
        }
    }

    void replyDirect(HeaderMap headers, byte[] body) {
        response.aborted = true;
        response.headers = headers;
        downstreamHeaders = headers.snapshot();
        downstreamBody.clear();
        downstreamBody.append(body);
        complete();
    }

    void reset(String why) {
        if (finished) {
            return;
        }
        request.aborted = true;
        response.aborted = true;
        router.cancel();
        reset = true;
        details = why;
        emit("reset", null, why);
        complete();
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        info.endMonotonicNanos = manager.clock().monotonicNanos();
        if (!reset && downstreamHeaders != null) {
            info.responseCode = parseStatus(downstreamHeaders.first(":status").orElse("0"));
        }
        // Envoy runs access loggers (proxy_on_log) before destroying filters (on_done, on_delete).
        for (HttpFilterEntry e : entries) {
            safely(e, e.filter::onLog);
        }
        runAccessLoggers(manager.accessLogs(), name -> new HttpFilterEntry(this, name, -1));
        for (HttpFilterEntry e : entries) {
            safely(e, e.filter::onDestroy);
        }
        dropDeferred();
        emit("complete", null, reset ? "reset" : "status " + info.responseCode);
        listener.onComplete(this);
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

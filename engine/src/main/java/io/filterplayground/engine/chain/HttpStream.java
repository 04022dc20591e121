package io.filterplayground.engine.chain;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.http.UpstreamRequest;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.StageEvent.Stage;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.upstream.UpstreamResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP stream through the filter chain on one worker: Envoy's active stream and filter manager
 * in one class. Request frames run through the filters in order and then to the router; the
 * upstream's response runs back through them in reverse and then to the client.
 *
 * <p>Iteration follows Envoy's rules (proxy-wasm-abi §4.3-4.4): a filter that stops holds the frame
 * and every later frame; {@code StopAllIteration} buffers body frames without calling the filter,
 * and on resume delivers them to that filter first; a body stopped with buffering is re-delivered
 * whole with the next chunk; stream-control calls made inside a callback take effect after it
 * returns; a local reply made before the response started runs back through the response side of
 * the chain.
 */
public final class HttpStream {
    /** Told when the stream is over (response complete, reset or expired). */
    @FunctionalInterface
    public interface Listener {
        void onComplete(HttpStream stream);
    }

    /** Upstream route timeout, as Envoy's default route timeout. */
    static final long ROUTE_TIMEOUT_MILLIS = 15_000;

    private final Worker worker;
    private final Tracer tracer;
    private final PlaygroundClock clock;
    private final HttpRequest request;
    private final Cluster route;
    private final String routeName;
    private final List<Named> factories;
    private final Listener listener;
    private final int bufferLimit;
    private final Debugger debugger;
    private final StreamInfo info;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, byte[]> filterState = new HashMap<>();
    private final Map<String, Map<String, Object>> dynamicMetadata = new HashMap<>();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

    private HeaderMap requestHeaders;
    private HeaderMap requestTrailers;
    private HeaderMap responseHeaders;
    private HeaderMap responseTrailers;
    private final Direction req = new Direction(true);
    private Direction resp = new Direction(false);

    private int dispatching;

    /**
     * Time in all filters' stream callbacks so far; {@link Entry#attribute} subtracts its share.
     */
    private long filterCallbackNanos;

    private boolean inTopLevel;
    private boolean stopRequested;
    private boolean finished;
    private Cluster.Cancel upstreamCancel;

    private Headers upstreamHeaders;
    private final Buffer upstreamBody = new Buffer();
    private Headers upstreamTrailers = Headers.empty();
    private boolean upstreamSent;

    private Headers downstreamHeaders;
    private final Buffer downstreamBody = new Buffer();
    private Headers downstreamTrailers = Headers.empty();
    private boolean localReply;
    private boolean inLocalReply;
    private String details;
    private boolean reset;

    /** A filter factory with the display name of its filter. */
    public record Named(String name, int chainIndex, HttpFilterFactory factory) {}

    public HttpStream(
            StreamInfo info,
            Worker worker,
            Tracer tracer,
            PlaygroundClock clock,
            HttpRequest request,
            String routeName,
            Cluster route,
            List<Named> factories,
            int bufferLimit,
            Debugger debugger,
            Listener listener) {
        this.info = info;
        this.worker = worker;
        this.tracer = tracer;
        this.clock = clock;
        this.request = request;
        this.routeName = routeName;
        this.route = route;
        this.factories = factories;
        this.bufferLimit = bufferLimit;
        this.debugger = debugger;
        this.listener = listener;
    }

    public long id() {
        return info.streamId;
    }

    public StreamInfo info() {
        return info;
    }

    public Worker worker() {
        return worker;
    }

    public boolean finished() {
        return finished;
    }

    /** Starts the stream: call on the worker's loop. Delivers every request frame at once. */
    public void start() {
        topLevel(
                () -> {
                    requestHeaders = buildRequestHeaders();
                    emit(
                            "request",
                            null,
                            request.method()
                                    + " "
                                    + request.path()
                                    + " ("
                                    + request.bodyChunks().size()
                                    + " body chunk(s)"
                                    + (request.trailers().isEmpty() ? "" : ", trailers")
                                    + ")");
                    for (Named f : factories) {
                        Entry e = new Entry(f.name(), f.chainIndex());
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
                    List<byte[]> chunks = request.bodyChunks();
                    boolean hasTrailers = !request.trailers().isEmpty();
                    if (hasTrailers) {
                        requestTrailers = new HeaderMap(request.trailers());
                    }
                    boolean headersOnly = chunks.isEmpty() && !hasTrailers;
                    if (headersOnly) {
                        emit(
                                "note",
                                null,
                                "end_of_stream is set on the request headers: no filter gets a"
                                        + " request body or trailers callback");
                    }
                    headers(req, 0, headersOnly);
                    for (int i = 0; i < chunks.size() && !stop(req); i++) {
                        info.requestBodyBytes += chunks.get(i).length;
                        boolean eos = i == chunks.size() - 1 && !hasTrailers;
                        data(req, 0, new Buffer(chunks.get(i)), eos);
                    }
                    if (hasTrailers && !stop(req)) {
                        trailers(req, 0);
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
                    if (downstreamHeaders == null) {
                        doLocalReply(
                                null,
                                408,
                                "stream timeout".getBytes(StandardCharsets.UTF_8),
                                List.of(),
                                "stream_idle_timeout");
                    } else {
                        doReset("stream_idle_timeout");
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
                    doReset("downstream_local_disconnect(playground_closed)");
                });
    }

    // ---- results -------------------------------------------------------------------------

    public HttpResponse response() {
        if (reset) {
            return HttpResponse.reset(details);
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
                false);
    }

    /** The request as the upstream received it, or null when it never left the proxy. */
    public UpstreamRequest upstreamRequest() {
        return upstreamSent
                ? new UpstreamRequest(
                        routeName, upstreamHeaders, upstreamBody.bytes(), upstreamTrailers)
                : null;
    }

    /** Time spent in each filter's callbacks (host JVM time), by filter name, in chain order. */
    public Map<String, Long> filterNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Named f : factories) {
            m.put(f.name(), 0L);
        }
        for (Entry e : entries) {
            m.put(e.name, e.nanos);
        }
        return m;
    }

    // ---- iteration -----------------------------------------------------------------------

    private final class Direction {
        final boolean request;
        boolean aborted;

        Direction(boolean request) {
            this.request = request;
        }

        Entry at(int pos) {
            return request ? entries.get(pos) : entries.get(entries.size() - 1 - pos);
        }

        int posOf(Entry e) {
            int i = entries.indexOf(e);
            return request ? i : entries.size() - 1 - i;
        }

        DirState state(Entry e) {
            return request ? e.requestState : e.responseState;
        }

        HeaderMap headers() {
            return request ? requestHeaders : responseHeaders;
        }

        HeaderMap trailers() {
            return request ? requestTrailers : responseTrailers;
        }

        Stage headersStage() {
            return request ? Stage.REQUEST_HEADERS : Stage.RESPONSE_HEADERS;
        }

        Stage bodyStage() {
            return request ? Stage.REQUEST_BODY : Stage.RESPONSE_BODY;
        }

        Stage trailersStage() {
            return request ? Stage.REQUEST_TRAILERS : Stage.RESPONSE_TRAILERS;
        }

        String label() {
            return request ? "request" : "response";
        }
    }

    /** Per filter, per direction: what this filter holds while it has stopped iteration. */
    private static final class DirState {
        boolean stopped;
        boolean stopAll;
        boolean headersHeld;
        boolean headersEos;
        boolean trailersHeld;
        Buffer held;
        boolean heldEos;
    }

    private boolean stop(Direction d) {
        return d.aborted || finished || stopRequested;
    }

    private void headers(Direction d, int pos, boolean eos) {
        for (; pos < entries.size(); pos++) {
            Entry e = d.at(pos);
            DirState s = d.state(e);
            FilterStatus st = invoke(d, e, d.headersStage(), null, eos);
            if (stop(d)) {
                return;
            }
            if (st.isContinue()) {
                continue;
            }
            s.stopped = true;
            s.stopAll = st != FilterStatus.STOP_ITERATION;
            s.headersHeld = true;
            s.headersEos = eos;
            emit(
                    "paused",
                    e.name,
                    d.label()
                            + " headers held by "
                            + e.name
                            + " ("
                            + st.displayName()
                            + "): later filters"
                            + (d.request ? " and the upstream" : " and the client")
                            + " wait until it continues");
            return;
        }
        terminalHeaders(d, eos);
    }

    private void data(Direction d, int pos, Buffer chunk, boolean eos) {
        for (; pos < entries.size(); pos++) {
            Entry e = d.at(pos);
            DirState s = d.state(e);
            if (s.stopped) {
                if (s.held == null) {
                    s.held = new Buffer();
                }
                s.held.append(chunk);
                s.heldEos = eos;
                if (s.held.length() > bufferLimit) {
                    overflow(d, e);
                    return;
                }
                if (s.stopAll) {
                    emit(
                            "buffered",
                            e.name,
                            chunk.length()
                                    + " body bytes buffered at "
                                    + e.name
                                    + " without a callback (it stopped all iteration on headers)");
                    return;
                }
                FilterStatus st = invoke(d, e, d.bodyStage(), s.held, eos);
                if (stop(d)) {
                    return;
                }
                if (st.isContinue()) {
                    resume(d, pos);
                } else if (st == FilterStatus.STOP_ITERATION_NO_BUFFER) {
                    s.held = null;
                }
                return;
            }
            boolean hadTrailers = d.trailers() != null;
            FilterStatus st = invoke(d, e, d.bodyStage(), chunk, eos);
            if (stop(d)) {
                return;
            }
            // Envoy's addDecodedTrailers: trailers added on the last chunk end the stream instead.
            boolean trailersAdded = eos && !hadTrailers && d.trailers() != null;
            if (st.isContinue()) {
                if (trailersAdded) {
                    data(d, pos + 1, chunk, false);
                    if (!stop(d)) {
                        trailers(d, pos + 1);
                    }
                    return;
                }
                continue;
            }
            s.stopped = true;
            s.stopAll = false;
            s.held = st == FilterStatus.STOP_ITERATION_NO_BUFFER ? null : chunk;
            s.heldEos = eos && !trailersAdded;
            s.trailersHeld = trailersAdded;
            emit(
                    "paused",
                    e.name,
                    d.label()
                            + " body held by "
                            + e.name
                            + " ("
                            + st.displayName()
                            + ")"
                            + (s.held == null
                                    ? ""
                                    : ": the next chunk re-delivers the whole buffer"));
            return;
        }
        terminalData(d, chunk, eos);
    }

    private void trailers(Direction d, int pos) {
        for (; pos < entries.size(); pos++) {
            Entry e = d.at(pos);
            DirState s = d.state(e);
            if (s.stopped && s.stopAll) {
                s.trailersHeld = true;
                return;
            }
            FilterStatus st = invoke(d, e, d.trailersStage(), null, true);
            if (stop(d)) {
                return;
            }
            if (s.stopped) {
                s.trailersHeld = true;
                if (st.isContinue()) {
                    resume(d, pos);
                }
                return;
            }
            if (st.isContinue()) {
                continue;
            }
            s.stopped = true;
            s.stopAll = false;
            s.trailersHeld = true;
            emit("paused", e.name, d.label() + " trailers held by " + e.name);
            return;
        }
        terminalTrailers(d);
    }

    /** Continues iteration stopped at {@code pos}: held headers, then held body, then trailers. */
    private void resume(Direction d, int pos) {
        Entry e = d.at(pos);
        DirState s = d.state(e);
        if (!s.stopped) {
            return;
        }
        // After StopAllIteration the held frames never reached this filter: start with it.
        boolean fromCurrent = s.stopAll;
        s.stopped = false;
        s.stopAll = false;
        boolean headersHeld = s.headersHeld;
        s.headersHeld = false;
        Buffer held = s.held;
        s.held = null;
        boolean trailersHeld = s.trailersHeld;
        s.trailersHeld = false;
        emit("resumed", e.name, d.label() + " iteration continues after " + e.name);
        if (headersHeld) {
            headers(d, pos + 1, s.headersEos);
            if (stop(d)) {
                return;
            }
        }
        if (held != null) {
            data(d, fromCurrent ? pos : pos + 1, held, s.heldEos && !trailersHeld);
            if (stop(d)) {
                return;
            }
        }
        if (trailersHeld) {
            trailers(d, fromCurrent ? pos : pos + 1);
        }
    }

    /**
     * A breakpoint: the worker waits here for the debugger, then what the user edited is what the
     * filter sees. The wait is not the filter's time.
     */
    private void stopBefore(Entry e, Stage stage, HeaderMap map, Buffer body, boolean eos) {
        emit("note", e.name, "debugger: paused before " + e.name + " · " + stage.wireName());
        long t0 = System.nanoTime();
        Pause.Edit edit =
                debugger.pause(
                        info.streamId,
                        Tracer.thread(),
                        e.name,
                        stage,
                        map == null ? null : map.snapshot(),
                        map == null && body != null ? body.bytes() : null,
                        eos);
        List<String> edited = new ArrayList<>();
        if (map != null && edit.headers() != null && !edit.headers().equals(map.entries())) {
            map.setAll(edit.headers());
            edited.add(stage.wireName().endsWith("trailers") ? "trailers" : "headers");
        }
        if (body != null && edit.body() != null && !Arrays.equals(edit.body(), body.bytes())) {
            body.set(edit.body());
            edited.add("body");
        }
        emit(
                "note",
                e.name,
                "debugger: resumed after "
                        + (System.nanoTime() - t0) / 1_000_000
                        + " ms"
                        + (edited.isEmpty()
                                ? ""
                                : "; the " + String.join(" and ", edited) + " were edited"));
    }

    private void overflow(Direction d, Entry e) {
        emit(
                "note",
                e.name,
                d.label()
                        + " body buffered at "
                        + e.name
                        + " exceeds the buffer limit of "
                        + bufferLimit
                        + " bytes");
        if (d.request) {
            requestStop(
                    () ->
                            doLocalReply(
                                    null,
                                    413,
                                    "Payload Too Large".getBytes(StandardCharsets.UTF_8),
                                    List.of(),
                                    "request_payload_too_large"));
        } else {
            requestStop(
                    () ->
                            doLocalReply(
                                    null,
                                    500,
                                    "Internal Server Error".getBytes(StandardCharsets.UTF_8),
                                    List.of(),
                                    "response_payload_too_large"));
        }
    }

    private FilterStatus invoke(Direction d, Entry e, Stage stage, Buffer body, boolean eos) {
        boolean snap = tracer.details();
        HeaderMap map =
                stage == d.headersStage()
                        ? d.headers()
                        : stage == d.trailersStage() ? d.trailers() : null;
        if (debugger.wants(e.name, stage)) {
            stopBefore(e, stage, map, body, eos);
        }
        Headers before = snap && map != null ? map.snapshot() : null;
        byte[] bodyBefore = snap && body != null ? body.bytes() : null;
        long seq = snap ? tracer.nextSeq() : 0;
        long t0 = System.nanoTime();
        FilterStatus st;
        dispatching++;
        try {
            st =
                    switch (stage) {
                        case REQUEST_HEADERS -> e.filter.onRequestHeaders(map, eos);
                        case REQUEST_BODY -> e.filter.onRequestBody(body, eos);
                        case REQUEST_TRAILERS -> e.filter.onRequestTrailers(map);
                        case RESPONSE_HEADERS -> e.filter.onResponseHeaders(map, eos);
                        case RESPONSE_BODY -> e.filter.onResponseBody(body, eos);
                        case RESPONSE_TRAILERS -> e.filter.onResponseTrailers(map);
                    };
            if (st == null) {
                st = FilterStatus.CONTINUE;
            }
        } catch (RuntimeException ex) {
            // A filter implementation must never take the stream down with a host exception.
            emit("note", e.name, "filter failed in " + stage.wireName() + ": " + ex);
            st = FilterStatus.CONTINUE;
        } finally {
            dispatching--;
        }
        long dt = System.nanoTime() - t0;
        e.nanos += dt;
        filterCallbackNanos += dt;
        if (snap) {
            tracer.emit(
                    new StageEvent(
                            seq,
                            info.streamId,
                            Tracer.thread(),
                            e.name,
                            e.chainIndex,
                            stage,
                            before,
                            map == null ? null : map.snapshot(),
                            bodyBefore,
                            body == null ? null : body.bytes(),
                            eos,
                            st.displayName(),
                            dt));
        }
        return st;
    }

    // ---- terminals: the router at the end of the request side, the client at the end of the
    // response side ---------------------------------------------------------------------------

    private void terminalHeaders(Direction d, boolean eos) {
        if (d.request) {
            List<Header> h = new ArrayList<>(requestHeaders.entries());
            // Envoy's router tells the upstream how long it will wait (suppress_envoy_headers off).
            h.add(
                    new Header(
                            "x-envoy-expected-rq-timeout-ms", Long.toString(ROUTE_TIMEOUT_MILLIS)));
            upstreamHeaders = Headers.of(h);
            if (eos) {
                dispatchUpstream();
            }
        } else {
            downstreamHeaders = responseHeaders.snapshot();
            if (eos) {
                complete();
            }
        }
    }

    private void terminalData(Direction d, Buffer chunk, boolean eos) {
        if (d.request) {
            upstreamBody.append(chunk);
            if (eos) {
                dispatchUpstream();
            }
        } else {
            downstreamBody.append(chunk);
            info.responseBodyBytes += chunk.length();
            if (eos) {
                complete();
            }
        }
    }

    private void terminalTrailers(Direction d) {
        if (d.request) {
            upstreamTrailers = requestTrailers.snapshot();
            dispatchUpstream();
        } else {
            downstreamTrailers = responseTrailers.snapshot();
            complete();
        }
    }

    private void dispatchUpstream() {
        if (route == null) {
            emit("note", null, "route cluster '" + routeName + "' does not exist");
            requestStop(() -> doLocalReply(null, 503, new byte[0], List.of(), "cluster_not_found"));
            return;
        }
        upstreamSent = true;
        emit("upstream_request", null, "to cluster " + routeName);
        upstreamCancel =
                route.send(
                        new UpstreamCall(
                                upstreamHeaders,
                                upstreamBody.bytes(),
                                upstreamTrailers,
                                ROUTE_TIMEOUT_MILLIS),
                        worker,
                        this::onUpstreamResult);
    }

    private void onUpstreamResult(UpstreamResult result) {
        upstreamCancel = null;
        if (finished || localReply) {
            return;
        }
        topLevel(
                () -> {
                    if (!result.ok()) {
                        emit("upstream_failure", null, result.message());
                        if ("timeout".equals(result.failure())) {
                            doLocalReply(
                                    null,
                                    504,
                                    "upstream request timeout".getBytes(StandardCharsets.UTF_8),
                                    List.of(),
                                    "upstream_response_timeout");
                        } else {
                            doLocalReply(
                                    null,
                                    503,
                                    ("upstream connect error or disconnect/reset before headers."
                                                    + " reset reason: connection failure")
                                            .getBytes(StandardCharsets.UTF_8),
                                    List.of(),
                                    "upstream_reset_before_response_started{"
                                            + result.failure()
                                            + "}");
                        }
                        return;
                    }
                    info.upstreamHost = result.host();
                    info.upstreamPort = result.port();
                    info.responseCode = result.status();
                    emit("upstream_response", null, "status " + result.status());
                    responseHeaders = new HeaderMap(result.headers());
                    List<byte[]> chunks = result.bodyChunks();
                    boolean hasTrailers = !result.trailers().isEmpty();
                    if (hasTrailers) {
                        responseTrailers = new HeaderMap(result.trailers());
                    }
                    headers(resp, 0, chunks.isEmpty() && !hasTrailers);
                    for (int i = 0; i < chunks.size() && !stop(resp); i++) {
                        data(
                                resp,
                                0,
                                new Buffer(chunks.get(i)),
                                i == chunks.size() - 1 && !hasTrailers);
                    }
                    if (hasTrailers && !stop(resp)) {
                        trailers(resp, 0);
                    }
                });
    }

    // ---- local reply, reset, completion ---------------------------------------------------

    private void doLocalReply(
            Entry from, int status, byte[] body, List<Header> extra, String replyDetails) {
        if (finished) {
            return;
        }
        String by = from == null ? "router" : from.name;
        req.aborted = true;
        if (upstreamCancel != null) {
            upstreamCancel.cancel();
            upstreamCancel = null;
        }
        HeaderMap h = new HeaderMap();
        h.add(":status", Integer.toString(status));
        for (Header x : extra) {
            h.add(x.name(), x.value());
        }
        if (body.length > 0) {
            if (h.get("content-length") == null) {
                h.add("content-length", Integer.toString(body.length));
            }
            if (h.get("content-type") == null) {
                h.add("content-type", "text/plain");
            }
        }
        localReply = true;
        details = replyDetails == null || replyDetails.isEmpty() ? "local_reply" : replyDetails;
        info.responseCode = status;
        info.responseCodeDetails = details;
        if (responseHeaders == null && !inLocalReply) {
            emit(
                    "local_reply",
                    from == null ? null : from.name,
                    status
                            + " from "
                            + by
                            + " ("
                            + details
                            + "): runs back through the response side of the chain");
            inLocalReply = true;
            resp = new Direction(false);
            responseHeaders = h;
            responseTrailers = null;
            headers(resp, 0, body.length == 0);
            if (body.length > 0 && !stop(resp)) {
                data(resp, 0, new Buffer(body), true);
            }
        } else if (downstreamHeaders == null) {
            emit(
                    "local_reply",
                    from == null ? null : from.name,
                    status
                            + " from "
                            + by
                            + " ("
                            + details
                            + "): the response already started, so it goes straight to the"
                            + " client");
            resp.aborted = true;
            responseHeaders = h;
            downstreamHeaders = h.snapshot();
            downstreamBody.clear();
            downstreamBody.append(body);
            complete();
        } else {
            doReset("local reply after the response headers were sent");
        }
    }

    private void doReset(String why) {
        if (finished) {
            return;
        }
        req.aborted = true;
        resp.aborted = true;
        if (upstreamCancel != null) {
            upstreamCancel.cancel();
            upstreamCancel = null;
        }
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
        info.endMonotonicNanos = clock.monotonicNanos();
        if (!reset && downstreamHeaders != null) {
            info.responseCode = parseStatus(downstreamHeaders.first(":status").orElse("0"));
        }
        // Envoy runs access loggers (proxy_on_log) before destroying filters (on_done, on_delete).
        for (Entry e : entries) {
            safely(e, e.filter::onLog);
        }
        for (Entry e : entries) {
            safely(e, e.filter::onDestroy);
        }
        deferred.clear();
        emit("complete", null, reset ? "reset" : "status " + info.responseCode);
        listener.onComplete(this);
    }

    private void safely(Entry e, Runnable r) {
        long t0 = System.nanoTime();
        dispatching++;
        try {
            r.run();
        } catch (RuntimeException ex) {
            emit("note", e.name, "filter failed at end of stream: " + ex);
        } finally {
            dispatching--;
            long dt = System.nanoTime() - t0;
            e.nanos += dt;
            filterCallbackNanos += dt;
        }
    }

    /** Runs a stream operation, then the control actions that callbacks queued meanwhile. */
    private void topLevel(Runnable op) {
        if (inTopLevel) {
            op.run();
            return;
        }
        inTopLevel = true;
        try {
            op.run();
            Runnable next;
            while ((next = deferred.poll()) != null) {
                stopRequested = false;
                next.run();
            }
        } finally {
            inTopLevel = false;
            stopRequested = false;
        }
    }

    /** Continue requests wait for the current callback to return; they do not stop iteration. */
    private void control(Runnable action) {
        if (finished) {
            return;
        }
        if (dispatching > 0 || inTopLevel) {
            deferred.add(action);
        } else {
            topLevel(action);
        }
    }

    /** A local reply or reset: queued like {@link #control}, and iteration stops right away. */
    private void requestStop(Runnable action) {
        if (finished) {
            return;
        }
        if (dispatching > 0 || inTopLevel) {
            stopRequested = true;
            deferred.add(action);
        } else {
            topLevel(action);
        }
    }

    private HeaderMap buildRequestHeaders() {
        HeaderMap h = new HeaderMap();
        h.add(":authority", request.authority());
        h.add(":path", request.path());
        h.add(":method", request.method());
        h.add(":scheme", request.scheme());
        for (Header x : request.headers().withoutPseudo()) {
            h.add(x.name(), x.value());
        }
        // The connection manager adds these before any filter runs.
        if (h.get("x-forwarded-proto") == null) {
            h.add("x-forwarded-proto", request.scheme());
        }
        if (h.get("x-request-id") == null) {
            h.add("x-request-id", info.requestId);
        }
        if (request.hasBody() && h.get("content-length") == null && request.trailers().isEmpty()) {
            h.add("content-length", Integer.toString(request.body().length));
        }
        return h;
    }

    private void emit(String what, String filter, String detail) {
        if (tracer.callbacks()) {
            tracer.emit(
                    new StreamEvent(
                            tracer.nextSeq(),
                            info.streamId,
                            Tracer.thread(),
                            what,
                            filter,
                            detail));
        }
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- one filter's view of the stream --------------------------------------------------

    private final class Entry implements FilterCallbacks {
        final String name;
        final int chainIndex;
        final DirState requestState = new DirState();
        final DirState responseState = new DirState();
        HttpFilter filter;
        long nanos;

        Entry(String name, int chainIndex) {
            this.name = name;
            this.chainIndex = chainIndex;
        }

        @Override
        public long streamId() {
            return info.streamId;
        }

        @Override
        public String filterName() {
            return name;
        }

        @Override
        public int filterIndex() {
            return chainIndex;
        }

        @Override
        public Worker worker() {
            return worker;
        }

        @Override
        public Tracer tracer() {
            return tracer;
        }

        @Override
        public StreamInfo streamInfo() {
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
            return requestState.held;
        }

        @Override
        public Buffer bufferedResponseBody() {
            return responseState.held;
        }

        @Override
        public void attribute(Runnable work) {
            long nested = filterCallbackNanos;
            long t0 = System.nanoTime();
            try {
                work.run();
            } finally {
                long dt = System.nanoTime() - t0 - (filterCallbackNanos - nested);
                nanos += Math.max(0, dt);
            }
        }

        @Override
        public void continueRequest() {
            control(
                    () -> {
                        if (!req.aborted && entries.contains(this)) {
                            resume(req, req.posOf(this));
                        }
                    });
        }

        @Override
        public void continueResponse() {
            control(
                    () -> {
                        Direction d = resp;
                        if (!d.aborted && entries.contains(this)) {
                            resume(d, d.posOf(this));
                        }
                    });
        }

        @Override
        public void sendLocalReply(
                int status, byte[] body, List<Header> headers, String replyDetails) {
            requestStop(() -> doLocalReply(this, status, body, headers, replyDetails));
        }

        @Override
        public void resetStream(String why) {
            requestStop(() -> doReset(why));
        }

        @Override
        public Map<String, byte[]> filterState() {
            return filterState;
        }

        @Override
        public Map<String, Map<String, Object>> dynamicMetadata() {
            return dynamicMetadata;
        }

        @Override
        public boolean responseStarted() {
            return downstreamHeaders != null;
        }
    }
}

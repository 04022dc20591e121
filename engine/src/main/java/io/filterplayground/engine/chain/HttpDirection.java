package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.List;

/**
 * One direction of an HTTP stream through the filters: the request side runs them in order and ends
 * at the router, the response side runs them in reverse and ends at the client. Iteration follows
 * Envoy's filter manager ({@code source/common/http/filter_manager.cc}): a filter that stops holds
 * the frame and every later frame; {@code StopAllIteration} buffers body frames without calling the
 * filter and, on resume, delivers them to that filter first; a body stopped with buffering is
 * re-delivered whole with the next chunk; trailers added on the last body chunk ({@code
 * addDecodedTrailers}) end the stream instead.
 */
final class HttpDirection {
    private final HttpStream stream;
    final boolean request;
    HeaderMap headers;
    HeaderMap trailers;

    /** Set by a local reply or reset: no more frames go this way. */
    boolean aborted;

    HttpDirection(HttpStream stream, boolean request) {
        this.stream = stream;
        this.request = request;
    }

    // ---- where a filter stands in this direction ----------------------------------------

    private List<HttpFilterEntry> entries() {
        return stream.entries;
    }

    private HttpFilterEntry at(int pos) {
        List<HttpFilterEntry> es = entries();
        return request ? es.get(pos) : es.get(es.size() - 1 - pos);
    }

    private HttpFilterEntry.Held held(HttpFilterEntry e) {
        return request ? e.request : e.response;
    }

    private String label() {
        return request ? "request" : "response";
    }

    boolean stopped() {
        return aborted || stream.halted();
    }

    HeaderMap addTrailers() {
        if (trailers == null) {
            trailers = new HeaderMap();
        }
        return trailers;
    }

    // ---- frames ---------------------------------------------------------------------------

    void headers(int pos, boolean eos) {
        for (; pos < entries().size(); pos++) {
            HttpFilterEntry e = at(pos);
            HttpFilterEntry.Held s = held(e);
            FilterStatus st =
                    call(e, request ? Stage.REQUEST_HEADERS : Stage.RESPONSE_HEADERS, null, eos);
            if (stopped()) {
                return;
            }
            if (st.isContinue()) {
                continue;
            }
            s.stopped = true;
            s.stopAll = st != FilterStatus.STOP_ITERATION;
            s.headers = true;
            s.headersEos = eos;
            stream.emit(
                    "paused",
                    e.name,
                    label()
                            + " headers held by "
                            + e.name
                            + " ("
                            + st.displayName()
                            + "): later filters"
                            + (request ? " and the upstream" : " and the client")
                            + " wait until it continues");
            return;
        }
        stream.terminalHeaders(this, eos);
    }

    void data(int pos, Buffer chunk, boolean eos) {
        for (; pos < entries().size(); pos++) {
            HttpFilterEntry e = at(pos);
            HttpFilterEntry.Held s = held(e);
            if (s.stopped) {
                if (s.body == null) {
                    s.body = new Buffer();
                }
                s.body.append(chunk);
                s.bodyEos = eos;
                if (s.body.length() > stream.bufferLimit()) {
                    overflow(e);
                    return;
                }
                if (s.stopAll) {
                    stream.emit(
                            "buffered",
                            e.name,
                            chunk.length()
                                    + " body bytes buffered at "
                                    + e.name
                                    + " without a callback (it stopped all iteration on headers)");
                    return;
                }
                FilterStatus st = call(e, bodyStage(), s.body, eos);
                if (stopped()) {
                    return;
                }
                if (st.isContinue()) {
                    resume(pos);
                } else if (st == FilterStatus.STOP_ITERATION_NO_BUFFER) {
                    s.body = null;
                }
                return;
            }
            boolean hadTrailers = trailers != null;
            FilterStatus st = call(e, bodyStage(), chunk, eos);
            if (stopped()) {
                return;
            }
            // Envoy's addDecodedTrailers: trailers added on the last chunk end the stream instead.
            boolean trailersAdded = eos && !hadTrailers && trailers != null;
            if (st.isContinue()) {
                if (trailersAdded) {
                    data(pos + 1, chunk, false);
                    if (!stopped()) {
                        trailers(pos + 1);
                    }
                    return;
                }
                continue;
            }
            s.stopped = true;
            s.stopAll = false;
            s.body = st == FilterStatus.STOP_ITERATION_NO_BUFFER ? null : chunk;
            s.bodyEos = eos && !trailersAdded;
            s.trailers = trailersAdded;
            stream.emit(
                    "paused",
                    e.name,
                    label()
                            + " body held by "
                            + e.name
                            + " ("
                            + st.displayName()
                            + ")"
                            + (s.body == null
                                    ? ""
                                    : ": the next chunk re-delivers the whole buffer"));
            return;
        }
        stream.terminalData(this, chunk, eos);
    }

    void trailers(int pos) {
        for (; pos < entries().size(); pos++) {
            HttpFilterEntry e = at(pos);
            HttpFilterEntry.Held s = held(e);
            if (s.stopped && s.stopAll) {
                s.trailers = true;
                return;
            }
            FilterStatus st =
                    call(e, request ? Stage.REQUEST_TRAILERS : Stage.RESPONSE_TRAILERS, null, true);
            if (stopped()) {
                return;
            }
            if (s.stopped) {
                s.trailers = true;
                if (st.isContinue()) {
                    resume(pos);
                }
                return;
            }
            if (st.isContinue()) {
                continue;
            }
            s.stopped = true;
            s.stopAll = false;
            s.trailers = true;
            stream.emit("paused", e.name, label() + " trailers held by " + e.name);
            return;
        }
        stream.terminalTrailers(this);
    }

    /** {@code continueDecoding} / {@code continueEncoding} from {@code e}. */
    void continueAfter(HttpFilterEntry e) {
        if (!aborted && entries().contains(e)) {
            int i = entries().indexOf(e);
            resume(request ? i : entries().size() - 1 - i);
        }
    }

    /** Continues iteration stopped at {@code pos}: held headers, then held body, then trailers. */
    private void resume(int pos) {
        HttpFilterEntry e = at(pos);
        HttpFilterEntry.Held s = held(e);
        if (!s.stopped) {
            return;
        }
        // After StopAllIteration the held frames never reached this filter: start with it.
        boolean fromCurrent = s.stopAll;
        s.stopped = false;
        s.stopAll = false;
        boolean headersHeld = s.headers;
        s.headers = false;
        Buffer body = s.body;
        s.body = null;
        boolean trailersHeld = s.trailers;
        s.trailers = false;
        stream.emit("resumed", e.name, label() + " iteration continues after " + e.name);
        if (headersHeld) {
            headers(pos + 1, s.headersEos);
            if (stopped()) {
                return;
            }
        }
        if (body != null) {
            data(fromCurrent ? pos : pos + 1, body, s.bodyEos && !trailersHeld);
            if (stopped()) {
                return;
            }
        }
        if (trailersHeld) {
            trailers(fromCurrent ? pos : pos + 1);
        }
    }

    /** Envoy's buffer limit: 413 on the request side, 500 on the response side. */
    private void overflow(HttpFilterEntry e) {
        stream.emit(
                "note",
                e.name,
                label()
                        + " body buffered at "
                        + e.name
                        + " exceeds the buffer limit of "
                        + stream.bufferLimit()
                        + " bytes");
        if (request) {
            stream.stopWithLocalReply(413, "Payload Too Large", "request_payload_too_large");
        } else {
            stream.stopWithLocalReply(500, "Internal Server Error", "response_payload_too_large");
        }
    }

    private Stage bodyStage() {
        return request ? Stage.REQUEST_BODY : Stage.RESPONSE_BODY;
    }

    private FilterStatus call(HttpFilterEntry e, Stage stage, Buffer body, boolean eos) {
        HeaderMap map =
                stage == Stage.REQUEST_HEADERS || stage == Stage.RESPONSE_HEADERS
                        ? headers
                        : stage.isBody() ? null : trailers;
        return stream.invoke(
                e,
                stage,
                map,
                body,
                eos,
                () ->
                        switch (stage) {
                            case REQUEST_HEADERS -> e.filter.onRequestHeaders(map, eos);
                            case REQUEST_BODY -> e.filter.onRequestBody(body, eos);
                            case REQUEST_TRAILERS -> e.filter.onRequestTrailers(map);
                            case RESPONSE_HEADERS -> e.filter.onResponseHeaders(map, eos);
                            case RESPONSE_BODY -> e.filter.onResponseBody(body, eos);
                            case RESPONSE_TRAILERS -> e.filter.onResponseTrailers(map);
                            case DOWNSTREAM_DATA, UPSTREAM_DATA ->
                                    throw new IllegalStateException(stage + " is not HTTP");
                        });
    }
}

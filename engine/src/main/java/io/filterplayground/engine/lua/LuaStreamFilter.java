package io.filterplayground.engine.lua;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.upstream.UpstreamResult;

/**
 * A Lua filter's part in one stream: Envoy's Lua {@code Filter}, mapping the state of each handler
 * to filter statuses as Envoy does. A handler waiting for the body holds the headers
 * (StopIteration) and buffers the body until it is complete; one waiting for an HTTP call holds the
 * headers and buffers what arrives; one iterating body chunks or waiting for trailers lets data
 * through and is resumed as it passes; after {@code respond()} the local reply takes over; a
 * handler that ended or failed lets everything through.
 */
final class LuaStreamFilter implements HttpFilter {
    private final LuaState lua;
    private final FilterCallbacks callbacks;
    private LuaRun request;
    private LuaRun response;
    private boolean destroyed;

    LuaStreamFilter(LuaState lua, FilterCallbacks callbacks) {
        this.lua = lua;
        this.callbacks = callbacks;
    }

    LuaState lua() {
        return lua;
    }

    FilterCallbacks callbacks() {
        return callbacks;
    }

    @Override
    public FilterStatus onRequestHeaders(HeaderMap headers, boolean endOfStream) {
        if (lua.onRequest() == null) {
            return FilterStatus.CONTINUE;
        }
        request = new LuaRun(this, true, headers, endOfStream);
        request.start(lua.onRequest(), "request_headers");
        return headersStatus(request);
    }

    @Override
    public FilterStatus onRequestBody(Buffer body, boolean endOfStream) {
        return data(request, body, endOfStream, "request_body");
    }

    @Override
    public FilterStatus onRequestTrailers(HeaderMap trailers) {
        return trailers(request, trailers, "request_trailers");
    }

    @Override
    public FilterStatus onResponseHeaders(HeaderMap headers, boolean endOfStream) {
        if (lua.onResponse() == null) {
            return FilterStatus.CONTINUE;
        }
        response = new LuaRun(this, false, headers, endOfStream);
        response.start(lua.onResponse(), "response_headers");
        return headersStatus(response);
    }

    @Override
    public FilterStatus onResponseBody(Buffer body, boolean endOfStream) {
        return data(response, body, endOfStream, "response_body");
    }

    @Override
    public FilterStatus onResponseTrailers(HeaderMap trailers) {
        return trailers(response, trailers, "response_trailers");
    }

    private static FilterStatus headersStatus(LuaRun run) {
        switch (run.state) {
            case WAIT_BODY, HTTP_CALL, RESPONDED -> {
                return FilterStatus.STOP_ITERATION;
            }
            default -> {
                run.headersContinued = true;
                return FilterStatus.CONTINUE;
            }
        }
    }

    // Envoy's StreamHandleWrapper::onData: resume a script waiting for this chunk, for the whole
    // body (at its end) or for trailers that will not come; then hold or pass the data.
    private FilterStatus data(LuaRun run, Buffer chunk, boolean endOfStream, String stage) {
        if (run == null || run.finished()) {
            return FilterStatus.CONTINUE;
        }
        run.sawBody = true;
        run.endStream = endOfStream;
        if (run.state == LuaRun.State.WAIT_BODY_CHUNK) {
            run.resume(stage, BodyAndTrailers.chunkValue(run, chunk));
        } else if (run.state == LuaRun.State.WAIT_BODY && endOfStream) {
            run.resume(stage, BodyAndTrailers.bodyValue(run));
        } else if (run.state == LuaRun.State.WAIT_TRAILERS && endOfStream) {
            run.resume(stage, BodyAndTrailers.noTrailers(run));
        }
        switch (run.state) {
            case WAIT_BODY, HTTP_CALL -> {
                return FilterStatus.STOP_ITERATION_AND_BUFFER;
            }
            case RESPONDED -> {
                return FilterStatus.STOP_ITERATION_NO_BUFFER;
            }
            default -> {
                run.headersContinued = true;
                return FilterStatus.CONTINUE;
            }
        }
    }

    // Envoy's StreamHandleWrapper::onTrailers: the end of the stream for a script waiting for a
    // chunk (nil) or the body; then a script waiting for trailers gets them. Only an HTTP call or
    // a local reply holds the trailers.
    private FilterStatus trailers(LuaRun run, HeaderMap trailers, String stage) {
        if (run == null || run.finished()) {
            return FilterStatus.CONTINUE;
        }
        run.endStream = true;
        run.trailers = trailers;
        if (run.state == LuaRun.State.WAIT_BODY_CHUNK) {
            run.resume(stage, BodyAndTrailers.lastChunk(run));
        } else if (run.state == LuaRun.State.WAIT_BODY) {
            run.resume(stage, BodyAndTrailers.bodyValue(run));
        }
        if (run.state == LuaRun.State.WAIT_TRAILERS) {
            run.resume(stage, BodyAndTrailers.trailersValue(run));
        }
        switch (run.state) {
            case HTTP_CALL, RESPONDED -> {
                return FilterStatus.STOP_ITERATION;
            }
            default -> {
                run.headersContinued = true;
                return FilterStatus.CONTINUE;
            }
        }
    }

    /** An HTTP call's answer, on the worker's loop: resume the script, then the stream. */
    void onCallResult(LuaRun run, UpstreamResult result) {
        run.call = null;
        if (destroyed || run.state != LuaRun.State.HTTP_CALL) {
            return;
        }
        callbacks.attribute(() -> run.resume("http_call_response", HttpCall.response(run, result)));
        if (destroyed) {
            return;
        }
        if (run.finished()) {
            // Envoy: the script is no longer waiting, so iteration continues.
            run.headersContinued = true;
            if (run.request) {
                callbacks.continueRequest();
            } else {
                callbacks.continueResponse();
            }
        }
    }

    @Override
    public void onDestroy() {
        destroyed = true;
        if (request != null) {
            request.abandon();
        }
        if (response != null) {
            response.abandon();
        }
    }
}

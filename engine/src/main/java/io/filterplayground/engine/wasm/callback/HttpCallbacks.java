package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.BufferType;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.MapType;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.StreamContext;

/**
 * The HTTP (L7) stream callbacks: headers, body and trailers of the request and the response, each
 * returning the {@link Action} the guest chose. A body callback's buffer is readable (and writable)
 * through the buffer hostcalls only while it runs.
 */
public final class HttpCallbacks {
    private HttpCallbacks() {}

    /**
     * {@code proxy_on_request_headers} / {@code proxy_on_response_headers}. The filter holds the
     * headers during the call and until it lets them go on (Envoy's {@code Context::decodeHeaders}
     * and {@code encodeHeaders}).
     */
    public static Action headers(StreamContext ctx, Callback cb, HeaderMap headers, boolean eos)
            throws FilterTrapException {
        MapType map =
                cb == Callback.REQUEST_HEADERS
                        ? MapType.HTTP_REQUEST_HEADERS
                        : MapType.HTTP_RESPONSE_HEADERS;
        ctx.hold(map);
        return letGoOnContinue(
                ctx, map, cb.action(ctx.vm().call(cb, ctx, headers.size(), eos ? 1 : 0)));
    }

    /** {@code proxy_on_request_body} / {@code proxy_on_response_body}. */
    public static Action body(StreamContext ctx, Callback cb, Buffer body, boolean eos)
            throws FilterTrapException {
        BufferType type =
                cb == Callback.REQUEST_BODY
                        ? BufferType.HTTP_REQUEST_BODY
                        : BufferType.HTTP_RESPONSE_BODY;
        CallData data = new CallData.Body(type, body, eos);
        return cb.action(ctx.vm().call(cb, ctx, data, body.length(), eos ? 1 : 0));
    }

    /**
     * {@code proxy_on_request_trailers} / {@code proxy_on_response_trailers}, held as {@link
     * #headers} holds headers.
     */
    public static Action trailers(StreamContext ctx, Callback cb, HeaderMap trailers)
            throws FilterTrapException {
        MapType map =
                cb == Callback.REQUEST_TRAILERS
                        ? MapType.HTTP_REQUEST_TRAILERS
                        : MapType.HTTP_RESPONSE_TRAILERS;
        ctx.hold(map);
        return letGoOnContinue(ctx, map, cb.action(ctx.vm().call(cb, ctx, trailers.size())));
    }

    /** The filter let the map go on: Envoy drops its pointer to it. */
    private static Action letGoOnContinue(StreamContext ctx, MapType map, Action a) {
        if (a == Action.CONTINUE) {
            ctx.release(map);
        }
        return a;
    }
}

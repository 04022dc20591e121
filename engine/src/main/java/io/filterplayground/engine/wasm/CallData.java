package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.BufferType;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.http.Headers;

/** Data a callback brings that the guest may read (or change) only while it runs. */
public sealed interface CallData {
    /**
     * A body callback's buffer: what the filter has buffered plus the new chunk ({@code type} is
     * the request or response body). Envoy's {@code Context::getBuffer} hands out this buffer.
     */
    record Body(BufferType type, Buffer buffer, boolean endOfStream) implements CallData {}

    /**
     * An HTTP callout's answer, or a gRPC call's metadata or message: readable only in its
     * callback, as Envoy clears {@code http_call_response_} when {@code onHttpCallResponse}
     * returns.
     */
    record Answer(Headers headers, Buffer body, Headers trailers) implements CallData {}

    /**
     * An access logger's {@code proxy_on_log} on its root context: the logged stream's request and
     * response headers, response trailers and properties are readable during it (Envoy's access log
     * phase), and only then.
     */
    record AccessLog(StreamCallbacks stream) implements CallData {}
}

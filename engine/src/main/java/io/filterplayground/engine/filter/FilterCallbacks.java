package io.filterplayground.engine.filter;

import io.filterplayground.engine.http.Header;
import java.util.List;
import java.util.Map;

/**
 * What a filter can see and do in its stream (Envoy's decoder/encoder filter callbacks). Maps are
 * null until they exist. Stream-control calls made while the filter manager is inside a callback
 * take effect when that callback has returned, as in Envoy.
 */
public interface FilterCallbacks extends StreamCallbacks {
    HeaderMap requestHeaders();

    HeaderMap requestTrailers();

    HeaderMap responseHeaders();

    HeaderMap responseTrailers();

    /**
     * Creates request trailers when there were none; only allowed from the request body callback
     * that carries end of stream (Envoy's {@code addDecodedTrailers}). Returns null otherwise.
     */
    HeaderMap addRequestTrailers();

    HeaderMap addResponseTrailers();

    /** The request body this filter holds buffered right now, or null. */
    Buffer bufferedRequestBody();

    Buffer bufferedResponseBody();

    /** Resumes request iteration stopped at this filter. */
    void continueRequest();

    void continueResponse();

    /**
     * Answers the stream with a response made here. Before the response started, it runs back
     * through the response side of the chain; afterwards it is sent directly, or the stream is
     * reset if headers already reached the client (Envoy's {@code sendLocalReply}).
     */
    void sendLocalReply(int status, byte[] body, List<Header> headers, String details);

    /**
     * As {@link #sendLocalReply(int, byte[], List, String)}, with the gRPC status a gRPC request's
     * reply carries (0 to 16; anything else: none, and Envoy derives it from the HTTP status).
     */
    default void sendLocalReply(
            int status, byte[] body, List<Header> headers, String details, long grpcStatus) {
        sendLocalReply(status, body, headers, details);
    }

    void resetStream(String details);

    /** Dynamic metadata by namespace (Lua {@code streamInfo():dynamicMetadata()}). */
    Map<String, Map<String, Object>> dynamicMetadata();

    /** Whether this direction's response headers reached the client already. */
    boolean responseStarted();
}

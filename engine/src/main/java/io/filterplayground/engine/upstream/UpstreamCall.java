package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;

/**
 * A request to a cluster: the router's hop at the end of the chain, or a filter's callout. Headers
 * include the pseudo-headers. {@code timeoutMillis} 0 means none.
 */
public record UpstreamCall(Headers headers, byte[] body, Headers trailers, long timeoutMillis) {
    public String header(String name) {
        return headers.first(name).orElse(null);
    }
}

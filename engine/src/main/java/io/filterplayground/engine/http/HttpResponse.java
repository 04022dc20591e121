package io.filterplayground.engine.http;

import java.nio.charset.StandardCharsets;

/**
 * What the downstream client received. {@code localReply} marks a response made by the proxy (a
 * filter's {@code send_local_response}, a fail-closed 503, a router error); {@code details} is
 * Envoy's response code details ({@code via_upstream}, {@code wasm_fail_stream}...) and {@code
 * flags} its response flags as its access logs print them ({@code UF}; empty when none). A reset
 * stream has status 0 and {@code reset} set.
 */
public record HttpResponse(
        int status,
        Headers headers,
        byte[] body,
        Headers trailers,
        boolean localReply,
        String details,
        String flags,
        boolean reset) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public static HttpResponse reset(String details, String flags) {
        return new HttpResponse(
                0, Headers.empty(), new byte[0], Headers.empty(), false, details, flags, true);
    }
}

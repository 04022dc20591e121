package io.filterplayground.engine.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request as the downstream client sends it. {@code headers} excludes the pseudo-headers, which
 * the host builds from method, scheme, authority and path. Each body chunk is delivered as its own
 * data frame, so a filter sees one body callback per chunk.
 */
public record HttpRequest(
        String method,
        String scheme,
        String authority,
        String path,
        Headers headers,
        List<byte[]> bodyChunks,
        Headers trailers) {

    public HttpRequest {
        method = method == null ? "GET" : method;
        scheme = scheme == null ? "http" : scheme;
        authority = authority == null ? "localhost" : authority;
        path = path == null ? "/" : path;
        headers = headers == null ? Headers.empty() : headers;
        bodyChunks = bodyChunks == null ? List.of() : List.copyOf(bodyChunks);
        trailers = trailers == null ? Headers.empty() : trailers;
    }

    public static HttpRequest get(String path) {
        return new HttpRequest("GET", "http", "localhost", path, Headers.empty(), List.of(), null);
    }

    public HttpRequest withHeaders(Headers newHeaders) {
        return new HttpRequest(method, scheme, authority, path, newHeaders, bodyChunks, trailers);
    }

    public HttpRequest withBody(String body) {
        List<byte[]> chunks = new ArrayList<>();
        if (body != null && !body.isEmpty()) {
            chunks.add(body.getBytes(StandardCharsets.UTF_8));
        }
        return new HttpRequest(method, scheme, authority, path, headers, chunks, trailers);
    }

    public HttpRequest withBodyChunks(List<byte[]> chunks) {
        return new HttpRequest(method, scheme, authority, path, headers, chunks, trailers);
    }

    public boolean hasBody() {
        for (byte[] c : bodyChunks) {
            if (c.length > 0) {
                return true;
            }
        }
        return false;
    }

    public byte[] body() {
        return io.filterplayground.engine.util.Bytes.join(bodyChunks);
    }
}

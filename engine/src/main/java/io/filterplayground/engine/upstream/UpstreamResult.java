package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;
import java.util.List;

/**
 * A cluster's answer. {@code headers} include {@code :status}. A non-null {@code failure} means no
 * response arrived: {@code connection_failure}, {@code timeout}, {@code reset}; {@code message}
 * then explains it in plain words.
 */
public record UpstreamResult(
        int status,
        Headers headers,
        List<byte[]> bodyChunks,
        Headers trailers,
        String failure,
        String message,
        String host,
        int port) {

    public static UpstreamResult failed(String failure, String message) {
        return new UpstreamResult(
                0, Headers.empty(), List.of(), Headers.empty(), failure, message, null, 0);
    }

    public boolean ok() {
        return failure == null;
    }

    public byte[] body() {
        return io.filterplayground.engine.util.Bytes.join(bodyChunks);
    }
}

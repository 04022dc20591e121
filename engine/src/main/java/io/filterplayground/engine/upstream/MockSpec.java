package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;
import java.util.List;

/**
 * A built-in upstream's script: a fixed reply, or an echo of the request ({@code echo}: 200 with
 * the request body, request headers returned as {@code x-echo-<name>}; pseudo-headers lose their
 * colon). {@code delayMillis} runs on the scenario's clock.
 */
public record MockSpec(
        int status,
        Headers headers,
        List<byte[]> bodyChunks,
        Headers trailers,
        boolean echo,
        long delayMillis,
        GrpcReply grpc) {}

package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;

/**
 * What a gRPC call or stream is opened with: the service and method ({@code POST /service/method}),
 * the filter's initial metadata and, for a unary call, its timeout (0: none, as for every stream).
 */
public record GrpcStart(String service, String method, Headers metadata, long timeoutMillis) {
    public String path() {
        return "/" + service + "/" + method;
    }
}

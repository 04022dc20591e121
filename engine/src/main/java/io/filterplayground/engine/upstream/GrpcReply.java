package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;

/** A scripted unary gRPC answer from a mock cluster. */
public record GrpcReply(
        int status,
        String message,
        Headers initialMetadata,
        byte[] response,
        Headers trailingMetadata) {}

package io.filterplayground.engine.http;

/** The request as it reached the upstream cluster after the whole filter chain. */
public record UpstreamRequest(String cluster, Headers headers, byte[] body, Headers trailers) {}

package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.http.Headers;

/** The keys an HTTP message has wherever the file describes one (requests, mock replies). */
final class HttpKeys {
    private HttpKeys() {}

    static final Key<Headers, Headers> HEADERS =
            Key.of("headers", Values.HEADERS, h -> h, Headers.empty());

    static final Key<Headers, Headers> TRAILERS =
            Key.of("trailers", Values.HEADERS, h -> h, Headers.empty());
}

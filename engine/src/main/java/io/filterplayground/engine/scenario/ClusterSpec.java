package io.filterplayground.engine.scenario;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.MockSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A cluster: built-in mock ({@code mock}) or a real HTTP server ({@code url}). */
public record ClusterSpec(String name, MockSpec mock, String url) {

    /** The mock a scenario without clusters routes to: 200, a line of text. */
    public static ClusterSpec defaultBackend(String name) {
        return new ClusterSpec(
                name,
                new MockSpec(
                        200,
                        Headers.of("content-type", "text/plain"),
                        List.of("hello from the mock upstream\n".getBytes(StandardCharsets.UTF_8)),
                        Headers.empty(),
                        false,
                        0,
                        null),
                null);
    }
}

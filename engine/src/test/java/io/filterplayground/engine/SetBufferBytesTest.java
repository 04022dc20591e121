package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code proxy_set_buffer_bytes} as Envoy's {@code Buffer::copyFrom} answers it, for every (start,
 * size) shape and every kind of buffer, through set_buffer.wasm.
 */
class SetBufferBytesTest {
    private static RunResult run(String configuration) {
        return Fixtures.run(
                """
                workers: 1
                clusters:
                  backend: {mock: {status: 200, body: "hello world"}}
                  ratelimit: {mock: {grpc: {status: 0, response: "hello world"}}}
                route: backend
                filters:
                  - name: set
                    wasm: testdata/set_buffer.wasm
                    configuration: "%s"
                requests:
                  - {name: first, method: POST, body: "hello world"}
                """
                        .formatted(configuration));
    }

    private static List<String> lines(RunResult r) {
        return r.logs().stream()
                .map(LogEvent::message)
                .filter(m -> m.startsWith("set_buffer:"))
                .toList();
    }

    /**
     * Each buffer holds "hello world" (11 bytes): the request body, the response body, and the gRPC
     * reply message (a mutable {@code Buffer::Instance} in Envoy's {@code proxy_on_grpc_receive}).
     * The value goes where Envoy's shapes put it.
     */
    @ParameterizedTest(name = "{0} ({2}, {3}) ''{4}'' -> status {5}, ''{6}''")
    @CsvSource(
            delimiter = '|',
            value = {
                // start 0, size 0: prepend
                "request_body | 0 | 0 | 0 | '> ' | 0 | '> hello world'",
                // start 0, 0 < size < length: the first size bytes are replaced (drain + prepend)
                "request_body | 0 | 0 | 5 | HOWDY | 0 | HOWDY world",
                "request_body | 0 | 0 | 5 | hi | 0 | hi world",
                "request_body | 0 | 0 | 10 | '' | 0 | d",
                // start 0, size >= length: replace everything
                "request_body | 0 | 0 | 11 | bye | 0 | bye",
                "request_body | 0 | 0 | 100 | bye | 0 | bye",
                // start >= length: append, whatever the size
                "request_body | 0 | 11 | 0 | '!' | 0 | hello world!",
                "request_body | 0 | 11 | 5 | '!' | 0 | hello world!",
                "request_body | 0 | 4294967295 | 0 | '!' | 0 | hello world!",
                // a start inside the buffer: BadArgument, nothing changes
                "request_body | 0 | 3 | 2 | X | 2 | hello world",
                "request_body | 0 | 10 | 0 | X | 2 | hello world",
                // the same shapes on the response body
                "response_body | 1 | 0 | 5 | HOWDY | 0 | HOWDY world",
                "response_body | 1 | 0 | 0 | '> ' | 0 | '> hello world'",
                "response_body | 1 | 11 | 0 | '!' | 0 | hello world!",
                "response_body | 1 | 0 | 11 | bye | 0 | bye",
                "response_body | 1 | 5 | 1 | X | 2 | hello world",
                // and on the gRPC message
                "grpc_receive | 5 | 0 | 5 | HOWDY | 0 | HOWDY world",
                "grpc_receive | 5 | 11 | 0 | '!' | 0 | hello world!",
                "grpc_receive | 5 | 3 | 1 | X | 2 | hello world",
            })
    void shouldChangeABufferAsEnvoyDoes(
            String place,
            int buffer,
            long start,
            long size,
            String value,
            int status,
            String after) {
        RunResult r = run(place + " " + buffer + " " + start + " " + size + " " + value);

        assertThat(lines(r))
                .containsExactly(
                        "set_buffer: status=" + status + (status == 0 ? " buffer=" + after : ""));
        Exchange x = r.exchanges().get(0);
        assertThat(x.response().status()).isEqualTo(200);
        if (place.equals("request_body")) {
            assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                    .isEqualTo(after);
        } else if (place.equals("response_body")) {
            assertThat(x.response().bodyText()).isEqualTo(after);
        }
    }

    /**
     * Envoy's {@code Context::getBuffer}: a body outside the body callbacks is an empty buffer that
     * cannot be set (BadArgument), the configurations are immutable (BadArgument), and the plugin
     * configuration outside {@code proxy_on_configure} does not exist (NotFound).
     */
    @ParameterizedTest(name = "{0} buffer {1} -> {2}")
    @CsvSource({
        "request_headers, 0, 2",
        "request_headers, 1, 2",
        "request_headers, 2, 2",
        "request_headers, 6, 2",
        "request_headers, 7, 1",
        "request_headers, 4, 1",
        "request_headers, 9, 2",
        "configure, 7, 2",
        "configure, 6, 2",
    })
    void shouldRefuseBuffersThatEnvoyCannotChange(String where, int buffer, int status) {
        RunResult r = run(where + " " + buffer + " 0 0 x");

        assertThat(lines(r)).isNotEmpty().allMatch(("set_buffer: status=" + status)::equals);
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
    }
}

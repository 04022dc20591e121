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

    /** The request body is "hello world" (11 bytes); the value replaces per Envoy's shapes. */
    @ParameterizedTest(name = "({0}, {1}) ''{2}'' -> status {3}, ''{4}''")
    @CsvSource(
            delimiter = '|',
            value = {
                // start 0, size 0: prepend
                "0 | 0 | '> ' | 0 | '> hello world'",
                // start 0, 0 < size < length: the first size bytes are replaced (drain + prepend)
                "0 | 5 | HOWDY | 0 | HOWDY world",
                "0 | 5 | hi | 0 | hi world",
                "0 | 10 | '' | 0 | d",
                // start 0, size >= length: replace everything
                "0 | 11 | bye | 0 | bye",
                "0 | 100 | bye | 0 | bye",
                // start >= length: append, whatever the size
                "11 | 0 | '!' | 0 | hello world!",
                "11 | 5 | '!' | 0 | hello world!",
                "4294967295 | 0 | '!' | 0 | hello world!",
                // a start inside the buffer: BadArgument, nothing changes
                "3 | 2 | X | 2 | hello world",
                "10 | 0 | X | 2 | hello world",
            })
    void shouldChangeTheRequestBodyAsEnvoyDoes(
            long start, long size, String value, int status, String body) {
        RunResult r = run("request_body 0 " + start + " " + size + " " + value);

        assertThat(lines(r))
                .containsExactly(
                        "set_buffer: status=" + status + (status == 0 ? " buffer=" + body : ""));
        byte[] upstream = r.exchanges().get(0).upstreamRequest().body();
        assertThat(new String(upstream, StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @ParameterizedTest(name = "response ({0}, {1}) ''{2}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "0 | 5 | HOWDY | HOWDY world",
                "0 | 0 | '> ' | '> hello world'",
                "11 | 0 | '!' | hello world!",
                "0 | 11 | bye | bye",
            })
    void shouldChangeTheResponseBodyAsEnvoyDoes(long start, long size, String value, String body) {
        RunResult r = run("response_body 1 " + start + " " + size + " " + value);

        assertThat(lines(r)).containsExactly("set_buffer: status=0 buffer=" + body);
        assertThat(r.exchanges().get(0).response().bodyText()).isEqualTo(body);
    }

    /** Envoy's gRPC receive buffer is a mutable {@code Buffer::Instance}: the same shapes apply. */
    @ParameterizedTest(name = "gRPC message ({0}, {1}) ''{2}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "0 | 5 | HOWDY | 0 | HOWDY world",
                "11 | 0 | '!' | 0 | hello world!",
                "3 | 1 | X | 2 | ''",
            })
    void shouldChangeTheGrpcMessageInsideProxyOnGrpcReceive(
            long start, long size, String value, int status, String message) {
        RunResult r = run("grpc_receive 5 " + start + " " + size + " " + value);

        assertThat(lines(r))
                .containsExactly(
                        "set_buffer: status=" + status + (status == 0 ? " buffer=" + message : ""));
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
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

package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the callback order Envoy uses (docs/abi-notes.md, HTTP streams) as text. Regenerate with
 * {@code -Dgolden.update=true} and review the diff like code.
 */
class GoldenTraceTest {
    private static final Set<String> NOTES =
            Set.of("paused", "resumed", "local_reply", "buffered", "reset");

    @Test
    void shouldPinTheOrderForBodyAndTrailersThroughTwoFilters() throws IOException {
        Exchange x =
                only(
                        """
                workers: 1
                clusters:
                  backend:
                    mock:
                      status: 200
                      bodyChunks: ["resp-1", "resp-2"]
                      trailers: {x-upstream-trailer: done}
                filters:
                  - {name: f1, wasm: testdata/all_callbacks.wasm}
                  - {name: f2, wasm: testdata/all_callbacks.wasm}
                requests:
                  - method: POST
                    path: /upload
                    bodyChunks: ["hello ", "world"]
                    trailers: {x-client-trailer: end}
                """);
        assertGolden("body-and-trailers-two-filters.txt", x);
    }

    @Test
    void shouldPinTheOrderForAPausedAndResumedBody() throws IOException {
        Exchange x =
                only(
                        """
                workers: 1
                filters:
                  # Its own vm_id: filters sharing a VM share its globals (Envoy's VM model).
                  - {name: buffering, wasm: testdata/all_callbacks.wasm, vmId: buffering, configuration: buffer}
                  - {name: after, wasm: testdata/all_callbacks.wasm}
                requests:
                  - method: POST
                    bodyChunks: ["a", "bb", "ccc"]
                """);
        assertGolden("paused-and-resumed-body.txt", x);
        assertThat(x.upstreamRequest().body()).asString(StandardCharsets.UTF_8).isEqualTo("abbccc");
    }

    @Test
    void shouldPinTheOrderForALocalReply() throws IOException {
        Exchange x =
                only(
                        """
                workers: 1
                filters:
                  - name: observer
                    wasm: testdata/all_callbacks.wasm
                  - name: deny
                    wasm: deny/deny.wasm
                    configuration: {header: x-user, values: [mallory], status: 403, body: "no\\n"}
                  - name: never-reached
                    wasm: testdata/all_callbacks.wasm
                requests:
                  - headers: {x-user: mallory}
                    body: "ignored"
                """);
        assertGolden("local-reply.txt", x);
        assertThat(x.upstreamRequest()).isNull();
        assertThat(x.response().status()).isEqualTo(403);
        assertThat(x.response().localReply()).isTrue();
    }

    private static Exchange only(String yaml) {
        RunResult r = Fixtures.run(yaml);
        assertThat(r.exchanges()).hasSize(1);
        return r.exchanges().get(0);
    }

    /** Callbacks with their arguments and results, plus the stream's pause/resume notes. */
    static String render(Exchange x) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : x.events()) {
            if (e instanceof CallbackEvent c) {
                String args =
                        c.args().entrySet().stream()
                                .map(a -> a.getKey() + "=" + a.getValue())
                                .collect(Collectors.joining(", "));
                sb.append(
                        String.format(
                                "%-14s %s(%s)%s%n",
                                c.filter(),
                                c.name(),
                                args,
                                c.result().isEmpty() ? "" : " -> " + c.result()));
            } else if (e instanceof StreamEvent s && NOTES.contains(s.what())) {
                sb.append("~ ").append(s.what()).append(": ").append(s.detail()).append('\n');
            }
        }
        sb.append("= ")
                .append(x.response().status())
                .append(x.response().localReply() ? " local reply " + x.response().details() : "")
                .append('\n');
        return sb.toString();
    }

    private static void assertGolden(String name, Exchange x) throws IOException {
        String actual = render(x);
        if (Boolean.getBoolean("golden.update")) {
            Path p = Path.of("src/test/resources/golden", name);
            Files.writeString(p, actual);
            return;
        }
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in)
                    .as("golden file %s (run with -Dgolden.update=true to create it)", name)
                    .isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unused")
    private static final Map<String, String> WHY =
            Map.of(
                    "body-and-trailers-two-filters.txt",
                            "request side in chain order, response side reversed, on_log for all then done/delete per filter",
                    "paused-and-resumed-body.txt",
                            "Pause on a body chunk re-delivers the accumulated body with the next chunk",
                    "local-reply.txt",
                            "the reply runs back through the filters that saw the request; a filter never reached gets on_context_create before on_log");
}

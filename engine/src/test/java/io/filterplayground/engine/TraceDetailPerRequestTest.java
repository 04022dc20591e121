package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request sent with less trace detail than the playground's (what a burst asks for the requests
 * nobody will look at): the same response and the same log lines, without the callback, hostcall
 * and stage events, numbered in the same sequence as the others.
 */
class TraceDetailPerRequestTest {
    @Test
    void shouldTraceOneRequestMinimallyOnAFullTracePlayground() throws Exception {
        var scenario =
                Fixtures.yaml(
                        """
                        clusters: {backend: {mock: {status: 200, body: "hello"}}}
                        route: backend
                        filters:
                          - name: add-header
                            wasm: add-header/add_header.wasm
                            rootId: add_header
                            configuration: '{"request": {"x-tenant": "demo"}}'
                          - name: request-counter
                            wasm: request-counter/request_counter.wasm
                          - name: lua
                            lua: |
                              function envoy_on_request(h)
                                h:logInfo('lua saw ' .. h:headers():get(':path'))
                                h:headers():add('x-lua', '1')
                              end
                        """);
        try (Playground p =
                Playground.start(scenario, Playground.Options.defaults(), TraceSink.NONE)) {
            Exchange full = p.send("full", HttpRequest.get("/a"), 0).get(30, TimeUnit.SECONDS);
            Exchange minimal =
                    p.send("minimal", HttpRequest.get("/a"), 0, TraceDetail.MINIMAL)
                            .get(30, TimeUnit.SECONDS);
            Exchange fullAgain =
                    p.send("again", HttpRequest.get("/a"), 0).get(30, TimeUnit.SECONDS);

            assertThat(minimal.response().status()).isEqualTo(full.response().status());
            assertThat(minimal.response().bodyText()).isEqualTo(full.response().bodyText());
            assertThat(minimal.upstreamRequest().headers().first("x-lua")).contains("1");

            assertThat(full.events())
                    .anyMatch(e -> e instanceof CallbackEvent)
                    .anyMatch(e -> e instanceof HostCallEvent)
                    .anyMatch(e -> e instanceof StageEvent);
            assertThat(minimal.events())
                    .noneMatch(e -> e instanceof CallbackEvent)
                    .noneMatch(e -> e instanceof HostCallEvent)
                    .noneMatch(e -> e instanceof StageEvent);
            // The lines Envoy would print are all there; the full trace adds the suppressed ones.
            assertThat(logs(minimal)).hasSameSizeAs(logs(full)).contains("script log: lua saw /a");
            assertThat(fullAgain.events()).anyMatch(e -> e instanceof CallbackEvent);

            // One numbering for all three: each request's events come after the previous one's.
            assertThat(seqs(full)).isSorted().doesNotHaveDuplicates();
            assertThat(seqs(minimal)).isSorted().doesNotHaveDuplicates();
            assertThat(seqs(minimal).get(0)).isGreaterThan(last(seqs(full)));
            assertThat(seqs(fullAgain).get(0)).isGreaterThan(last(seqs(minimal)));
        }
    }

    private static List<String> logs(Exchange x) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : x.events()) {
            if (e instanceof LogEvent l && !l.suppressed()) {
                out.add(l.message());
            }
        }
        return out;
    }

    private static List<Long> seqs(Exchange x) {
        return x.events().stream().map(TraceEvent::seq).toList();
    }

    private static long last(List<Long> l) {
        return l.get(l.size() - 1);
    }
}

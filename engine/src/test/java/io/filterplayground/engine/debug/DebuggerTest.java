package io.filterplayground.engine.debug;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.StageEvent.Stage;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Breakpoints before a filter's stage: the stream waits, and what the user edits is what runs. */
class DebuggerTest {
    private static final Scenario CHAIN =
            Fixtures.yaml(
                    """
                    workers: 1
                    clusters: {backend: {mock: {echo: true}}}
                    route: backend
                    filters:
                      - {name: hello, wasm: hello-abi/hello_abi.wasm}
                      - name: deny
                        wasm: deny/deny.wasm
                        configuration: {header: x-user, values: [mallory], status: 403}
                    requests:
                      - {name: alice, method: POST, headers: {x-user: alice}, body: "hi"}
                    """);

    private static RunResult run(List<Breakpoint> bps, java.util.function.Consumer<Pause> l)
            throws InterruptedException {
        return ScenarioRunner.run(
                CHAIN,
                Playground.Options.defaults(),
                TraceSink.NONE,
                d -> {
                    d.setBreakpoints(bps);
                    d.onPause(l);
                });
    }

    @Test
    void shouldStopBeforeTheStageAndRunTheFilterOnTheEditedHeaders() throws Exception {
        List<Pause> seen = new ArrayList<>();
        RunResult r =
                run(
                        List.of(new Breakpoint("deny", Stage.REQUEST_HEADERS)),
                        p -> {
                            seen.add(p);
                            List<Header> edited = new ArrayList<>();
                            for (Header h : p.headers()) {
                                edited.add(
                                        h.name().equals("x-user")
                                                ? new Header("x-user", "mallory")
                                                : h);
                            }
                            p.resume(new Pause.Edit(edited, null));
                        });

        assertThat(seen)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.filter()).isEqualTo("deny");
                            assertThat(p.stage()).isEqualTo(Stage.REQUEST_HEADERS);
                            assertThat(p.worker()).isEqualTo("worker-0");
                            // What deny is about to see, after hello ran.
                            assertThat(p.headers().first("x-user")).contains("alice");
                            assertThat(p.body()).isNull();
                        });
        Exchange x = r.exchanges().get(0);
        assertThat(x.response().status()).isEqualTo(403);
        assertThat(x.events())
                .filteredOn(StreamEvent.class::isInstance)
                .map(e -> ((StreamEvent) e).detail())
                .anyMatch(d -> d.equals("debugger: paused before deny · request_headers"))
                .anyMatch(
                        d -> d.matches("debugger: resumed after \\d+ ms; the headers were edited"));
    }

    @Test
    void shouldWaitForAResumeFromAnotherThreadAndEditTheBody() throws Exception {
        BlockingQueue<Pause> pauses = new LinkedBlockingQueue<>();
        CompletableFuture<RunResult> run =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return run(List.of(new Breakpoint("hello", null)), pauses::add);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });

        Pause headers = pauses.poll(20, TimeUnit.SECONDS);
        assertThat(headers.stage()).isEqualTo(Stage.REQUEST_HEADERS);
        assertThat(run).isNotDone();
        headers.resume(null);
        // hello exports no body callback, but the stage is still its: a breakpoint on every stage.
        Pause body = pauses.poll(20, TimeUnit.SECONDS);
        assertThat(body.stage()).isEqualTo(Stage.REQUEST_BODY);
        assertThat(new String(body.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
        body.resume(new Pause.Edit(null, "edited".getBytes(StandardCharsets.UTF_8)));
        Pause next;
        while ((next = pauses.poll(20, TimeUnit.SECONDS)) != null) {
            next.resume(null);
            if (next.stage() == Stage.RESPONSE_BODY) {
                break;
            }
        }

        Exchange x = run.get(20, TimeUnit.SECONDS).exchanges().get(0);
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("edited");
        assertThat(x.response().status()).isEqualTo(200);
    }

    @Test
    void shouldLetAStoppedStreamGoWhenThePlaygroundCloses() throws Exception {
        BlockingQueue<Pause> pauses = new LinkedBlockingQueue<>();
        CompletableFuture<Exchange> x;
        try (Playground p =
                Playground.start(CHAIN, Playground.Options.defaults(), TraceSink.NONE)) {
            p.debugger().setBreakpoints(List.of(new Breakpoint("deny", Stage.REQUEST_HEADERS)));
            p.debugger().onPause(pauses::add); // never resumed by the test
            x =
                    p.send(
                            "waits",
                            HttpRequest.get("/").withHeaders(Headers.of("x-user", "alice")),
                            null);
            assertThat(pauses.poll(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(p.debugger().waiting()).hasSize(1);
        }
        assertThat(x.get(10, TimeUnit.SECONDS).response()).isNotNull();
    }
}

package io.filterplayground.engine.styles;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing the playground with streams still waiting (a Wasm callout, a Lua httpCall) resets them as
 * Envoy does at shutdown: their exchanges complete, their filters are done, and the Lua handlers
 * suspended on LuaJ's coroutine threads end with them.
 */
class PlaygroundCloseTest {

    @Test
    void shouldResetOpenStreamsAndEndSuspendedHandlersWhenClosed() throws Exception {
        // Both answers come only when the virtual clock is advanced, which it never is.
        String yaml =
                """
                workers: 2
                clock: virtual
                clusters:
                  backend: {mock: {status: 200}}
                  slow: {mock: {status: 200, delay: 60s}}
                route: backend
                filters:
                  - name: lua
                    lua: |
                      function envoy_on_request(handle)
                        if handle:headers():get("x-style") == "lua" then
                          handle:httpCall("slow", {[":method"] = "GET", [":path"] = "/",
                            [":authority"] = "slow"}, nil, 120000)
                        end
                      end
                  - name: auth
                    wasm: auth-callout/auth_callout.wasm
                    configuration: {cluster: slow, path: /check, timeoutMs: 120000}
                """;
        CountDownLatch waiting = new CountDownLatch(2);
        TraceSink sink =
                e -> {
                    if (e instanceof CallbackEvent c
                            && ("yield: waiting for the HTTP call".equals(c.result())
                                    || "Pause".equals(c.result()))) {
                        waiting.countDown();
                    }
                };
        long before = coroutineThreads();
        CompletableFuture<Exchange> lua;
        CompletableFuture<Exchange> wasm;
        try (Playground p =
                Playground.start(Scenarios.parse(yaml), Playground.Options.defaults(), sink)) {
            lua = p.send("lua", HttpRequest.get("/").withHeaders(Headers.of("x-style", "lua")), 0);
            wasm = p.send("wasm", HttpRequest.get("/").withHeaders(Headers.of("x-user", "bob")), 1);
            assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(coroutineThreads()).isGreaterThan(before);
            assertThat(lua).isNotDone();
            assertThat(wasm).isNotDone();
        }
        for (Exchange x :
                new Exchange[] {lua.get(5, TimeUnit.SECONDS), wasm.get(5, TimeUnit.SECONDS)}) {
            assertThat(x.response().reset()).isTrue();
            assertThat(x.response().details())
                    .isEqualTo("downstream_local_disconnect(playground_closed)");
            assertThat(x.upstreamRequest()).isNull();
        }
        // The Wasm filter's stream context is deleted, as after any reset (it exports no on_done).
        assertThat(wasm.get().events())
                .filteredOn(CallbackEvent.class::isInstance)
                .map(e -> ((CallbackEvent) e).name())
                .endsWith("proxy_on_delete");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (coroutineThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(coroutineThreads()).isLessThanOrEqualTo(before);
    }

    /** LuaJ runs each coroutine on a thread it names {@code Coroutine-N}. */
    private static long coroutineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("Coroutine-"))
                .count();
    }
}

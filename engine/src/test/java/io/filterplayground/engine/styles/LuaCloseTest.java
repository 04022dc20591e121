package io.filterplayground.engine.styles;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.HttpRequest;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the playground ends Lua handlers that are still suspended, and their threads. */
class LuaCloseTest {

    @Test
    void shouldEndSuspendedHandlersWhenThePlaygroundCloses() throws Exception {
        // The call's answer comes only when the virtual clock is advanced, which it never is.
        String yaml =
                """
                workers: 1
                clock: virtual
                clusters:
                  backend: {mock: {status: 200}}
                  slow: {mock: {status: 200, delay: 60s}}
                route: backend
                filters:
                  - name: lua
                    lua: |
                      function envoy_on_request(handle)
                        handle:httpCall("slow", {[":method"] = "GET", [":path"] = "/",
                          [":authority"] = "slow"}, nil, 120000)
                      end
                """;
        CountDownLatch suspended = new CountDownLatch(1);
        TraceSink sink =
                e -> {
                    if (e instanceof CallbackEvent c
                            && "yield: waiting for the HTTP call".equals(c.result())) {
                        suspended.countDown();
                    }
                };
        long before = coroutineThreads();
        try (Playground p =
                Playground.start(Scenarios.parse(yaml), Playground.Options.defaults(), sink)) {
            p.send("waits", HttpRequest.get("/"), null);
            assertThat(suspended.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(coroutineThreads()).isGreaterThan(before);
        }
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

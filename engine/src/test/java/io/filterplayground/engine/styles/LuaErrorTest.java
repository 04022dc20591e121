package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.logs;
import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.parse;
import static io.filterplayground.engine.styles.Scenarios.response;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.trace.TrapEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad Lua: clear messages with line numbers, and a playground that keeps working. */
class LuaErrorTest {

    private static String errorOf(Exchange x) {
        return of(x.events(), LogEvent.class).stream()
                .filter(l -> l.level() == LogLevel.ERROR)
                .map(LogEvent::message)
                .findFirst()
                .orElse(null);
    }

    @Test
    void shouldRejectASyntaxErrorAtStartWithTheLine() {
        String yaml =
                yaml(
                        lua(
                                "broken",
                                """
                                function envoy_on_request(handle)
                                  local x = = 1
                                end
                                """),
                        "- name: get\n");
        assertThatThrownBy(
                        () ->
                                Playground.start(
                                        parse(yaml), Playground.Options.defaults(), TraceSink.NONE))
                .isInstanceOf(FilterStartException.class)
                .hasMessageStartingWith("broken: Lua syntax error at line 2: ")
                .hasMessageContaining("'='")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldRejectAScriptThatFailsWhileLoading() {
        String yaml =
                yaml(
                        lua(
                                "loader",
                                """
                                local limits = nil
                                local rps = limits.rps
                                function envoy_on_request(handle) end
                                """),
                        "- name: get\n");
        assertThatThrownBy(
                        () ->
                                Playground.start(
                                        parse(yaml), Playground.Options.defaults(), TraceSink.NONE))
                .isInstanceOf(FilterStartException.class)
                .hasMessageStartingWith(
                        "loader: the script failed while loading: [string \"loader\"]:2: ");
    }

    @Test
    void shouldRejectAHandlerThatIsNotAFunction() {
        String yaml = yaml(lua("odd", "envoy_on_request = 42\n"), "- name: get\n");
        assertThatThrownBy(
                        () ->
                                Playground.start(
                                        parse(yaml), Playground.Options.defaults(), TraceSink.NONE))
                .isInstanceOf(FilterStartException.class)
                .hasMessage("odd: envoy_on_request must be a function, got a number");
    }

    @Test
    void shouldLogARuntimeErrorCountItAndContinueTheStream() {
        RunResult r =
                run(
                        yaml(
                                lua(
                                        "lua",
                                        """
                                        function envoy_on_request(handle)
                                          handle:headers():add("x-before", "1")
                                          local t = nil
                                          return t.field
                                        end
                                        function envoy_on_response(handle)
                                          handle:headers():add("x-response", "ran")
                                        end
                                        """),
                                """
                                - name: first
                                - name: second
                                """));
        for (Exchange x : r.exchanges()) {
            assertThat(x.response().status()).isEqualTo(200);
            assertThat(x.upstreamRequest().headers().first("x-before")).contains("1");
            assertThat(response(x, "x-response")).isEqualTo("ran");
            assertThat(errorOf(x))
                    .startsWith("script log: [string \"lua\"]:4: attempt to index")
                    .contains("nil value");
            TrapEvent trap = of(x.events(), TrapEvent.class).get(0);
            assertThat(trap.callback()).isEqualTo("envoy_on_request");
            assertThat(trap.effect()).contains("the stream continues");
            assertThat(of(x.events(), CallbackEvent.class).get(0).result()).isEqualTo("error");
        }
        assertThat(r.snapshot().metrics())
                .filteredOn(m -> m.name().equals("lua.lua.errors"))
                .extracting(m -> m.value())
                .containsExactly(2L);
    }

    @Test
    void shouldNameAnUnknownApiCallWithItsLine() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)

                                                  handle:nope()
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(errorOf(x))
                .startsWith("script log: [string \"lua\"]:3: 'nope' is not part of Envoy's Lua API")
                .contains("headers", "body", "httpCall");
    }

    @Test
    void shouldSayWhichEnvoyCallsThePlaygroundDoesNotOffer() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:setUpstreamOverrideHost("10.0.0.1")
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(errorOf(x))
                .isEqualTo(
                        "script log: [string \"lua\"]:2: handle:setUpstreamOverrideHost() is part of"
                                + " Envoy's Lua API but the playground does not offer it");
    }

    @Test
    void shouldAskForAColonOnADotCall() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:headers().add("x-a", "1")
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(errorOf(x))
                .contains(":2: headers:add() must be called as a method, with a colon");
    }

    @Test
    void shouldStopAScriptThatLoopsForeverEvenInsidePcall() {
        String yaml =
                yaml(
                                lua(
                                        "spin",
                                        """
                                        function envoy_on_request(handle)
                                          if handle:headers():get("x-spin") then
                                            while true do
                                              pcall(function() while true do end end)
                                            end
                                          end
                                          handle:headers():add("x-fine", "yes")
                                        end
                                        """),
                                """
                                - name: spinning
                                  headers: {x-spin: "1"}
                                - name: next
                                """)
                        .replace("workers: 1", "workers: 1\ncallbackTimeout: 100ms");
        long t0 = System.nanoTime();
        RunResult r = run(yaml);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        Exchange spinning = r.exchanges().get(0);
        assertThat(spinning.response().status()).isEqualTo(200);
        assertThat(errorOf(spinning))
                .endsWith("script timeout: 100 ms")
                .contains("[string \"spin\"]:");
        Exchange next = r.exchanges().get(1);
        assertThat(next.upstreamRequest().headers().first("x-fine")).contains("yes");
        assertThat(errorOf(next)).isNull();
    }

    @Test
    void shouldRefuseRespondOnTheResponsePath() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_response(handle)
                                                  handle:respond({[":status"] = "500"}, "no")
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(errorOf(x))
                .isEqualTo(
                        "script log: [string \"lua\"]:2: respond not currently supported in the"
                                + " response path");
    }

    @Test
    void shouldCheckRespondStatusAndHttpCallArguments() {
        RunResult r =
                run(
                        yaml(
                                lua(
                                        "lua",
                                        """
                                        function envoy_on_request(handle)
                                          local what = handle:headers():get("x-case")
                                          if what == "status" then
                                            handle:respond({[":status"] = "99"}, "x")
                                          elseif what == "cluster" then
                                            handle:httpCall("nowhere", {[":method"] = "GET", [":path"] = "/", [":authority"] = "a"}, nil, 10)
                                          else
                                            handle:httpCall("auth", {[":method"] = "GET", [":path"] = "/"}, nil, 10)
                                          end
                                        end
                                        """),
                                """
                                - name: status
                                  headers: {x-case: status}
                                - name: cluster
                                  headers: {x-case: cluster}
                                - name: headers
                                  headers: {x-case: headers}
                                """));
        List<String> errors = r.exchanges().stream().map(LuaErrorTest::errorOf).toList();
        assertThat(errors.get(0)).endsWith(":4: :status must be between 200-599");
        assertThat(errors.get(1)).endsWith(":6: http call cluster invalid. Must be configured");
        assertThat(errors.get(2))
                .endsWith(
                        ":8: http call headers must include ':path', ':method', and ':authority'");
        assertThat(r.exchanges()).allMatch(x -> x.response().status() == 200);
    }

    @Test
    void shouldRefuseObjectsKeptBeyondTheirHandler() {
        RunResult r =
                run(
                        yaml(
                                lua(
                                        "lua",
                                        """
                                        kept = nil
                                        function envoy_on_request(handle)
                                          if kept ~= nil then
                                            kept:add("x-stale", "1")
                                          end
                                          kept = handle:headers()
                                        end
                                        """),
                                """
                                - name: first
                                - name: second
                                """));
        assertThat(errorOf(r.exchanges().get(0))).isNull();
        assertThat(errorOf(r.exchanges().get(1)))
                .isEqualTo("script log: [string \"lua\"]:4: object used outside of proper scope");
        assertThat(logs(r.exchanges().get(1))).hasSize(1);
    }

    @Test
    void shouldReportDeepRecursionInBothWaysOfRunning() {
        // The second script names body(), so its handlers run as coroutines.
        RunResult r =
                run(
                        yaml(
                                lua(
                                                "direct",
                                                """
                                                function f(n) return 1 + f(n + 1) end
                                                function envoy_on_request(handle) f(1) end
                                                """)
                                        + lua(
                                                "coroutine",
                                                """
                                                function f(n) return 1 + f(n + 1) end
                                                function envoy_on_request(handle)
                                                  if handle:headers():get("x-never") then handle:body() end
                                                  f(1)
                                                end
                                                """),
                                "- name: get\n"));
        Exchange x = only(r);
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(of(x.events(), TrapEvent.class))
                .extracting(TrapEvent::filter, TrapEvent::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("direct", "stack overflow"),
                        org.assertj.core.groups.Tuple.tuple("coroutine", "stack overflow"));
    }
}

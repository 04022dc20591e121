package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.trace.TrapEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Envoy's scope rules for the objects of its Lua API: the handle is usable while its handler runs,
 * the objects it hands out only until the script waits again, iterators one at a time. Breaking a
 * rule is a script error.
 */
class LuaScopeTest {
    private static final String STALE = "object used outside of proper scope";

    /** One POST with a body through a Lua filter running {@code script}. */
    private static Exchange post(String script) {
        return only(
                run(
                        yaml(
                                lua("lua", script),
                                """
                                - name: post
                                  method: POST
                                  body: "abc"
                                """)));
    }

    private static Exchange get(String script) {
        return only(run(yaml(lua("lua", script), "- name: get\n")));
    }

    private static List<String> traps(Exchange x) {
        return of(x.events(), TrapEvent.class).stream().map(TrapEvent::message).toList();
    }

    @Test
    void shouldRefuseObjectsKeptAcrossAWaitAndGiveFreshOnes() {
        Exchange x =
                post(
                        """
                                                function envoy_on_request(handle)
                                                  local before = handle:headers()
                                                  local info = handle:streamInfo()
                                                  local md = info:dynamicMetadata()
                                                  local route = handle:route()
                                                  local same = rawequal(before, handle:headers())
                                                  handle:body()
                                                  local after = handle:headers()
                                                  after:add("x-same-within", tostring(same))
                                                  after:add("x-fresh", tostring(not rawequal(before, after)))
                                                  for name, object in pairs({headers = before, info = info, md = md, route = route}) do
                                                    local ok, err = pcall(function()
                                                      if name == "headers" then object:get("x")
                                                      elseif name == "info" then object:protocol()
                                                      elseif name == "md" then object:get("x")
                                                      else object:metadata() end
                                                    end)
                                                    after:add("x-stale-" .. name, tostring(err))
                                                  end
                                                  after:add("x-handle", handle:streamInfo():protocol())
                                                end
                                                """);
        assertThat(traps(x)).isEmpty();
        assertThat(upstream(x, "x-same-within")).isEqualTo("true");
        assertThat(upstream(x, "x-fresh")).isEqualTo("true");
        for (String name : List.of("headers", "info", "md", "route")) {
            assertThat(upstream(x, "x-stale-" + name)).as(name).contains(STALE);
        }
        assertThat(upstream(x, "x-handle")).isEqualTo("HTTP/1.1");
    }

    @Test
    void shouldRefuseAHandleKeptFromAnotherRequestEvenForItsPlainHelpers() {
        RunResult r =
                run(
                        yaml(
                                lua(
                                        "lua",
                                        """
                                        kept = nil
                                        function envoy_on_request(handle)
                                          if kept ~= nil then
                                            local results = {}
                                            for _, call in ipairs({"timestamp", "timestampString", "base64Escape", "logInfo"}) do
                                              local ok, err = pcall(kept[call], kept, "x")
                                              results[#results + 1] = call .. "=" .. tostring(err)
                                            end
                                            handle:headers():add("x-stale", table.concat(results, ";"))
                                          end
                                          kept = handle
                                        end
                                        """),
                                """
                                - name: first
                                - name: second
                                """));
        String stale = upstream(r.exchanges().get(1), "x-stale");
        for (String call : List.of("timestamp", "timestampString", "base64Escape", "logInfo")) {
            assertThat(stale).contains(call + "=" + STALE);
        }
    }

    @Test
    void shouldFollowEnvoysIteratorRules() {
        Exchange x =
                get(
                        """
                                                function envoy_on_request(handle)
                                                  local h = handle:headers()
                                                  local it = pairs(h)
                                                  local ok, second = pcall(pairs, h)
                                                  local ok2, modify = pcall(h.add, h, "x-during", "1")
                                                  while it() do end
                                                  local ok3, done = pcall(it)
                                                  h:add("x-second", second)
                                                  h:add("x-modify", modify)
                                                  h:add("x-after-end", done)
                                                  local md = handle:streamInfo():dynamicMetadata()
                                                  md:set("ns", "k", "v")
                                                  local mit = pairs(md)
                                                  local ok4, set = pcall(md.set, md, "ns", "k2", "v2")
                                                  h:add("x-md-set", set)
                                                end
                                                """);
        assertThat(traps(x)).isEmpty();
        assertThat(upstream(x, "x-second"))
                .contains("cannot create a second iterator before completing the first");
        assertThat(upstream(x, "x-modify"))
                .contains("header map cannot be modified while iterating");
        assertThat(upstream(x, "x-after-end")).contains(STALE);
        assertThat(upstream(x, "x-during")).isNull();
        assertThat(upstream(x, "x-md-set"))
                .contains("dynamic metadata map cannot be modified while iterating");
    }

    @Test
    void shouldEndAnIteratorWhenTheScriptWaits() {
        Exchange x =
                post(
                        """
                                                function envoy_on_request(handle)
                                                  local it = pairs(handle:headers())
                                                  handle:body()
                                                  local ok, err = pcall(it)
                                                  handle:headers():add("x-iterator", err)
                                                end
                                                """);
        assertThat(upstream(x, "x-iterator")).contains(STALE);
    }

    @Test
    void shouldAnswerTheNewLengthFromSetBytes() {
        Exchange x =
                post(
                        """
                                                function envoy_on_request(handle)
                                                  local n = handle:body():setBytes("rewritten")
                                                  handle:headers():add("x-length", tostring(n))
                                                end
                                                """);
        assertThat(upstream(x, "x-length")).isEqualTo("9");
    }
}

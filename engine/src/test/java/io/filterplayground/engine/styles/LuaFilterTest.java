package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.callbackNames;
import static io.filterplayground.engine.styles.Scenarios.hostcalls;
import static io.filterplayground.engine.styles.Scenarios.logs;
import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.response;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Envoy's Lua API, call by call, through the real engine. */
class LuaFilterTest {

    @Test
    void shouldGetAddReplaceAndRemoveHeaders() {
        RunResult r =
                run(
                        yaml(
                                lua(
                                        "lua",
                                        """
                                        function envoy_on_request(handle)
                                          local h = handle:headers()
                                          h:add("x-added", "a")
                                          h:add("x-multi", "2")
                                          h:replace("x-replaced", "new")
                                          h:remove("x-gone")
                                          h:add("x-got", h:get("x-user"))
                                          h:add("x-joined", h:get("x-multi"))
                                          h:add("x-count", tostring(h:getNumValues("x-multi")))
                                          h:add("x-second", h:getAtIndex("x-multi", 1))
                                          h:add("x-missing", tostring(h:get("x-nothing")))
                                        end
                                        function envoy_on_response(handle)
                                          handle:headers():replace("server", "lua")
                                        end
                                        """),
                                """
                                - name: one
                                  headers: [[x-user, alice], [x-multi, "1"], [x-replaced, old], [x-replaced, older], [x-gone, bye]]
                                """));
        Exchange x = only(r);
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(upstream(x, "x-added")).isEqualTo("a");
        assertThat(x.upstreamRequest().headers().all("x-replaced")).containsExactly("new");
        assertThat(upstream(x, "x-gone")).isNull();
        assertThat(upstream(x, "x-got")).isEqualTo("alice");
        assertThat(upstream(x, "x-joined")).isEqualTo("1,2");
        assertThat(upstream(x, "x-count")).isEqualTo("2");
        assertThat(upstream(x, "x-second")).isEqualTo("2");
        assertThat(upstream(x, "x-missing")).isEqualTo("nil");
        assertThat(response(x, "server")).isEqualTo("lua");
        assertThat(callbackNames(x, "lua"))
                .containsExactly("envoy_on_request", "envoy_on_response");
        List<HostCallEvent> calls = hostcalls(x, "lua");
        assertThat(calls)
                .extracting(HostCallEvent::name)
                .contains(
                        "headers",
                        "headers:add",
                        "headers:replace",
                        "headers:remove",
                        "headers:get",
                        "headers:getNumValues",
                        "headers:getAtIndex");
        HostCallEvent get =
                calls.stream().filter(c -> c.name().equals("headers:get")).findFirst().get();
        assertThat(get.args()).containsEntry("key", "x-user");
        assertThat(get.result()).isEqualTo("alice");
    }

    @Test
    void shouldIterateHeadersWithPairs() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local seen = {}
                                                  for k, v in pairs(handle:headers()) do
                                                    seen[#seen + 1] = k .. "=" .. v
                                                  end
                                                  handle:headers():add("x-seen", table.concat(seen, ";"))
                                                end
                                                """),
                                        """
                                        - name: one
                                          headers: [[x-a, "1"], [x-a, "2"]]
                                        """)));
        assertThat(upstream(x, "x-seen"))
                .startsWith(":authority=localhost;:path=/;:method=GET;:scheme=http;x-a=1;x-a=2");
    }

    @Test
    void shouldBufferTheWholeBodyBeforeResumingBody() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local body = handle:body()
                                                  handle:logInfo("length " .. body:length())
                                                  handle:logInfo("bytes " .. body:getBytes(2, 3))
                                                  body:setBytes("rewritten by lua")
                                                end
                                                function envoy_on_response(handle)
                                                  local body = handle:body()
                                                  body:setBytes(string.upper(body:getBytes(0, body:length())))
                                                end
                                                """),
                                        """
                                        - name: post
                                          method: POST
                                          bodyChunks: ["abc", "def", "ghi"]
                                        """)));
        assertThat(logs(x)).contains("script log: length 9", "script log: bytes cde");
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("rewritten by lua");
        assertThat(upstream(x, "content-length")).isEqualTo("16");
        assertThat(new String(x.response().body(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
        // The handler suspended at body() and resumed once, at the end of the body.
        List<CallbackEvent> cbs = of(x.events(), CallbackEvent.class);
        assertThat(cbs)
                .filteredOn(c -> c.name().equals("envoy_on_request"))
                .extracting(CallbackEvent::result)
                .containsExactly("yield: waiting for the whole body", "done");
        assertThat(of(x.events(), StreamEvent.class))
                .extracting(StreamEvent::what)
                .contains("paused", "resumed");
        assertThat(hostcalls(x, "lua"))
                .extracting(HostCallEvent::name)
                .contains("body", "body:length", "body:getBytes", "body:setBytes");
    }

    @Test
    void shouldReturnNilBodyWithoutOneUnlessAskedToWrap() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:headers():add("x-body", tostring(handle:body()))
                                                  handle:headers():add("x-wrapped", tostring(handle:body(true):length()))
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(upstream(x, "x-body")).isEqualTo("nil");
        assertThat(upstream(x, "x-wrapped")).isEqualTo("0");
    }

    @Test
    void shouldRespondLocallyAndEndTheScript() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:respond({[":status"] = "403", ["x-by"] = "lua"}, "denied")
                                                  handle:logInfo("never logged")
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(x.response().status()).isEqualTo(403);
        assertThat(x.response().localReply()).isTrue();
        assertThat(x.response().details()).isEqualTo("lua_response");
        assertThat(response(x, "x-by")).isEqualTo("lua");
        assertThat(new String(x.response().body(), StandardCharsets.UTF_8)).isEqualTo("denied");
        assertThat(x.upstreamRequest()).isNull();
        assertThat(logs(x)).doesNotContain("script log: never logged");
        assertThat(of(x.events(), CallbackEvent.class).get(0).result()).isEqualTo("respond");
    }

    @Test
    void shouldLogAtEveryLevel() {
        RunResult r =
                run(
                        yaml(
                                lua(
                                        "lua",
                                        """
                                        function envoy_on_request(handle)
                                          handle:logTrace("t")
                                          handle:logDebug("d")
                                          handle:logInfo("i")
                                          handle:logWarn("w")
                                          handle:logErr("e")
                                          handle:logCritical("c")
                                        end
                                        """),
                                "- name: get\n"));
        List<LogEvent> logs = of(only(r).events(), LogEvent.class);
        assertThat(logs)
                .extracting(LogEvent::level)
                .containsExactly(
                        LogLevel.TRACE,
                        LogLevel.DEBUG,
                        LogLevel.INFO,
                        LogLevel.WARN,
                        LogLevel.ERROR,
                        LogLevel.CRITICAL);
        assertThat(logs).extracting(LogEvent::message).contains("script log: t", "script log: c");
        // The scenario's level is info: trace and debug lines are kept visible but suppressed.
        assertThat(logs).extracting(LogEvent::suppressed).startsWith(true, true, false);
        assertThat(hostcalls(only(r), "lua"))
                .extracting(HostCallEvent::name)
                .containsExactly(
                        "logTrace", "logDebug", "logInfo", "logWarn", "logErr", "logCritical");
    }

    @Test
    void shouldSuspendOnHttpCallAndResumeWithTheAnswer() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local headers, body = handle:httpCall("auth",
                                                    {[":method"] = "GET", [":path"] = "/check", [":authority"] = "auth"},
                                                    "who?", 500)
                                                  handle:headers():add("x-auth-status", headers[":status"])
                                                  handle:headers():add("x-auth", headers["x-auth"])
                                                  handle:headers():add("x-auth-body", body)
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(upstream(x, "x-auth-status")).isEqualTo("200");
        assertThat(upstream(x, "x-auth")).isEqualTo("ok");
        assertThat(upstream(x, "x-auth-body")).isEqualTo("allowed");
        assertThat(of(x.events(), CallbackEvent.class))
                .filteredOn(c -> c.name().equals("envoy_on_request"))
                .extracting(CallbackEvent::result)
                .containsExactly("yield: waiting for the HTTP call", "done");
        HostCallEvent call =
                hostcalls(x, "lua").stream()
                        .filter(c -> c.name().equals("httpCall"))
                        .findFirst()
                        .get();
        assertThat(call.args())
                .containsEntry("cluster", "auth")
                .containsEntry("path", "/check")
                .containsEntry("timeout_ms", 500L);
    }

    @Test
    void shouldCountTheResumedHandlerToTheFiltersTime() {
        // The work after the call's answer runs outside any stream callback; it is still the
        // filter's time. The loop makes that resumed segment the larger part of the handler.
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:httpCall("auth",
                                                    {[":method"] = "GET", [":path"] = "/", [":authority"] = "auth"},
                                                    nil, 500)
                                                  local n = 0
                                                  for i = 1, 2000000 do n = n + i % 7 end
                                                  handle:headers():add("x-n", tostring(n))
                                                end
                                                """),
                                        "- name: get\n")));
        List<CallbackEvent> segments = Scenarios.callbacks(x, "lua");
        assertThat(segments)
                .extracting(c -> c.args().get("stage"))
                .containsExactly("request_headers", "http_call_response");
        long traced = segments.stream().mapToLong(CallbackEvent::durationNanos).sum();
        assertThat(x.filterNanos().get("lua")).isGreaterThanOrEqualTo(traced);
    }

    @Test
    void shouldReportAPlaintextConnection() {
        // The idiom from Envoy's Lua docs: branch on whether the downstream used TLS.
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  if handle:connection():ssl() == nil then
                                                    handle:headers():add("x-tls", "no")
                                                  end
                                                  local info = handle:streamInfo()
                                                  handle:headers():add("x-ssl-info",
                                                    tostring(info:downstreamSslConnection()))
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(upstream(x, "x-tls")).isEqualTo("no");
        assertThat(upstream(x, "x-ssl-info")).isEqualTo("nil");
        assertThat(hostcalls(x, "lua"))
                .extracting(HostCallEvent::name)
                .contains("connection", "connection:ssl", "streamInfo:downstreamSslConnection");
    }

    @Test
    void shouldFakeA503WhenTheCallFails() {
        String yaml =
                """
                workers: 1
                clusters:
                  backend: {mock: {status: 200, body: "hello"}}
                  slow: {mock: {status: 200, delay: 300ms}}
                route: backend
                filters:
                """
                        + Scenarios.indent(
                                lua(
                                        "lua",
                                        """
                                        function envoy_on_request(handle)
                                          local h, b = handle:httpCall("slow",
                                            {[":method"] = "GET", [":path"] = "/", [":authority"] = "slow"}, nil, 50)
                                          handle:headers():add("x-call", h[":status"] .. " " .. b)
                                        end
                                        """))
                        + "requests:\n  - name: get\n";
        Exchange x = only(run(yaml));
        assertThat(upstream(x, "x-call")).isEqualTo("503 upstream failure");
    }

    @Test
    void shouldSendAsynchronousCallsWithoutWaiting() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:httpCall("auth",
                                                    {[":method"] = "POST", [":path"] = "/audit", [":authority"] = "auth"},
                                                    "seen", 100, true)
                                                  handle:headers():add("x-after", "yes")
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(upstream(x, "x-after")).isEqualTo("yes");
        assertThat(of(x.events(), CallbackEvent.class).get(0).result()).isEqualTo("done");
    }

    @Test
    void shouldExposeStreamInfoAndDynamicMetadata() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local info = handle:streamInfo()
                                                  handle:headers():add("x-protocol", info:protocol())
                                                  handle:headers():add("x-remote", info:downstreamRemoteAddress())
                                                  info:dynamicMetadata():set("envoy.lb", "user", handle:headers():get("x-user"))
                                                  info:dynamicMetadata():set("envoy.lb", "weight", 3)
                                                end
                                                function envoy_on_response(handle)
                                                  local md = handle:streamInfo():dynamicMetadata()
                                                  local lb = md:get("envoy.lb")
                                                  handle:headers():add("x-user-was", lb.user)
                                                  handle:headers():add("x-weight", tostring(lb.weight))
                                                  for ns, values in pairs(md) do
                                                    handle:headers():add("x-ns", ns)
                                                  end
                                                  handle:headers():add("x-none", tostring(md:get("nothing")))
                                                end
                                                """),
                                        """
                                        - name: get
                                          headers: {x-user: alice}
                                        """)));
        assertThat(upstream(x, "x-protocol")).isEqualTo("HTTP/1.1");
        assertThat(upstream(x, "x-remote")).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(response(x, "x-user-was")).isEqualTo("alice");
        assertThat(response(x, "x-weight")).isEqualTo("3");
        assertThat(response(x, "x-ns")).isEqualTo("envoy.lb");
        assertThat(response(x, "x-none")).isEqualTo("nil");
    }

    @Test
    void shouldReadTheFiltersMetadata() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                metadata:
                                                  team: payments
                                                  limits: {rps: 5}
                                                """,
                                                """
                                                function envoy_on_request(handle)
                                                  local md = handle:metadata()
                                                  handle:headers():add("x-team", md:get("team"))
                                                  handle:headers():add("x-rps", tostring(md:get("limits").rps))
                                                  handle:headers():add("x-none", tostring(md:get("nothing")))
                                                  local keys = 0
                                                  for k, v in pairs(md) do keys = keys + 1 end
                                                  handle:headers():add("x-keys", tostring(keys))
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(upstream(x, "x-team")).isEqualTo("payments");
        assertThat(upstream(x, "x-rps")).isEqualTo("5");
        assertThat(upstream(x, "x-none")).isEqualTo("nil");
        assertThat(upstream(x, "x-keys")).isEqualTo("2");
    }

    @Test
    void shouldKeepOneLuaStatePerWorker() {
        String yaml =
                yaml(
                                lua(
                                        "counter",
                                        """
                                        count = 0
                                        function envoy_on_request(handle)
                                          count = count + 1
                                          handle:headers():add("x-count", tostring(count))
                                        end
                                        """),
                                """
                                - name: w0
                                  worker: 0
                                  repeat: 3
                                - name: w1
                                  worker: 1
                                """)
                        .replace("workers: 1", "workers: 2");
        RunResult r = run(yaml);
        List<Exchange> xs = r.exchanges();
        assertThat(xs).extracting(x -> upstream(x, "x-count")).containsExactly("1", "2", "3", "1");
        assertThat(r.snapshot().vms())
                .filteredOn(v -> v.kind().equals("lua"))
                .extracting(VmView::id, VmView::thread)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("counter#w0", "worker-0"),
                        org.assertj.core.groups.Tuple.tuple("counter#w1", "worker-1"));
        assertThat(r.snapshot().vms())
                .filteredOn(v -> v.id().equals("counter#w0"))
                .extracting(VmView::streamsServed)
                .containsExactly(3L);
        assertThat(r.snapshot().metrics())
                .filteredOn(m -> m.name().equals("lua.counter.executions"))
                .extracting(m -> m.value())
                .containsExactly(4L);
    }

    @Test
    void shouldFollowTheScenarioClockInTimestamp() {
        String yaml =
                yaml(
                                lua(
                                        "clock",
                                        """
                                        function envoy_on_request(handle)
                                          handle:headers():add("x-ms", tostring(handle:timestamp()))
                                          handle:headers():add("x-os", tostring(os.time()))
                                        end
                                        """),
                                """
                                - name: first
                                  advanceTime: 2s
                                - name: second
                                """)
                        .replace("workers: 1", "workers: 1\nclock: virtual");
        List<Exchange> xs = run(yaml).exchanges();
        long first = Long.parseLong(upstream(xs.get(0), "x-ms"));
        long second = Long.parseLong(upstream(xs.get(1), "x-ms"));
        assertThat(second - first).isEqualTo(2000);
        assertThat(Long.parseLong(upstream(xs.get(0), "x-os"))).isEqualTo(first / 1000);
    }
}

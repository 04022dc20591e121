package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.callbackNames;
import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.response;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.report.Expectations;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wasm, Lua and native filters in one chain, under Envoy's filter manager rules. */
class MixedChainTest {
    private static final String WASM_ADD_HEADER =
            """
            - name: wasm
              wasm: add-header/add_header.wasm
              rootId: add_header
              configuration: '{"request": {"x-wasm": "1"}, "response": {"x-wasm-resp": "1"}}'
            """;

    @Test
    void shouldLetALuaRespondShortCircuitTheWasmFilterBehindIt() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                        "lua",
                                                        """
                                                        function envoy_on_request(handle)
                                                          handle:respond({[":status"] = "401"}, "who are you?")
                                                        end
                                                        """)
                                                + WASM_ADD_HEADER,
                                        "- name: get\n")));
        assertThat(x.response().status()).isEqualTo(401);
        assertThat(x.response().details()).isEqualTo("lua_response");
        assertThat(x.upstreamRequest()).isNull();
        // The Wasm filter never saw the request; its response side ran for the local reply only
        // if its context had been created, which it had not (Envoy skips such encoders).
        assertThat(callbackNames(x, "wasm")).doesNotContain("proxy_on_request_headers");
        assertThat(callbackNames(x, "wasm")).doesNotContain("proxy_on_response_headers");
        assertThat(response(x, "x-wasm-resp")).isNull();
    }

    @Test
    void shouldHoldALuaFilterBehindAPausedWasmFilter() {
        String yaml =
                yaml(
                        """
                        - name: auth
                          wasm: auth-callout/auth_callout.wasm
                          configuration: {cluster: auth, path: /check, timeoutMs: 500}
                        """
                                + lua(
                                        "lua",
                                        """
                                        function envoy_on_request(handle)
                                          handle:headers():add("x-lua-saw-auth", tostring(handle:headers():get("x-auth")))
                                        end
                                        """),
                        """
                        - name: alice
                          headers: {x-user: alice}
                        """);
        Exchange x = only(run(yaml));
        assertThat(x.response().status()).isEqualTo(200);
        // Lua ran only after the Wasm filter resumed the request (it had added x-auth by then).
        assertThat(upstream(x, "x-lua-saw-auth")).isEqualTo("ok");
        List<CallbackEvent> cbs = of(x.events(), CallbackEvent.class);
        int paused = indexOf(cbs, "auth", "proxy_on_request_headers");
        int answered = indexOf(cbs, "auth", "proxy_on_http_call_response");
        int lua = indexOf(cbs, "lua", "envoy_on_request");
        assertThat(cbs.get(paused).result()).isEqualTo("Pause");
        assertThat(paused).isLessThan(answered);
        assertThat(answered).isLessThan(lua);
    }

    @Test
    void shouldHoldAWasmFilterBehindALuaHttpCall() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                        "lua",
                                                        """
                                                        function envoy_on_request(handle)
                                                          local h = handle:httpCall("auth",
                                                            {[":method"] = "GET", [":path"] = "/", [":authority"] = "auth"}, nil, 100)
                                                          handle:headers():add("x-lua-auth", h["x-auth"])
                                                        end
                                                        """)
                                                + WASM_ADD_HEADER,
                                        "- name: get\n")));
        assertThat(upstream(x, "x-lua-auth")).isEqualTo("ok");
        assertThat(upstream(x, "x-wasm")).isEqualTo("1");
        List<CallbackEvent> cbs = of(x.events(), CallbackEvent.class);
        List<CallbackEvent> luaRuns =
                cbs.stream().filter(c -> c.name().equals("envoy_on_request")).toList();
        int wasm = indexOf(cbs, "wasm", "proxy_on_request_headers");
        assertThat(luaRuns).hasSize(2);
        assertThat(cbs.indexOf(luaRuns.get(1))).isLessThan(wasm);
    }

    @Test
    void shouldBufferABodyForLuaBehindWasmAndNative() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        """
                                        - name: native
                                          native: add-header
                                          config: {name: x-native, value: "1"}
                                        """
                                                + WASM_ADD_HEADER
                                                + lua(
                                                        "lua",
                                                        """
                                                        function envoy_on_request(handle)
                                                          local b = handle:body()
                                                          b:setBytes(handle:headers():get("x-native") .. handle:headers():get("x-wasm") .. b:getBytes(0, b:length()))
                                                        end
                                                        """),
                                        """
                                        - name: post
                                          method: POST
                                          bodyChunks: ["a", "b"]
                                        """)));
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("11ab");
        assertThat(response(x, "x-native")).isEqualTo("1");
        assertThat(response(x, "x-wasm-resp")).isEqualTo("1");
    }

    @Test
    void shouldPassMetadataFromANativeFilterToLua() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        """
                                        - name: h2m
                                          native: header-to-metadata
                                          config:
                                            request_rules:
                                              - header: x-user
                                                on_header_present: {metadata_namespace: envoy.lb, key: user}
                                                remove: true
                                        """
                                                + lua(
                                                        "lua",
                                                        """
                                                        function envoy_on_request(handle)
                                                          local lb = handle:streamInfo():dynamicMetadata():get("envoy.lb")
                                                          handle:headers():add("x-from-metadata", lb.user)
                                                        end
                                                        """),
                                        """
                                        - name: get
                                          headers: {x-user: carol}
                                        """)));
        assertThat(upstream(x, "x-from-metadata")).isEqualTo("carol");
        assertThat(upstream(x, "x-user")).isNull();
    }

    @Test
    void shouldRunTheThreeStylesSamples() throws Exception {
        for (String file : List.of("scenario.yaml", "scenario-ratelimit.yaml")) {
            Scenario s =
                    ScenarioLoader.parse(
                            new String(
                                    MixedChainTest.class
                                            .getClassLoader()
                                            .getResourceAsStream(
                                                    Scenarios.SAMPLES + "three-styles/" + file)
                                            .readAllBytes(),
                                    StandardCharsets.UTF_8),
                            file,
                            Resolvers.classpath(
                                    Scenarios.SAMPLES + "three-styles/",
                                    MixedChainTest.class.getClassLoader()));
            RunResult r = ScenarioRunner.run(s, Playground.Options.defaults(), TraceSink.NONE);
            assertThat(Expectations.check(r)).as(file).isEmpty();
            assertThat(Expectations.checked(r)).as(file).isPositive();
            // Per-filter timing is there for every style.
            for (Exchange x : r.exchanges()) {
                assertThat(x.filterNanos()).hasSize(3);
            }
        }
    }

    private static int indexOf(List<? extends TraceEvent> events, String filter, String name) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof CallbackEvent c
                    && c.filter().equals(filter)
                    && c.name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(filter + " never ran " + name);
    }
}

package io.filterplayground.engine.scenario.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioWriterTest {
    private static final ResourceResolver MODULES =
            ref -> ("bytes of " + ref).getBytes(StandardCharsets.UTF_8);

    private static final String SCENARIO =
            """
            workers: 2
            clock: virtual
            logLevel: debug
            clusters:
              backend:
                mock:
                  status: 201
                  headers: {content-type: text/plain}
                  bodyChunks: ["a", "b"]
                  echo: true
                  delay: 250ms
              auth:
                url: http://127.0.0.1:8081
            route: backend
            properties:
              node: {id: n1}
            filters:
              - name: one
                wasm: modules/one.wasm
                rootId: r1
                vmId: v1
                configuration: {header: x-a, value: "1"}
                vmConfiguration: "vm text"
                failurePolicy: failReload
                reloadBackoff: 2s
                enabled: false
              - name: two
                wasm: sample:deny
            services:
              - name: svc
                wasm: modules/svc.wasm
                rootId: s
                singleton: true
            steps:
              - request:
                  name: first
                  method: POST
                  path: /p
                  headers: [[x-a, "1"], [x-a, "2"]]
                  bodyChunks: ["x", "y"]
                  trailers: {grpc-status: "0"}
                  repeat: 3
                  worker: 1
                  expect:
                    status: 200
                    responseHeaders: {x-b: "2"}
                    logContains: [hello]
              - advance: 1s
            """;

    @Test
    void shouldReadBackTheSameScenario() {
        Scenario first = ScenarioLoader.parse(SCENARIO, "s.yaml", MODULES);
        String yaml = ScenarioWriter.toYaml(first);
        Scenario second = ScenarioLoader.parse(yaml, "s.yaml", MODULES);

        assertThat(ScenarioWriter.toYaml(second)).isEqualTo(yaml);
        assertThat(second.workers()).isEqualTo(2);
        assertThat(second.clock()).isEqualTo(Scenario.ClockMode.VIRTUAL);
        assertThat(second.clusters().keySet()).containsExactly("backend", "auth");
        assertThat(second.clusters().get("backend").mock().delayMillis()).isEqualTo(250);
        assertThat(second.clusters().get("backend").mock().bodyChunks()).hasSize(2);
        WasmFilterSpec one = (WasmFilterSpec) second.filters().get(0);
        assertThat(one.enabled()).isFalse();
        assertThat(one.plugin().configuration())
                .isEqualTo(((WasmFilterSpec) first.filters().get(0)).plugin().configuration());
        assertThat(one.reloadBackoffMillis()).isEqualTo(2000);
        assertThat(second.services().get(0).singleton()).isTrue();
        assertThat(second.steps()).hasSize(2);
        RequestSpec r = second.requests().get(0);
        assertThat(r.request().headers().all("x-a")).containsExactly("1", "2");
        assertThat(r.request().bodyChunks()).hasSize(2);
        assertThat(r.repeat()).isEqualTo(3);
        assertThat(r.worker()).isEqualTo(1);
        assertThat(r.expect().responseHeaders()).isEqualTo(Map.of("x-b", "2"));
        assertThat(second.steps().get(1)).isEqualTo(new Step.Advance(1000));
    }

    private static final String THREE_STYLES =
            """
            workers: 1
            clusters:
              backend: {mock: {status: 200}}
            route: backend
            filters:
              - name: limit
                native: local-rate-limit
                config:
                  token_bucket: {max_tokens: 1, tokens_per_fill: 1, fill_interval: 1s}
                  response_headers_to_add: {x-limited: "true"}
              - name: inline
                enabled: false
                config:
                  metadata: {greeting: hello, count: 2, nested: {a: [1, "2"]}}
                lua: |
                  function envoy_on_request(handle)
                    handle:headers():add("x-greeting", handle:metadata():get("greeting"))
                  end
              - name: from-file
                luaFile: scripts/add.lua
                config:
                  metadata: {request: {x-lua: "1"}}
              - name: wasm
                wasm: sample:deny
            """;

    @Test
    void shouldReadBackLuaAndNativeFilters() {
        Scenario first = ScenarioLoader.parse(THREE_STYLES, "s.yaml", MODULES);
        String yaml = ScenarioWriter.toYaml(first);
        Scenario second = ScenarioLoader.parse(yaml, "s.yaml", MODULES);

        assertThat(ScenarioWriter.toYaml(second)).isEqualTo(yaml);
        assertThat(second.filters())
                .hasExactlyElementsOfTypes(
                        NativeFilterSpec.class,
                        LuaFilterSpec.class,
                        LuaFilterSpec.class,
                        WasmFilterSpec.class);
        NativeFilterSpec limit = (NativeFilterSpec) second.filters().get(0);
        assertThat(limit.kind()).isEqualTo("local-rate-limit");
        assertThat(limit.config()).isEqualTo(((NativeFilterSpec) first.filters().get(0)).config());
        assertThat(limit.config().get("token_bucket"))
                .isEqualTo(Map.of("max_tokens", 1, "tokens_per_fill", 1, "fill_interval", "1s"));
        LuaFilterSpec inline = (LuaFilterSpec) second.filters().get(1);
        LuaFilterSpec firstInline = (LuaFilterSpec) first.filters().get(1);
        assertThat(inline.enabled()).isFalse();
        assertThat(inline.script()).isEqualTo(firstInline.script());
        assertThat(inline.file()).isNull();
        assertThat(inline.config()).isEqualTo(firstInline.config());
        assertThat(inline.config().get("metadata"))
                .isEqualTo(
                        Map.of(
                                "greeting",
                                "hello",
                                "count",
                                2,
                                "nested",
                                Map.of("a", java.util.List.of(1, "2"))));
        LuaFilterSpec fromFile = (LuaFilterSpec) second.filters().get(2);
        assertThat(fromFile.file()).isEqualTo("scripts/add.lua");
        assertThat(fromFile.config())
                .isEqualTo(Map.of("metadata", Map.of("request", Map.of("x-lua", "1"))));
        assertThat(yaml).contains("luaFile: scripts/add.lua").contains("native: local-rate-limit");
    }

    @Test
    void shouldRewriteModuleReferences() {
        Scenario s = ScenarioLoader.parse(SCENARIO, "s.yaml", MODULES);
        String yaml =
                ScenarioWriter.toYaml(s, ref -> ref.startsWith("sample:") ? ref : "../" + ref);
        assertThat(yaml).contains("wasm: ../modules/one.wasm").contains("wasm: sample:deny");
    }

    @Test
    void shouldWritePlainRequestsAsARequestsList() {
        Scenario s =
                ScenarioLoader.parse("filters: []", "s.yaml", MODULES)
                        .withSteps(
                                java.util.List.of(
                                        new Step.Send(
                                                RequestSpec.of(
                                                        "only",
                                                        HttpRequest.get("/x").withBody("hi")))));
        String yaml = ScenarioWriter.toYaml(s);
        assertThat(yaml).contains("requests:").doesNotContain("steps:").contains("body: hi");
        assertThat(ScenarioLoader.parse(yaml, "s.yaml", MODULES).requests().get(0).request().path())
                .isEqualTo("/x");
    }
}

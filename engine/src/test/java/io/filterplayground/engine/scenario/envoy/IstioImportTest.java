package io.filterplayground.engine.scenario.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.report.schema.IstioSchema;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Istio resources imported: WasmPlugins in Istio's order (phase, then descending priority), with
 * their url, pluginName, pluginConfig, failStrategy and vmConfig; type NETWORK on the TCP listener;
 * an EnvoyFilter's added HTTP filter and cluster; a plugin whose image cannot be pulled kept as a
 * placeholder that the Istio export gives back.
 */
class IstioImportTest {
    @TempDir Path dir;

    @Test
    void shouldOrderPluginsAsIstioAndMapTheirFieldsAndPatches() throws Exception {
        Files.write(dir.resolve("add_header.wasm"), SampleModule.ADD_HEADER.wasmBytes());
        Files.write(dir.resolve("deny.wasm"), SampleModule.DENY.wasmBytes());
        Files.write(dir.resolve("tcp_filter.wasm"), TestModule.TCP_FILTER.wasmBytes());
        String yaml =
                """
                apiVersion: extensions.istio.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: stats-last}
                spec:
                  url: file://%1$s/add_header.wasm
                  pluginName: add_header
                  pluginConfig: {request: {x-last: "1"}}
                ---
                apiVersion: extensions.istio.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: low}
                spec:
                  url: file://%1$s/add_header.wasm
                  phase: AUTHZ
                  priority: 1
                  pluginName: add_header
                  pluginConfig: {request: {x-low: "1"}}
                ---
                apiVersion: extensions.istio.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: high}
                spec:
                  url: file://%1$s/deny.wasm
                  phase: AUTHZ
                  priority: 100
                  failStrategy: FAIL_OPEN
                  pluginConfig: {pathPrefix: /admin}
                  vmConfig:
                    env:
                    - {name: TRUST_DOMAIN, value: cluster.local}
                    - {name: POD_NAME, valueFrom: HOST}
                ---
                apiVersion: extensions.istio.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: first}
                spec: {url: "file://%1$s/add_header.wasm", phase: AUTHN, failStrategy: FAIL_RELOAD, pluginName: add_header}
                ---
                apiVersion: extensions.istio.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: unreachable}
                spec: {url: "oci://127.0.0.1:1/filters/gone:1.0", phase: STATS}
                ---
                apiVersion: extensions.istio.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: tcp-inspector}
                spec: {url: "file://%1$s/tcp_filter.wasm", type: NETWORK, pluginName: tcp}
                ---
                apiVersion: networking.istio.io/v1alpha3
                kind: EnvoyFilter
                metadata: {name: lua-and-cluster}
                spec:
                  configPatches:
                  - applyTo: HTTP_FILTER
                    match: {listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager, subFilter: {name: envoy.filters.http.router}}}}}
                    patch:
                      operation: INSERT_BEFORE
                      value:
                        name: lua-tag
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                          default_source_code: {inline_string: "function envoy_on_request(h) h:headers():add('x-lua', 'yes') end"}
                  - applyTo: CLUSTER
                    patch:
                      operation: ADD
                      value: {name: extra, load_assignment: {cluster_name: extra, endpoints: []}}
                  - applyTo: VIRTUAL_HOST
                    patch: {operation: MERGE, value: {}}
                ---
                apiVersion: networking.istio.io/v1beta1
                kind: Gateway
                metadata: {name: gw}
                """
                        .formatted(dir);
        Path f = dir.resolve("istio.yaml");
        Files.writeString(f, yaml);

        EnvoyImport.Imported imp = EnvoyImport.read(f, EnvoyImport.Options.defaults());
        Scenario s = imp.scenario();

        List<FilterSpec> http = s.httpFilters();
        assertThat(http)
                .extracting(FilterSpec::name)
                .containsExactly("first", "high", "low", "unreachable", "lua-tag", "stats-last");
        WasmFilterSpec high = (WasmFilterSpec) http.get(1);
        assertThat(high.plugin().failurePolicy()).isEqualTo(FailurePolicy.FAIL_OPEN);
        assertThat(high.plugin().configuration()).isEqualTo("{\"pathPrefix\":\"/admin\"}");
        assertThat(high.plugin().environment()).isEqualTo(Map.of("TRUST_DOMAIN", "cluster.local"));
        assertThat(((WasmFilterSpec) http.get(0)).plugin().failurePolicy())
                .isEqualTo(FailurePolicy.FAIL_RELOAD);
        assertThat(((WasmFilterSpec) http.get(2)).plugin().rootId()).isEqualTo("add_header");
        PlaceholderFilterSpec unreachable = (PlaceholderFilterSpec) http.get(3);
        assertThat(unreachable.typeUrl()).isEqualTo("extensions.istio.io/v1alpha1/WasmPlugin");
        assertThat(unreachable.reason()).contains("cannot pull oci://127.0.0.1:1/filters/gone:1.0");
        assertThat(http.get(4)).isInstanceOf(LuaFilterSpec.class);
        assertThat(s.tcpListener().filters())
                .extracting(FilterSpec::name)
                .containsExactly("tcp-inspector");
        assertThat(s.clusters()).containsKey("extra");
        assertThat(imp.notes())
                .anyMatch(n -> n.contains("POD_NAME"))
                .anyMatch(n -> n.contains("VIRTUAL_HOST MERGE"))
                .anyMatch(n -> n.contains("Gateway gw"))
                .anyMatch(
                        n ->
                                n.startsWith(
                                        "unreachable (extensions.istio.io/v1alpha1/WasmPlugin): not run here"));

        var x = Fixtures.run(s).sent().get(0).exchange();
        assertThat(x.upstreamRequest().headers().first("x-lua")).hasValue("yes");
        assertThat(x.upstreamRequest().headers().first("x-low")).hasValue("1");
        assertThat(x.upstreamRequest().headers().first("x-last")).hasValue("1");

        List<JsonNode> back = IstioSchema.check(EnvoyExport.istio(s, "registry.example.com/f"));
        assertThat(back)
                .filteredOn(d -> d.at("/metadata/name").asText().equals("unreachable"))
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.at("/spec/url").asText())
                                        .isEqualTo("oci://127.0.0.1:1/filters/gone:1.0"));
    }
}

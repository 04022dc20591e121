package io.filterplayground.engine.report.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.samples.SampleModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every export parses with Envoy's generated v3 API: the sample scenarios, and scenarios that use
 * what the samples do not (every native filter, both listeners, access loggers, services, a remote
 * module, placeholders). The Istio resources are checked against the WasmPlugin schema.
 */
class ExportSchemaTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.filterplayground.engine.SampleScenariosTest#scenarios")
    void shouldExportEverySampleAsABootstrapEnvoyParses(SampleModule sample, String file)
            throws Exception {
        Scenario s = Fixtures.sample(sample, file);

        Bootstrap b = EnvoySchema.bootstrap(EnvoyExport.envoy(s, "/etc/envoy/wasm"));

        assertThat(b.getStaticResources().getListenersCount()).isPositive();
        assertThat(b.getStaticResources().getClustersList())
                .extracting(c -> c.getName())
                .containsAll(s.clusters().keySet());
        IstioSchema.check(EnvoyExport.istio(s, "registry.example.com/filters"));
    }

    @Test
    void shouldExportEveryNativeFilterInEnvoysSchema() throws Exception {
        Scenario s =
                Fixtures.yaml(
                        """
                filters:
                  - name: limit
                    native: local-rate-limit
                    config:
                      token_bucket: {max_tokens: 2, tokens_per_fill: 1, fill_interval: 1s}
                      status: 503
                      response_headers_to_add: {x-limited: "yes"}
                      enable_x_ratelimit_headers: DRAFT_VERSION_03
                  - {name: short, native: add-header, config: {name: x-a, value: "1"}}
                  - {name: both, native: add-header, config: {request: {x-b: "2"}, response: {x-c: "3"}, append: false}}
                  - name: gate
                    native: rbac
                    config:
                      action: DENY
                      policies:
                        bad: {header: x-user, values: [mallory, eve]}
                        path: {header: ":path", safe_regex: "/admin.*"}
                        there: {header: x-debug, present: true}
                  - name: cors
                    native: cors
                    config:
                      allow_origin_string_match: ["*", {exact: "https://a.example"}, {safe_regex: "https://.*[.]b[.]example"}]
                      allow_methods: "GET, POST"
                      allow_credentials: true
                      max_age: "600"
                  - name: meta
                    native: header-to-metadata
                    config:
                      request_rules:
                        - header: x-user
                          on_header_present: {metadata_namespace: envoy.lb, key: user}
                          on_header_missing: {key: user, value: anonymous, type: STRING}
                          remove: true
                  - name: lua
                    lua: "function envoy_on_request(h) end"
                    config:
                      metadata: {limit: 3}
                      filter_context: {who: me}
                  - {name: skipped, wasm: add-header/add_header.wasm, enabled: false}
                """);

        Bootstrap b = EnvoySchema.bootstrap(EnvoyExport.envoy(s, "/wasm"));

        HttpConnectionManager hcm = EnvoySchema.httpConnectionManager(b);
        assertThat(hcm.getHttpFiltersList())
                .extracting(f -> f.getName())
                .containsExactly(
                        "limit",
                        "short",
                        "both",
                        "gate",
                        "cors",
                        "meta",
                        "lua",
                        "skipped",
                        "envoy.filters.http.router");
        assertThat(hcm.getHttpFilters(7).getDisabled()).isTrue();
    }

    @Test
    void shouldExportBothListenersLoggersServicesRemoteModulesAndPlaceholders() throws Exception {
        Scenario s =
                Fixtures.yaml(
                        """
                clusters:
                  backend: {mock: {status: 200, body: ok}}
                  secure: {url: "https://backend.example:8443"}
                  redis: {url: "tcp://10.0.0.7:6379"}
                  echo: {tcp: {echo: true}}
                route: backend
                filters:
                  - {name: header, wasm: add-header/add_header.wasm, vmConfiguration: vm, environment: {A: "1"}, failurePolicy: failReload}
                  - name: authz
                    placeholder: type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
                    reason: the playground has no ext_authz filter
                    config: {stat_prefix: authz, failure_mode_allow: true}
                tcpListener:
                  route: redis
                  filters:
                    - {name: inspector, wasm: testdata/tcp_filter.wasm, rootId: tcp}
                    - name: redis-proxy
                      placeholder: type.googleapis.com/envoy.extensions.filters.network.redis_proxy.v3.RedisProxy
                      enabled: false
                      config: {stat_prefix: redis}
                accessLoggers:
                  - {name: log, wasm: testdata/access_log.wasm}
                services:
                  - {name: stats, wasm: hello-abi/hello_abi.wasm, singleton: false}
                """);

        Bootstrap b = EnvoySchema.bootstrap(EnvoyExport.envoy(s, "/wasm"));

        assertThat(b.getStaticResources().getListenersCount()).isEqualTo(2);
        assertThat(b.getBootstrapExtensionsCount()).isEqualTo(1);
        IstioSchema.check(EnvoyExport.istio(s, "ghcr.io/me"));
    }
}

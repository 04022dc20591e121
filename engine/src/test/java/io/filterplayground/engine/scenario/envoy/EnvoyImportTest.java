package io.filterplayground.engine.scenario.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.report.schema.EnvoySchema;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.util.Sha256;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written Envoy configuration imported: every mapping the README lists (Wasm code sources and
 * configuration types, policies, Lua sources, the native filters, route and clusters, network
 * filters and the TCP proxy, access loggers, Wasm services) and the placeholders, then run through
 * the real engine.
 */
class EnvoyImportTest {
    @TempDir Path dir;
    private MockWebServer server;
    private byte[] remote;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(dir.resolve("wasm"));
        Files.write(dir.resolve("wasm/add_header.wasm"), SampleModule.ADD_HEADER.wasmBytes());
        Files.write(dir.resolve("hello_abi.wasm"), SampleModule.HELLO_ABI.wasmBytes());
        Files.write(dir.resolve("tcp_filter.wasm"), TestModule.TCP_FILTER.wasmBytes());
        Files.writeString(
                dir.resolve("tag.lua"),
                "function envoy_on_request(h) h:headers():add('x-lua-file', 'yes') end\n");
        server = new MockWebServer();
        server.start();
        // The deny sample with a custom section of its own: a digest no other test fetches.
        Buffer b = new Buffer().write(SampleModule.DENY.wasmBytes());
        byte[] name = "envoy-import".getBytes(StandardCharsets.UTF_8);
        b.writeByte(0).writeByte(1 + name.length).writeByte(name.length).write(name);
        remote = b.readByteArray();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private EnvoyImport.Imported importFile(String name, String text, boolean real)
            throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return EnvoyImport.read(f, new EnvoyImport.Options(null, real, Map.of()));
    }

    private static <T> T filter(List<FilterSpec> chain, String name, Class<T> style) {
        return style.cast(
                chain.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow());
    }

    private String bootstrap() {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(remote)).build());
        String inline = Base64.getEncoder().encodeToString(SampleModule.HELLO_ABI.wasmBytes());
        return """
            static_resources:
              listeners:
              - name: http
                address: {socket_address: {address: 0.0.0.0, port_value: 10000}}
                filter_chains:
                - filters:
                  - name: envoy.filters.network.http_connection_manager
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                      stat_prefix: ingress
                      route_config:
                        request_headers_to_add: [{header: {key: x-route, value: "1"}}]
                        virtual_hosts:
                        - name: all
                          domains: ["*"]
                          typed_per_filter_config:
                            envoy.filters.http.cors:
                              "@type": type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy
                              allow_origin_string_match: [{prefix: "https://"}]
                              allow_methods: GET
                          routes:
                          - match: {prefix: /}
                            route: {cluster: web}
                            metadata: {filter_metadata: {envoy.filters.http.lua: {limit: 7}}}
                            typed_per_filter_config:
                              routed-lua:
                                "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.LuaPerRoute
                                name: special
                          - match: {prefix: /other}
                            route: {cluster: other}
                      http_filters:
                      - name: envoy.filters.http.wasm
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                          config:
                            name: tenant
                            root_id: add_header
                            vm_config:
                              vm_id: tenant-vm
                              runtime: envoy.wasm.runtime.v8
                              code: {local: {filename: /etc/envoy/wasm/add_header.wasm}}
                            configuration:
                              "@type": type.googleapis.com/google.protobuf.Struct
                              value: {request: {x-from-struct: "1"}}
                            fail_open: true
                      - name: hello
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                          config:
                            vm_config:
                              runtime: envoy.wasm.runtime.v8
                              code: {local: {inline_bytes: %s}}
                            configuration:
                              "@type": type.googleapis.com/google.protobuf.BytesValue
                              value: %s
                            failure_policy: FAIL_RELOAD
                      - name: fetched
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                          config:
                            vm_config:
                              runtime: envoy.wasm.runtime.v8
                              code: {remote: {http_uri: {uri: "%s", cluster: modules, timeout: 5s}, sha256: %s}}
                            configuration: {"@type": type.googleapis.com/google.protobuf.StringValue, value: '{"pathPrefix": "/admin"}'}
                      - name: stats
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                          config: {vm_config: {runtime: envoy.wasm.runtime.null, code: {local: {inline_string: envoy.wasm.stats}}}}
                      - name: missing
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                          config: {vm_config: {runtime: envoy.wasm.runtime.v8, code: {local: {filename: /opt/nowhere/gone.wasm}}}}
                      - name: old-lua
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                          inline_code: "function envoy_on_request(h) h:headers():add('x-old', 'yes') end"
                      - name: file-lua
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                          default_source_code: {filename: tag.lua}
                      - name: routed-lua
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                          default_source_code: {inline_string: "function envoy_on_request(h) end"}
                          source_codes:
                            special: {inline_string: "function envoy_on_request(h) h:headers():add('x-special', h:metadata():get('limit')) end"}
                            unused: {inline_string: "-- never"}
                      - name: envoy.filters.http.local_ratelimit
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
                          stat_prefix: rl
                          token_bucket: {max_tokens: 10, tokens_per_fill: 10, fill_interval: 1s}
                          filter_enabled: {runtime_key: e, default_value: {numerator: 100, denominator: HUNDRED}}
                          filter_enforced: {runtime_key: f, default_value: {numerator: 100, denominator: HUNDRED}}
                          status: {code: TooManyRequests}
                      - name: half-limit
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
                          stat_prefix: half
                          token_bucket: {max_tokens: 1, fill_interval: 1s}
                      - name: mutate
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation
                          mutations:
                            request_mutations: [{append: {header: {key: x-mutated, value: "yes"}, append_action: OVERWRITE_IF_EXISTS_OR_ADD}}]
                      - name: gate
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC
                          rules:
                            action: DENY
                            policies:
                              bad-users:
                                permissions: [{any: true}]
                                principals: [{header: {name: x-user, string_match: {exact: mallory}}}, {header: {name: x-user, exact_match: eve}}]
                      - name: envoy.filters.http.cors
                        typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors}
                      - name: to-metadata
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.header_to_metadata.v3.Config
                          request_rules: [{header: x-user, on_header_present: {metadata_namespace: app, key: user}}]
                      - name: authz
                        disabled: true
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
                          stat_prefix: authz
                          failure_mode_allow: true
                      - name: envoy.filters.http.router
                        typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
                      access_log:
                      - name: envoy.access_loggers.file
                        typed_config: {"@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog, path: /dev/stdout}
                      - name: envoy.access_loggers.wasm
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.access_loggers.wasm.v3.WasmAccessLog
                          config: {name: hello-log, vm_config: {runtime: envoy.wasm.runtime.v8, code: {local: {filename: hello_abi.wasm}}}}
              - name: tcp
                address: {socket_address: {address: 0.0.0.0, port_value: 10001}}
                filter_chains:
                - filters:
                  - name: inspector
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm
                      config: {root_id: tcp, vm_config: {runtime: envoy.wasm.runtime.v8, code: {local: {filename: tcp_filter.wasm}}}, configuration: {"@type": type.googleapis.com/google.protobuf.StringValue, value: upper}}
                  - name: envoy.filters.network.redis_proxy
                    typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.network.redis_proxy.v3.RedisProxy, stat_prefix: redis}
                  - name: envoy.filters.network.tcp_proxy
                    typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, stat_prefix: tcp, cluster: cache}
              clusters:
              - name: web
                type: STRICT_DNS
                load_assignment: {cluster_name: web, endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: web.internal, port_value: 8443}}}}]}]}
                transport_socket: {name: envoy.transport_sockets.tls, typed_config: {"@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext}}
              - name: cache
                load_assignment: {cluster_name: cache, endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: 127.0.0.1, port_value: 6379}}}}]}]}
              - name: modules
                load_assignment: {cluster_name: modules, endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: 127.0.0.1, port_value: 1}}}}]}]}
            bootstrap_extensions:
            - name: envoy.bootstrap.wasm
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.wasm.v3.WasmService
                singleton: true
                config: {name: svc, vm_config: {vm_id: svc, runtime: envoy.wasm.runtime.v8, code: {local: {filename: hello_abi.wasm}}}}
            """
                .formatted(
                        inline,
                        Base64.getEncoder()
                                .encodeToString("bytes config".getBytes(StandardCharsets.UTF_8)),
                        server.url("/m/deny.wasm"),
                        Sha256.hex(remote));
    }

    @Test
    void shouldMapEveryWasmLuaAndNativeFormAndKeepTheRestAsPlaceholders() throws Exception {
        EnvoyImport.Imported imp = importFile("envoy.yaml", bootstrap(), false);
        Scenario s = imp.scenario();
        List<FilterSpec> http = s.httpFilters();

        assertThat(http)
                .extracting(FilterSpec::name)
                .containsExactly(
                        "tenant",
                        "hello",
                        "fetched",
                        "stats",
                        "missing",
                        "old-lua",
                        "file-lua",
                        "routed-lua",
                        "envoy.filters.http.local_ratelimit",
                        "half-limit",
                        "mutate",
                        "gate",
                        "envoy.filters.http.cors",
                        "to-metadata",
                        "authz",
                        "route-headers");
        WasmFilterSpec tenant = filter(http, "tenant", WasmFilterSpec.class);
        assertThat(tenant.plugin().rootId()).isEqualTo("add_header");
        assertThat(tenant.plugin().vmId()).isEqualTo("tenant-vm");
        assertThat(tenant.plugin().configuration())
                .isEqualTo("{\"request\":{\"x-from-struct\":\"1\"}}");
        assertThat(tenant.plugin().failurePolicy()).isEqualTo(FailurePolicy.FAIL_OPEN);
        assertThat(tenant.plugin().module().ref()).isEqualTo("wasm/add_header.wasm");
        WasmFilterSpec hello = filter(http, "hello", WasmFilterSpec.class);
        assertThat(hello.plugin().module().ref()).isEqualTo("inline:hello.wasm");
        assertThat(hello.plugin().configuration()).isEqualTo("bytes config");
        assertThat(hello.plugin().failurePolicy()).isEqualTo(FailurePolicy.FAIL_RELOAD);
        WasmFilterSpec fetched = filter(http, "fetched", WasmFilterSpec.class);
        assertThat(fetched.plugin().module().sha256()).isEqualTo(Sha256.hex(remote));
        assertThat(filter(http, "stats", PlaceholderFilterSpec.class).reason())
                .contains("compiled into Envoy");
        assertThat(filter(http, "missing", PlaceholderFilterSpec.class).reason())
                .contains("gone.wasm");
        assertThat(filter(http, "old-lua", LuaFilterSpec.class).script()).contains("x-old");
        assertThat(filter(http, "file-lua", LuaFilterSpec.class).file()).isEqualTo("tag.lua");
        LuaFilterSpec routed = filter(http, "routed-lua", LuaFilterSpec.class);
        assertThat(routed.script()).contains("x-special");
        assertThat(routed.config()).isEqualTo(Map.of("metadata", Map.of("limit", 7)));
        NativeFilterSpec rl =
                filter(http, "envoy.filters.http.local_ratelimit", NativeFilterSpec.class);
        assertThat(rl.kind()).isEqualTo("local-rate-limit");
        assertThat(rl.config()).containsEntry("status", 429).containsEntry("per_worker", false);
        assertThat(filter(http, "half-limit", PlaceholderFilterSpec.class).reason())
                .contains("filter_enabled");
        assertThat(filter(http, "mutate", NativeFilterSpec.class).config())
                .isEqualTo(Map.of("request", Map.of("x-mutated", "yes"), "append", false));
        assertThat(filter(http, "gate", NativeFilterSpec.class).config())
                .isEqualTo(
                        Map.of(
                                "action",
                                "DENY",
                                "policies",
                                Map.of(
                                        "bad-users",
                                        Map.of(
                                                "header",
                                                "x-user",
                                                "values",
                                                List.of("mallory", "eve")))));
        assertThat(filter(http, "envoy.filters.http.cors", NativeFilterSpec.class).config())
                .containsEntry("allow_origin_string_match", List.of(Map.of("prefix", "https://")));
        assertThat(filter(http, "to-metadata", NativeFilterSpec.class).kind())
                .isEqualTo("header-to-metadata");
        PlaceholderFilterSpec authz = filter(http, "authz", PlaceholderFilterSpec.class);
        assertThat(authz.enabled()).isFalse();
        assertThat(authz.typeUrl()).endsWith("ext_authz.v3.ExtAuthz");
        assertThat(authz.config()).containsEntry("failure_mode_allow", true);
        assertThat(filter(http, "route-headers", NativeFilterSpec.class).config())
                .isEqualTo(Map.of("request", Map.of("x-route", "1")));

        assertThat(s.route()).isEqualTo("web");
        assertThat(s.clusters()).containsOnlyKeys("web", "cache");
        assertThat(s.clusters().get("web").mock()).isNotNull();
        assertThat(s.tcpListener().route()).isEqualTo("cache");
        assertThat(s.tcpListener().filters())
                .extracting(FilterSpec::name)
                .containsExactly("inspector", "envoy.filters.network.redis_proxy");
        assertThat(s.tcpListener().filters().get(1)).isInstanceOf(PlaceholderFilterSpec.class);
        assertThat(s.accessLoggers()).extracting(a -> a.name()).containsExactly("hello-log");
        assertThat(s.services())
                .singleElement()
                .satisfies(svc -> assertThat(svc.singleton()).isTrue());

        assertThat(imp.notes())
                .anyMatch(
                        n ->
                                n.startsWith(
                                        "authz (type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz): not run here"))
                .anyMatch(
                        n ->
                                n.startsWith(
                                        "stats (type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm)"))
                .anyMatch(n -> n.contains("envoy.access_loggers.file"))
                .anyMatch(n -> n.contains("source_codes [unused]"))
                .anyMatch(n -> n.contains("1 other route(s)"))
                .anyMatch(n -> n.contains("--real-clusters"));
        assertThat(imp.yaml())
                .startsWith("# Imported by filter-playground from envoy.yaml.\n# NOTE: ");
    }

    @Test
    void shouldRunTheImportedChainSkippingPlaceholders() throws Exception {
        Scenario s = importFile("envoy.yaml", bootstrap(), false).scenario();

        RunResult r = Fixtures.run(s);

        var x = r.sent().get(0).exchange();
        assertThat(x.response().status()).isEqualTo(200);
        var upstream = x.upstreamRequest().headers();
        assertThat(upstream.first("x-from-struct")).hasValue("1");
        assertThat(upstream.first("x-special")).hasValue("7");
        assertThat(upstream.first("x-lua-file")).hasValue("yes");
        assertThat(upstream.first("x-old")).hasValue("yes");
        assertThat(upstream.first("x-mutated")).hasValue("yes");
        assertThat(upstream.first("x-route")).hasValue("1");
        assertThat(r.connections())
                .singleElement()
                .satisfies(c -> assertThat(new String(c.result().received())).isEqualTo("HELLO\n"));
    }

    @Test
    void shouldSendToRealAddressesWhenAsked() throws Exception {
        Scenario s = importFile("envoy.yaml", bootstrap(), true).scenario();

        assertThat(s.clusters().get("web").url()).isEqualTo("https://web.internal:8443");
        assertThat(s.clusters().get("cache").url()).isEqualTo("tcp://127.0.0.1:6379");
    }

    @Test
    void shouldExportTheImportBackWithItsPlaceholdersInEnvoysSchema() throws Exception {
        Scenario s = importFile("envoy.yaml", bootstrap(), false).scenario();

        String out = EnvoyExport.envoy(s, "/etc/envoy/wasm");

        var hcm = EnvoySchema.bootstrap(out).getStaticResources().getListeners(0);
        assertThat(out)
                .contains("ext_authz.v3.ExtAuthz")
                .contains("failure_mode_allow: true")
                .contains("redis_proxy");
        assertThat(hcm.getName()).isEqualTo("playground");
    }

    @Test
    void shouldWriteInlineModulesNextToTheSavedScenario() throws Exception {
        Scenario s = importFile("envoy.yaml", bootstrap(), false).scenario();
        Path out = Files.createDirectories(dir.resolve("out")).resolve("imported.yaml");

        ScenarioWriter.write(s, out, UnaryOperator.identity());

        assertThat(out.resolveSibling("hello.wasm"))
                .hasBinaryContent(SampleModule.HELLO_ABI.wasmBytes());
        assertThat(Files.readString(out)).contains("wasm: hello.wasm");
    }

    @Test
    void shouldImportAListenerAndAnHttpConnectionManagerAlone() throws Exception {
        String listener =
                """
                {"name": "l", "address": {"socket_address": {"address": "0.0.0.0", "port_value": 1}},
                 "filter_chains": [{"filters": [
                   {"name": "inspector", "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm",
                     "config": {"root_id": "tcp", "vm_config": {"code": {"local": {"filename": "tcp_filter.wasm"}}}}}},
                   {"name": "proxy", "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", "stat_prefix": "s", "cluster": "up"}}]}]}
                """;
        Scenario tcp = importFile("listener.json", listener, false).scenario();
        assertThat(tcp.listener()).isEqualTo(Listener.TCP);
        assertThat(tcp.route()).isEqualTo("up");
        assertThat(tcp.clusters().get("up").tcp().echo()).isTrue();

        String hcm =
                """
                stat_prefix: x
                route_config: {virtual_hosts: [{name: a, domains: ["*"], routes: [{match: {prefix: /}, route: {cluster: app}}]}]}
                http_filters:
                - name: lua
                  typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua, default_source_code: {inline_string: "-- hi"}}
                - name: envoy.filters.http.router
                  typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
                """;
        Scenario http = importFile("hcm.yaml", hcm, false).scenario();
        assertThat(http.filters()).extracting(FilterSpec::name).containsExactly("lua");
        assertThat(http.route()).isEqualTo("app");
    }

    @Test
    void shouldRefuseWhatIsNeitherEnvoyNorIstioInOneLine() {
        assertThatThrownBy(() -> importFile("x.yaml", "foo: 1\n", false))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(
                        "x.yaml: not an Envoy bootstrap, listener or HTTP connection manager, nor an Istio WasmPlugin or EnvoyFilter");
        assertThatThrownBy(() -> importFile("y.yaml", "a: [\n", false))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("y.yaml: not valid YAML or JSON");
        assertThat(EnvoyImport.recognizes("filters: []\nrequests: []\n")).isFalse();
        assertThat(EnvoyImport.recognizes("static_resources: {}\n")).isTrue();
    }

    @Test
    void shouldLoadAPlaceholderFromAScenarioFileAndWriteItBack() {
        Scenario s =
                Fixtures.yaml(
                        """
                filters:
                  - name: authz
                    placeholder: type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
                    reason: no such filter here
                    config: {stat_prefix: a}
                requests: [{name: one}]
                """);

        String yaml = ScenarioWriter.toYaml(s);

        assertThat(ScenarioLoader.parse(yaml, "again.yaml", Fixtures.resolver("")).filters())
                .isEqualTo(s.filters());
        assertThat(Fixtures.run(s).sent().get(0).exchange().response().status()).isEqualTo(200);
    }
}

package io.filterplayground.engine.scenario.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.report.schema.EnvoySchema;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.samples.SampleModule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code import(export(scenario))} is the same chain: every sample scenario, and one that has what
 * the samples do not (both listeners, natives, Lua metadata, placeholders, access loggers), goes
 * out as an Envoy bootstrap with its modules beside it (the compose layout) and comes back.
 */
class RoundTripTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.filterplayground.engine.SampleScenariosTest#scenarios")
    void shouldImportEverySamplesExportAsTheSameChain(SampleModule sample, String file)
            throws Exception {
        Scenario s = Fixtures.sample(sample, file);

        Scenario back = roundTrip(s);

        assertThat(Chains.of(back)).isEqualTo(Chains.afterEnvoy(s));
    }

    @Test
    void shouldKeepBothListenersNativesLuaMetadataPlaceholdersAndLoggers() throws Exception {
        Scenario s =
                Fixtures.yaml(
                        """
                clusters:
                  backend: {mock: {status: 201, body: made}}
                  auth: {mock: {status: 403}}
                  redis: {tcp: {replies: ["+PONG\\r\\n"], close: true}}
                route: backend
                filters:
                  - {name: header, wasm: add-header/add_header.wasm, rootId: add_header, vmId: shared, vmConfiguration: vm-text, environment: {A: "1"}, failurePolicy: failReload, reloadBackoff: 250ms}
                  - name: limit
                    native: local-rate-limit
                    config: {token_bucket: {max_tokens: 2, tokens_per_fill: 1, fill_interval: 1s}, status: 503}
                  - {name: tag, native: add-header, config: {name: x-a, value: "1"}}
                  - {name: gate, native: rbac, config: {action: DENY, policies: {bad: {header: x-user, values: [mallory, eve]}}}}
                  - {name: meta, native: header-to-metadata, config: {request_rules: [{header: x-user, on_header_present: {key: user}}]}}
                  - name: cors
                    native: cors
                    config: {allow_origin_string_match: ["*", {exact: "https://a.example"}], allow_methods: "GET"}
                  - {name: script, lua: "function envoy_on_request(h) end", config: {metadata: {limit: 3}}}
                  - {name: later, wasm: deny/deny.wasm, enabled: false, configuration: {pathPrefix: /admin}}
                  - name: authz
                    placeholder: type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
                    reason: the playground has no ext_authz filter
                    config: {stat_prefix: authz}
                tcpListener:
                  route: redis
                  filters:
                    - {name: inspector, wasm: testdata/tcp_filter.wasm, rootId: tcp, configuration: lines}
                accessLoggers:
                  - {name: log, wasm: testdata/access_log.wasm}
                services:
                  - {name: stats, wasm: hello-abi/hello_abi.wasm, singleton: false}
                """);

        Scenario back = roundTrip(s);

        assertThat(Chains.of(back)).isEqualTo(Chains.afterEnvoy(s));
    }

    /** Export to {@code dir} (bootstrap and modules), checked by Envoy's schema, and import. */
    private Scenario roundTrip(Scenario s) throws Exception {
        String bootstrap = EnvoyExport.envoy(s, "/etc/envoy/wasm");
        EnvoySchema.bootstrap(bootstrap);
        Path wasm = Files.createDirectories(dir.resolve("wasm"));
        for (ModuleSource m : ModuleSource.allOf(s)) {
            Files.write(wasm.resolve(m.name()), m.bytes());
        }
        Path file = dir.resolve("envoy.yaml");
        Files.writeString(file, bootstrap);
        return EnvoyImport.read(file, EnvoyImport.Options.defaults()).scenario();
    }
}

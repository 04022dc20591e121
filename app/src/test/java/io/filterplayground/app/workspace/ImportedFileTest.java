package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.samples.SampleModule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's Open takes an Envoy file: its chain shows with the placeholder marked and explained,
 * it runs, and it is saved as a scenario beside it, never over it.
 */
class ImportedFileTest extends UiThreadTest {
    @TempDir Path dir;
    private WorkspaceViewModel vm;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void shouldShowAnOpenedEnvoyFilesChainWithItsPlaceholderMarkedAndRunIt() throws Exception {
        Files.write(dir.resolve("add_header.wasm"), SampleModule.ADD_HEADER.wasmBytes());
        Path envoy = dir.resolve("envoy.yaml");
        Files.writeString(
                envoy,
                """
                static_resources:
                  listeners:
                  - name: l
                    filter_chains:
                    - filters:
                      - name: envoy.filters.network.http_connection_manager
                        typed_config:
                          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                          stat_prefix: x
                          route_config: {virtual_hosts: [{name: a, domains: ["*"], routes: [{match: {prefix: /}, route: {cluster: app}}]}]}
                          http_filters:
                          - name: tenant
                            typed_config:
                              "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
                              config:
                                root_id: add_header
                                vm_config: {code: {local: {filename: /etc/envoy/wasm/add_header.wasm}}}
                                configuration: {"@type": type.googleapis.com/google.protobuf.StringValue, value: '{"request": {"x-tenant": "t"}}'}
                          - name: authz
                            typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz}
                          - name: envoy.filters.http.router
                            typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
                """);
        vm = onUi(() -> new WorkspaceViewModel(ui, timer, background));

        await(() -> vm.open(envoy));

        var items = onUi(() -> vm.chain().items().stream().toList());
        assertThat(items).extracting(FilterItem::style).containsExactly("wasm", "placeholder");
        FilterItem authz = items.get(1);
        assertThat(authz.moduleLabel()).isEqualTo("not run: ExtAuthz");
        assertThat(authz.placeholderReason())
                .contains("has no envoy.extensions.filters.http.ext_authz");
        assertThat(onUi(() -> vm.titleProperty().get())).endsWith("imported from envoy.yaml");
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .contains("1 filter(s) the playground cannot run are kept as placeholders");
        assertThat(onUi(() -> vm.dirtyProperty().get())).isTrue();
        assertThat(vm.file()).isEqualTo(dir.resolve("envoy-scenario.yaml"));
        RecordedExchange x = await(() -> vm.send());
        assertThat(x.exchange().upstreamRequest().headers().first("x-tenant")).contains("t");

        assertThat(onUi(() -> vm.save(vm.file()))).isTrue();
        assertThat(Files.readString(dir.resolve("envoy-scenario.yaml")))
                .contains("wasm: add_header.wasm")
                .contains(
                        "placeholder: type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz");
        assertThat(Files.readString(envoy)).startsWith("static_resources:");
    }
}

package io.filterplayground.engine.report.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.filters.http.wasm.v3.Wasm;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.samples.SampleModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format compose}: a folder that runs the chain in Envoy's Docker image (not run
 * here): the bootstrap Envoy's schema accepts, every module it names under its mount, and a compose
 * file with a pinned image, both mounts and the listener ports.
 */
class ComposeExportTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir Path dir;

    @Test
    void shouldWriteTheBootstrapTheModulesAndAComposeFileThatMountsThem() throws Exception {
        Scenario s = Fixtures.sample(SampleModule.STATS_AGGREGATOR, "scenario.yaml");

        List<Path> files = EnvoyExport.compose(s, dir);

        assertThat(files)
                .contains(dir.resolve("envoy.yaml"), dir.resolve("compose.yaml"))
                .contains(dir.resolve("wasm/stats_aggregator.wasm"), dir.resolve("wasm/deny.wasm"));
        Bootstrap b = EnvoySchema.bootstrap(Files.readString(dir.resolve("envoy.yaml")));
        HttpConnectionManager hcm = EnvoySchema.httpConnectionManager(b);
        List<String> named = new ArrayList<>();
        for (var f : hcm.getHttpFiltersList()) {
            if (f.getTypedConfig().is(Wasm.class)) {
                named.add(
                        f.getTypedConfig()
                                .unpack(Wasm.class)
                                .getConfig()
                                .getVmConfig()
                                .getCode()
                                .getLocal()
                                .getFilename());
            }
        }
        b.getBootstrapExtensionsList()
                .forEach(e -> assertThat(e.getName()).isEqualTo("envoy.bootstrap.wasm"));
        assertThat(named).isNotEmpty();
        for (String path : named) {
            assertThat(path).startsWith("/etc/envoy/wasm/");
            assertThat(dir.resolve("wasm").resolve(path.substring("/etc/envoy/wasm/".length())))
                    .isRegularFile();
        }

        JsonNode compose = YAML.readTree(dir.resolve("compose.yaml").toFile());
        JsonNode envoy = compose.at("/services/envoy");
        assertThat(envoy.path("image").asText()).matches("envoyproxy/envoy:v\\d+\\.\\d+\\.\\d+");
        assertThat(envoy.path("volumes").toString())
                .contains("./envoy.yaml:/etc/envoy/envoy.yaml:ro")
                .contains("./wasm:/etc/envoy/wasm:ro");
        assertThat(envoy.path("command").toString())
                .isEqualTo("[\"-c\",\"/etc/envoy/envoy.yaml\",\"--concurrency\",\"2\"]");
        assertThat(envoy.path("ports").toString()).isEqualTo("[\"10000:10000\"]");
        assertThat(Files.readString(dir.resolve("compose.yaml")))
                .contains("# or: docker run --rm -p 10000:10000 -v ");
    }

    @Test
    void shouldPublishBothListenersPorts() throws Exception {
        Scenario s =
                Fixtures.yaml(
                        """
                clusters: {backend: {mock: {status: 200}}, redis: {tcp: {echo: true}}}
                route: backend
                filters: [{wasm: add-header/add_header.wasm}]
                tcpListener: {route: redis, filters: [{wasm: testdata/tcp_filter.wasm}]}
                """);

        EnvoyExport.compose(s, dir);

        JsonNode compose = YAML.readTree(dir.resolve("compose.yaml").toFile());
        assertThat(compose.at("/services/envoy/ports").toString())
                .isEqualTo("[\"10000:10000\",\"10001:10001\"]");
        assertThat(dir.resolve("wasm/tcp_filter.wasm")).isRegularFile();
    }
}

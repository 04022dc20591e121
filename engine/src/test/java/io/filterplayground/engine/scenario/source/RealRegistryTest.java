package io.filterplayground.engine.scenario.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyImport;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.samples.SampleModule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oci://} pulls from a real registry: Debian's docker-registry started on loopback with
 * basic auth, images pushed through its HTTP API. A Wasm artifact image by tag and by digest, an
 * Istio compat image, credentials from a docker config, and what a registry says about a wrong
 * digest, a missing tag and a pull without credentials. Skipped, saying why, where docker-registry
 * is not installed ({@code .ci/run} installs it).
 */
class RealRegistryTest {
    @TempDir static Path dir;
    private static RegistryServer registry;
    private static String artifactDigest;

    @BeforeAll
    static void start() throws Exception {
        Path binary = RegistryServer.binary();
        Assumptions.assumeTrue(
                binary != null,
                "docker-registry is not installed (apt-get install docker-registry; .ci/run does)");
        registry = RegistryServer.start(binary, dir);
        artifactDigest =
                registry.pushWasmArtifact(
                        "filters/add-header", "1.0", SampleModule.ADD_HEADER.wasmBytes());
        registry.pushCompatImage("filters/deny", "compat", SampleModule.DENY.wasmBytes());
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void login() throws Exception {
        System.setProperty("filterplayground.docker.config", registry.dockerConfig(dir).toString());
    }

    @AfterEach
    void logout() {
        System.clearProperty("filterplayground.docker.config");
    }

    private String ref(String rest) {
        return "oci://" + registry.host() + "/" + rest;
    }

    @Test
    void shouldPullAWasmArtifactByTagAndByDigestWithTheSavedLogin() throws Exception {
        assertThat(OciModules.fetch(ref("filters/add-header:1.0")))
                .isEqualTo(SampleModule.ADD_HEADER.wasmBytes());
        assertThat(OciModules.fetch(ref("filters/add-header@" + artifactDigest)))
                .isEqualTo(SampleModule.ADD_HEADER.wasmBytes());
    }

    @Test
    void shouldPullPluginWasmFromAnIstioCompatImage() throws Exception {
        assertThat(OciModules.fetch(ref("filters/deny:compat")))
                .isEqualTo(SampleModule.DENY.wasmBytes());
    }

    @Test
    void shouldSayWhatTheRegistrySaysOfAWrongDigestAMissingTagAndNoLogin() {
        String wrong = "sha256:" + "0".repeat(64);
        assertThatThrownBy(() -> OciModules.fetch(ref("filters/add-header@" + wrong)))
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> OciModules.fetch(ref("filters/add-header:2.0")))
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("manifests/2.0");
        System.clearProperty("filterplayground.docker.config");
        System.setProperty("filterplayground.docker.config", dir.resolve("none.json").toString());
        assertThatThrownBy(() -> OciModules.fetch(ref("filters/add-header:1.0")))
                .hasMessageContaining("wants credentials")
                .hasMessageContaining("docker login " + registry.host());
    }

    @Test
    void shouldRunAScenarioWhoseModuleIsPulledAndComeBackFromItsIstioExport() throws Exception {
        Scenario s =
                ScenarioLoader.parse(
                        """
                        filters:
                          - {name: add-header, wasm: "%s", rootId: add_header, configuration: '{"request": {"x-pulled": "yes"}}'}
                        requests: [{name: one}]
                        """
                                .formatted(ref("filters/add-header:1.0")),
                        "pulled.yaml",
                        Fixtures.resolver(""));
        assertThat(
                        Fixtures.run(s)
                                .sent()
                                .get(0)
                                .exchange()
                                .upstreamRequest()
                                .headers()
                                .first("x-pulled"))
                .contains("yes");

        Path istio = dir.resolve("istio.yaml");
        Files.writeString(istio, EnvoyExport.istio(s, registry.host() + "/filters"));
        Scenario back = EnvoyImport.read(istio, EnvoyImport.Options.defaults()).scenario();
        WasmFilterSpec w = (WasmFilterSpec) back.filters().get(0);
        assertThat(w.plugin().module().bytes()).isEqualTo(SampleModule.ADD_HEADER.wasmBytes());
        assertThat(w.plugin().rootId()).isEqualTo("add_header");
        assertThat(w.plugin().configuration()).isEqualTo("{\"request\":{\"x-pulled\":\"yes\"}}");
    }
}

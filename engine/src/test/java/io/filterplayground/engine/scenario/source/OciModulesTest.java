package io.filterplayground.engine.scenario.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.samples.SampleModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Modules pulled from an OCI registry (a local one, played by MockWebServer). */
class OciModulesTest {
    private static final byte[] WASM = SampleModule.ADD_HEADER.wasmBytes();

    private MockWebServer registry;
    private final Map<String, MockResponse> routes = new HashMap<>();
    private boolean needsToken;

    /**
     * When set, the registry wants this Authorization (a Basic challenge), or its token service
     * does.
     */
    private String login;

    private boolean basicChallenge;

    @BeforeEach
    void start() throws Exception {
        registry = new MockWebServer();
        registry.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest r) {
                        String target = r.getTarget();
                        String auth = r.getHeaders().get("Authorization");
                        if (target.startsWith("/token")) {
                            if (login != null && !("Basic " + login).equals(auth)) {
                                return new MockResponse.Builder().code(401).build();
                            }
                            return new MockResponse.Builder().body("{\"token\": \"t0k\"}").build();
                        }
                        if (basicChallenge && !("Basic " + login).equals(auth)) {
                            return new MockResponse.Builder()
                                    .code(401)
                                    .addHeader("WWW-Authenticate", "Basic realm=\"registry\"")
                                    .build();
                        }
                        if (needsToken
                                && !"Bearer t0k".equals(r.getHeaders().get("Authorization"))) {
                            return new MockResponse.Builder()
                                    .code(401)
                                    .addHeader(
                                            "WWW-Authenticate",
                                            "Bearer realm=\""
                                                    + registry.url("/token")
                                                    + "\",service=\"registry\","
                                                    + "scope=\"repository:filters/add:pull\"")
                                    .build();
                        }
                        MockResponse m = routes.get(target);
                        return m != null ? m : new MockResponse.Builder().code(404).build();
                    }
                });
        registry.start();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private static String digest(byte[] b) {
        return "sha256:" + LoadedModule.sha256(b);
    }

    /** The manifest of an image whose only layer is {@code layer}, of {@code mediaType}. */
    private static String manifest(byte[] layer, String mediaType) {
        return """
                {"schemaVersion": 2,
                 "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                            "digest": "sha256:%s", "size": 2},
                 "layers": [{"mediaType": "%s", "digest": "%s", "size": %d}]}
                """
                .formatted("0".repeat(64), mediaType, digest(layer), layer.length);
    }

    /**
     * Publishes {@code layer} as the image's only layer, of {@code mediaType}, under {@code tag}.
     */
    private String publish(String tag, byte[] layer, String mediaType) {
        routes.put(
                "/v2/filters/add/manifests/" + tag,
                new MockResponse.Builder().body(manifest(layer, mediaType)).build());
        routes.put(
                "/v2/filters/add/blobs/" + digest(layer),
                new MockResponse.Builder().body(new Buffer().write(layer)).build());
        return "oci://localhost:" + registry.getPort() + "/filters/add:" + tag;
    }

    private static Scenario scenario(String ref) {
        return ScenarioLoader.parse(
                """
                workers: 1
                filters:
                  - name: add
                    wasm: "%s"
                    rootId: add_header
                    configuration: '{"request": {"x-a": "1"}}'
                requests:
                  - {name: one}
                """
                        .formatted(ref),
                "oci.yaml",
                r -> new byte[0]);
    }

    @Test
    void shouldPullAWasmArtifactAndRunIt() throws Exception {
        String ref = publish("1.0", WASM, "application/vnd.module.wasm.content.layer.v1+wasm");

        Scenario s = scenario(ref);
        RunResult r = Fixtures.run(s);

        assertThat(((WasmFilterSpec) s.filters().get(0)).plugin().module().name())
                .isEqualTo("add.wasm");
        assertThat(((WasmFilterSpec) s.filters().get(0)).plugin().module().bytes()).isEqualTo(WASM);
        assertThat(r.exchanges().get(0).upstreamRequest().headers().first("x-a")).contains("1");
        // Istio pulls the same image itself; Envoy needs the file put in place.
        assertThat(EnvoyExport.istio(s, "unused")).contains("url: " + ref);
        assertThat(EnvoyExport.envoy(s, "/etc/envoy/wasm"))
                .contains(
                        "# NOTE: Envoy cannot pull "
                                + ref
                                + ": put the module at /etc/envoy/wasm/add.wasm")
                .contains("filename: /etc/envoy/wasm/add.wasm");
    }

    @Test
    void shouldTakePluginWasmFromACompatImageBehindATokenChallenge() throws Exception {
        needsToken = true;
        String ref =
                publish(
                        "compat",
                        tarGz("plugin.wasm", WASM),
                        "application/vnd.docker.image.rootfs.diff.tar.gzip");

        assertThat(OciModules.fetch(ref)).isEqualTo(WASM);
    }

    @Test
    void shouldFollowAnImageIndexToItsManifest() throws Exception {
        String wasmLayer = "application/vnd.module.wasm.content.layer.v1+wasm";
        publish("inner", WASM, wasmLayer);
        byte[] manifest = manifest(WASM, wasmLayer).getBytes(StandardCharsets.UTF_8);
        routes.put(
                "/v2/filters/add/manifests/" + digest(manifest),
                new MockResponse.Builder().body(new Buffer().write(manifest)).build());
        routes.put(
                "/v2/filters/add/manifests/multi",
                new MockResponse.Builder()
                        .body(
                                """
                                {"schemaVersion": 2,
                                 "mediaType": "application/vnd.oci.image.index.v1+json",
                                 "manifests": [{"mediaType":
                                   "application/vnd.oci.image.manifest.v1+json",
                                   "digest": "%s", "size": %d}]}
                                """
                                        .formatted(digest(manifest), manifest.length))
                        .build());

        assertThat(OciModules.fetch("oci://localhost:" + registry.getPort() + "/filters/add:multi"))
                .isEqualTo(WASM);
    }

    @Test
    void shouldLogInWithTheCredentialsDockerLoginSaved(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        login =
                java.util.Base64.getEncoder()
                        .encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
        Path config = dir.resolve("config.json");
        java.nio.file.Files.writeString(
                config,
                "{\"auths\": {\"https://localhost:"
                        + registry.getPort()
                        + "\": {\"auth\": \""
                        + login
                        + "\"}}}");
        String ref = publish("private", WASM, "application/vnd.module.wasm.content.layer.v1+wasm");
        String before = System.getProperty("filterplayground.docker.config");
        System.setProperty("filterplayground.docker.config", config.toString());
        try {
            // A token service that wants the login, then a registry that wants it directly.
            needsToken = true;
            assertThat(OciModules.fetch(ref)).isEqualTo(WASM);
            needsToken = false;
            basicChallenge = true;
            assertThat(OciModules.fetch(ref)).isEqualTo(WASM);

            java.nio.file.Files.writeString(config, "{\"auths\": {}}");
            assertThatThrownBy(() -> OciModules.fetch(ref))
                    .hasMessage(
                            "the registry wants credentials, and "
                                    + config
                                    + " has none for localhost:"
                                    + registry.getPort()
                                    + " (docker login localhost:"
                                    + registry.getPort()
                                    + ")");
        } finally {
            if (before == null) {
                System.clearProperty("filterplayground.docker.config");
            } else {
                System.setProperty("filterplayground.docker.config", before);
            }
        }
    }

    @Test
    void shouldRefuseABlobWhoseDigestDiffers() {
        String ref = publish("bad", WASM, "application/vnd.module.wasm.content.layer.v1+wasm");
        routes.put(
                "/v2/filters/add/blobs/" + digest(WASM),
                new MockResponse.Builder().body("tampered").build());

        assertThatThrownBy(() -> scenario(ref))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("filters[0].wasm: cannot pull " + ref)
                .hasMessageContaining("the layer has digest sha256:");
    }

    @Test
    void shouldSayWhatTheRegistryAnswered() {
        String ref = "oci://localhost:" + registry.getPort() + "/filters/add:missing";
        assertThatThrownBy(() -> scenario(ref))
                .hasMessageContaining(
                        "cannot pull "
                                + ref
                                + ": the registry answered HTTP 404 for"
                                + " /v2/filters/add/manifests/missing");
        assertThatThrownBy(() -> scenario("oci://nothing"))
                .hasMessageContaining("not an OCI reference");
    }

    /** A one-file tar.gz, as a "compat" Wasm image layer holds it. */
    /** A gzipped tar of one file (ustar headers), as Istio's compat images hold plugin.wasm. */
    static byte[] tarGz(String name, byte[] content) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, header, 0, n.length);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        tar.write(header);
        tar.write(content);
        tar.write(new byte[(512 - content.length % 512) % 512]);
        tar.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}

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
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.samples.SampleModule;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Modules fetched over HTTP, pinned by sha256 as Envoy's remote data source requires, from a local
 * server.
 */
class RemoteModuleTest {
    private MockWebServer server;

    /**
     * The add-header sample with a custom section naming this test: a digest of its own, since
     * fetched modules are kept by digest for the whole process.
     */
    private byte[] module;

    private String digest;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        server = new MockWebServer();
        server.start();
        byte[] name = test.getDisplayName().getBytes(StandardCharsets.UTF_8);
        Buffer b = new Buffer().write(SampleModule.ADD_HEADER.wasmBytes());
        b.writeByte(0).writeByte(1 + name.length).writeByte(name.length).write(name);
        module = b.readByteArray();
        digest = LoadedModule.sha256(module);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void serveModule() {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(module)).build());
    }

    private String url(String name) {
        return server.url("/modules/" + name + "/add_header.wasm").toString();
    }

    private static String scenario(String url, String sha256Line) {
        return """
                workers: 1
                clusters: {backend: {mock: {status: 200}}}
                route: backend
                filters:
                  - name: remote
                    wasm: "%s"
                %s    rootId: add_header
                    configuration: '{"request": {"x-from": "remote"}}'
                requests:
                  - {name: one}
                """
                .formatted(url, sha256Line);
    }

    private static String pinned(String digest) {
        return "    sha256: " + digest + "\n";
    }

    private static Scenario parse(String yaml) {
        return ScenarioLoader.parse(yaml, "remote.yaml", ref -> new byte[0]);
    }

    @Test
    void shouldFetchCheckAndRunARemoteModule() throws Exception {
        serveModule();
        String url = url("run");

        Scenario s = parse(scenario(url, pinned(digest.toUpperCase())));
        RunResult r = Fixtures.run(s);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/modules/run/add_header.wasm");
        assertThat(((WasmFilterSpec) s.filters().get(0)).plugin().module().name())
                .isEqualTo("add_header.wasm");
        assertThat(r.exchanges().get(0).upstreamRequest().headers().first("x-from"))
                .contains("remote");
        // Saved as written (digest normalised), so the file reopens the same way.
        assertThat(ScenarioWriter.toYaml(s)).contains("wasm: " + url, "sha256: " + digest);
    }

    @Test
    void shouldNotDownloadAModuleItAlreadyHasByDigest() {
        serveModule();
        String url = url("cache");
        parse(scenario(url, pinned(digest)));
        parse(scenario(url, pinned(digest)));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void shouldRequireTheDigestOfARemoteModuleAndNameIt() {
        serveModule();
        assertThatThrownBy(() -> parse(scenario(url("nodigest"), "")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("remote.yaml: filters[0].sha256: a module fetched over HTTP")
                .hasMessageContaining("has sha256 " + digest);
    }

    @Test
    void shouldRefuseAModuleWhoseDigestDiffers() {
        serveModule();
        String wrong = "f".repeat(64);
        assertThatThrownBy(() -> parse(scenario(url("wrong"), pinned(wrong))))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("filters[0].sha256: the module at ")
                .hasMessageContaining("has sha256 " + digest + ", not " + wrong);
    }

    @Test
    void shouldSayWhatTheServerAnswered() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        assertThatThrownBy(() -> parse(scenario(url("missing"), pinned("e".repeat(64)))))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("filters[0].wasm: cannot fetch ")
                .hasMessageContaining("the server answered HTTP 404");
    }

    @Test
    void shouldRejectADigestThatIsNotOne() {
        assertThatThrownBy(() -> parse(scenario(url("bad"), pinned("abc"))))
                .hasMessageContaining("filters[0].sha256: must be 64 hex digits");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "filters:\n  - {name: l, lua: 'x = 1', sha256: "
                                                + digest
                                                + "}\n"))
                .hasMessageContaining("filters[0].sha256: only a wasm: module has a digest");
    }

    @Test
    void shouldCheckThePinnedDigestOfALocalModuleToo() {
        assertThatThrownBy(
                        () ->
                                ScenarioLoader.parse(
                                        scenario("local.wasm", pinned("d".repeat(64))),
                                        "local.yaml",
                                        ref -> module))
                .hasMessageContaining("has sha256 " + digest + ", not " + "d".repeat(64));
    }

    @Test
    void shouldExportTheRemoteSourceForEnvoyAndIstio() {
        serveModule();
        String url = url("export");
        Scenario s = parse(scenario(url, pinned(digest)));

        String envoy = EnvoyExport.envoy(s, "/etc/envoy/wasm");
        assertThat(envoy)
                .contains("remote:", "uri: " + url, "sha256: " + digest)
                .contains("cluster: wasm_fetch_" + server.getHostName().replace('.', '_'));
        String istio = EnvoyExport.istio(s, "registry.example.com/filters");
        assertThat(istio).contains("url: " + url, "sha256: " + digest);
    }
}

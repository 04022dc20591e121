package io.filterplayground.engine.scenario.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.samples.SampleModule;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials stay with the registry: sent only to it or to the token service its
 * challenge names, only over TLS (plain HTTP on this machine only), never on a redirect to another
 * host (a blob's storage host), and never into messages, results or saved scenarios.
 */
class RegistryCredentialsTest {
    private static final byte[] WASM = SampleModule.ADD_HEADER.wasmBytes();
    private static final String PASSWORD = "s3cret-pw";
    private static final String LOGIN =
            Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN = "t0k-secret";

    @TempDir Path dir;

    private MockWebServer registry;
    private MockWebServer storage;
    private final List<RecordedRequest> registrySaw = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> storageSaw = new CopyOnWriteArrayList<>();
    private String realm;
    private String before;

    @BeforeEach
    void start() throws Exception {
        storage = new MockWebServer();
        storage.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest r) {
                        storageSaw.add(r);
                        return new MockResponse.Builder().body(new Buffer().write(WASM)).build();
                    }
                });
        storage.start();
        registry = new MockWebServer();
        registry.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest r) {
                        registrySaw.add(r);
                        return answer(r);
                    }
                });
        registry.start();
        realm = registry.url("/token").toString();
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                "{\"auths\": {\"localhost:"
                        + registry.getPort()
                        + "\": {\"auth\": \""
                        + LOGIN
                        + "\"}}}");
        before = System.getProperty("filterplayground.docker.config");
        System.setProperty("filterplayground.docker.config", config.toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (before == null) {
            System.clearProperty("filterplayground.docker.config");
        } else {
            System.setProperty("filterplayground.docker.config", before);
        }
        registry.close();
        storage.close();
    }

    /**
     * A registry behind a Bearer challenge whose token service wants the login; blobs are
     * redirected to the storage host (another origin, as S3 or a CDN is).
     */
    private MockResponse answer(RecordedRequest r) {
        String target = r.getTarget();
        String auth = r.getHeaders().get("Authorization");
        if (target.startsWith("/token")) {
            return ("Basic " + LOGIN).equals(auth)
                    ? new MockResponse.Builder().body("{\"token\": \"" + TOKEN + "\"}").build()
                    : new MockResponse.Builder().code(401).build();
        }
        if (!("Bearer " + TOKEN).equals(auth)) {
            return new MockResponse.Builder()
                    .code(401)
                    .addHeader(
                            "WWW-Authenticate",
                            "Bearer realm=\"" + realm + "\",service=\"registry\"")
                    .build();
        }
        if (target.equals("/v2/filters/add/manifests/1.0")) {
            return new MockResponse.Builder().body(manifest()).build();
        }
        if (target.startsWith("/v2/filters/add/blobs/")) {
            HttpUrl elsewhere =
                    storage.url("/bucket/blob?signature=abc")
                            .newBuilder()
                            .host("127.0.0.1")
                            .build();
            return new MockResponse.Builder().code(307).addHeader("Location", elsewhere).build();
        }
        return new MockResponse.Builder().code(404).build();
    }

    private static String manifest() {
        return """
                {"schemaVersion": 2,
                 "layers": [{"mediaType": "application/vnd.module.wasm.content.layer.v1+wasm",
                             "digest": "sha256:%s", "size": %d}]}
                """
                .formatted(LoadedModule.sha256(WASM), WASM.length);
    }

    private String ref() {
        return "oci://localhost:" + registry.getPort() + "/filters/add:1.0";
    }

    @Test
    void shouldSendNoAuthorizationOnARedirectToTheStorageHost() throws Exception {
        assertThat(OciModules.fetch(ref())).isEqualTo(WASM);

        assertThat(storageSaw).hasSize(1);
        assertThat(storageSaw.get(0).getHeaders().get("Authorization")).isNull();
        // The registry itself got the token on every call after the challenge.
        assertThat(registrySaw)
                .filteredOn(
                        r ->
                                r.getTarget().startsWith("/v2/")
                                        && r.getHeaders().get("Authorization") != null)
                .extracting(r -> r.getHeaders().get("Authorization"))
                .containsOnly("Bearer " + TOKEN)
                .hasSize(2);
    }

    @Test
    void shouldSendTheLoginToATokenServiceOverTlsOnly() {
        realm = "http://tokens.example.invalid/token";
        assertThatThrownBy(() -> OciModules.fetch(ref()))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "the registry's token service tokens.example.invalid is not HTTPS: the"
                                + " login for localhost:"
                                + registry.getPort()
                                + " is only sent over TLS");
    }

    @Test
    void shouldSpeakPlainHttpToRegistriesOnThisMachineOnly() {
        assertThat(OciModules.registryBase("localhost:5000", "r").scheme()).isEqualTo("http");
        assertThat(OciModules.registryBase("127.0.0.1:5000", "r").scheme()).isEqualTo("http");
        assertThat(OciModules.registryBase("[::1]:5000", "r").scheme()).isEqualTo("http");
        assertThat(OciModules.registryBase("localhost.example.com", "r").scheme())
                .isEqualTo("https");
        assertThat(OciModules.registryBase("127.0.0.1.example.com:5000", "r").scheme())
                .isEqualTo("https");
        assertThat(OciModules.registryBase("ghcr.io", "org/filter").toString())
                .isEqualTo("https://ghcr.io/v2/org/filter/");
    }

    @Test
    void shouldKeepCredentialsOutOfMessagesResultsAndSavedScenarios() throws Exception {
        Scenario s =
                ScenarioLoader.parse(
                        """
                        filters:
                          - {name: add, wasm: "%s", rootId: add_header,
                             configuration: '{"request": {"x-a": "1"}}'}
                        requests:
                          - {name: one}
                        """
                                .formatted(ref()),
                        "oci.yaml",
                        r -> new byte[0]);
        RunResult result = Fixtures.run(s);
        StringWriter json = new StringWriter();
        RunResultJson.write(result, json);
        String saved = ScenarioWriter.toYaml(s);
        String failure =
                org.assertj.core.api.Assertions.catchThrowable(
                                () -> OciModules.fetch(ref().replace(":1.0", ":missing")))
                        .getMessage();

        for (String text : List.of(json.toString(), saved, failure)) {
            assertThat(text).doesNotContain(LOGIN, PASSWORD, TOKEN);
        }
        assertThat(failure).startsWith("the registry answered HTTP");
    }

    @Test
    void shouldCapADownloadWhetherItsLengthIsAnnouncedOrNot() {
        ResponseBody announced = ResponseBody.create(new Buffer().writeUtf8("x"), null, 1L << 40);
        assertThatThrownBy(() -> RemoteModules.capped(announced, "the module"))
                .hasMessage("the module is larger than 256 MiB");
        ResponseBody endless = ResponseBody.create(new Buffer().write(new byte[4097]), null, -1);
        assertThatThrownBy(() -> RemoteModules.capped(endless, "the token", 4096))
                .hasMessage("the token is larger than 4096 bytes");
    }
}

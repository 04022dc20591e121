package io.filterplayground.app.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.samples.SampleModule;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window fetches a module from a URL into its library, pinned to what it fetched. */
class ModuleLibraryRemoteTest {
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private MockWebServer server;
    private ModuleLibraryViewModel vm;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        vm = ui.submit(() -> new ModuleLibraryViewModel(ui, background)).get();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ui.shutdownNow();
        background.shutdownNow();
    }

    @Test
    void shouldFetchAModulePinnedToItsDigest() throws Exception {
        byte[] wasm = SampleModule.DENY.wasmBytes();
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(wasm)).build());
        String url = server.url("/filters/deny.wasm").toString();

        ModuleEntry e =
                ui.submit(() -> vm.loadRemote(" " + url + " ")).get().get(20, TimeUnit.SECONDS);

        assertThat(e.source().ref()).isEqualTo(url);
        assertThat(e.source().name()).isEqualTo("deny.wasm");
        assertThat(e.source().sha256()).isEqualTo(LoadedModule.sha256(wasm));
        assertThat(e.infoProperty().get().abiVersion()).isNotBlank();
        assertThat(ui.submit(() -> vm.selectedProperty().get()).get()).isSameAs(e);
    }

    @Test
    void shouldSayWhyAFetchFailedAndAddNothing() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build());
        String url = server.url("/missing.wasm").toString();
        int before = ui.submit(() -> vm.entries().size()).get();

        var f = ui.submit(() -> vm.loadRemote(url)).get();
        assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS));

        assertThat(ui.submit(() -> vm.messageProperty().get()).get())
                .isEqualTo("Could not fetch " + url + ": the server answered HTTP 404");
        assertThat(ui.submit(() -> vm.entries().size()).get()).isEqualTo(before);
        ui.submit(() -> vm.loadRemote("ftp://nope")).get();
        assertThat(ui.submit(() -> vm.messageProperty().get()).get())
                .startsWith("Give an http(s):// URL or an oci:// image");
    }
}

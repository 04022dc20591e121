package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.TestScenarios;
import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An http scenario that adds a TCP listener ({@code tcpListener:}), in the workspace on the real
 * engine: requests through the HTTP chain, connections through the network chain, an access logger
 * on both, each chain edited on its own and both written back.
 */
class TwoListenersWorkspaceTest extends UiThreadTest {
    @TempDir Path dir;
    private WorkspaceViewModel vm;

    @BeforeEach
    void open() throws Exception {
        Path file = TestScenarios.write(dir, "two-listeners");
        vm = onUi(() -> new WorkspaceViewModel(ui, timer, background));
        await(() -> vm.open(file));
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void shouldSendRequestsAndConnectionsEachThroughItsOwnChain() throws Exception {
        assertThat(onUi(() -> vm.httpListenerProperty().get())).isTrue();
        assertThat(onUi(() -> vm.tcpListenerProperty().get())).isTrue();
        assertThat(onUi(() -> vm.composingConnectionProperty().get())).isFalse();
        assertThat(onUi(() -> vm.chain().hasTcpListenerProperty().get())).isTrue();
        assertThat(onUi(() -> vm.chain().tcpListener().items()))
                .extracting(Object::toString)
                .containsExactly("upper");

        RecordedExchange request = await(() -> vm.send());
        assertThat(request.isConnection()).isFalse();
        assertThat(request.exchange().upstreamRequest().headers().first("x-lua")).contains("1");
        assertThat(request.chain()).containsExactly("lua", "access-log");

        onUi(
                () -> {
                    vm.composingConnectionProperty().set(true);
                    return null;
                });
        RecordedExchange connection = await(() -> vm.send());
        assertThat(connection.isConnection()).isTrue();
        assertThat(new String(connection.connection().received(), StandardCharsets.UTF_8))
                .isEqualTo("PING");
        assertThat(connection.chain()).containsExactly("upper", "access-log");
        assertThat(onUi(() -> vm.timeline().lanes())).containsExactly("upper", "access-log");
        assertThat(onUi(() -> vm.statsProperty().get()))
                .startsWith("1 request(s) · 200 ×1 · 1 connection(s) · closed by upstream ×1");
    }

    @Test
    void shouldEditTheTcpListenersChainOnItsOwnAndWriteBothBack() throws Exception {
        assertThat(onUi(() -> vm.chain().tcpListener().addLua())).isNull();
        assertThat(onUi(() -> vm.chain().tcpListener().messageProperty().get()))
                .startsWith("Not added: a Lua script is an HTTP filter");
        // The HTTP chain still takes Lua.
        assertThat(onUi(() -> vm.chain().addLua())).isNotNull();
        onUi(
                () -> {
                    ModuleEntry tcp = vm.modules().byRef("sample:testdata/tcp_filter");
                    vm.chain().tcpListener().add(tcp).configTextProperty().set("tag");
                    return null;
                });
        // Picking a network filter edits it as one.
        assertThat(onUi(() -> vm.chain().editingNetworkProperty().get())).isTrue();
        assertThat(onUi(() -> vm.chain().editingProperty().get().toString()))
                .isEqualTo("tcp_filter");
        onUi(
                () -> {
                    vm.chain().selectedProperty().set(vm.chain().items().get(0));
                    return null;
                });
        assertThat(onUi(() -> vm.chain().editingNetworkProperty().get())).isFalse();

        Path saved = dir.resolve("saved.yaml");
        assertThat(onUi(() -> vm.save(saved))).isTrue();
        Scenario back = ScenarioLoader.load(saved, io.filterplayground.app.cli.Inputs.schemes());
        assertThat(back.httpFilters()).extracting(FilterSpec::name).containsExactly("lua", "lua-2");
        assertThat(back.addedTcpListener().route()).isEqualTo("echo");
        assertThat(back.addedTcpListener().filters())
                .extracting(FilterSpec::name)
                .containsExactly("upper", "tcp_filter");
        assertThat(back.connections()).hasSize(1);
        assertThat(back.requests()).hasSize(1);
    }

    @Test
    void shouldStopAConnectionBeforeTheTcpListenersFilter() throws Exception {
        onUi(
                () -> {
                    vm.chain()
                            .tcpListener()
                            .items()
                            .get(0)
                            .breakAtProperty()
                            .set(BreakAt.DOWNSTREAM_DATA);
                    vm.composingConnectionProperty().set(true);
                    return null;
                });
        CompletableFuture<RecordedExchange> sent = onUi(() -> vm.send());
        waitFor("the pause", () -> vm.debug().currentProperty().get() != null);
        assertThat(onUi(() -> vm.debug().currentProperty().get().stage()))
                .isEqualTo(Stage.DOWNSTREAM_DATA);
        assertThat(onUi(() -> vm.debug().currentProperty().get().filter())).isEqualTo("upper");
        onUi(
                () -> {
                    vm.debug().continueAll();
                    return null;
                });
        assertThat(sent.get(30, TimeUnit.SECONDS).connection().closedBy()).isEqualTo("upstream");
    }
}

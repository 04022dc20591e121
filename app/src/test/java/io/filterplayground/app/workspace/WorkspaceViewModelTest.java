package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.timeline.Tone;
import io.filterplayground.engine.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace without a toolkit: a plain thread stands in for the UI thread, the engine is real.
 */
class WorkspaceViewModelTest {
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private WorkspaceViewModel vm;

    @BeforeEach
    void open() throws Exception {
        vm = onUi(() -> new WorkspaceViewModel(ui, timer, background));
        await(() -> vm.openDemo());
    }

    @AfterEach
    void close() {
        vm.close();
        ui.shutdownNow();
        timer.shutdownNow();
        background.shutdownNow();
    }

    private <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(30, TimeUnit.SECONDS);
    }

    private <T> T await(Supplier<CompletableFuture<T>> command) throws Exception {
        CompletableFuture<T> f = onUi(command::get);
        T t = f.get(60, TimeUnit.SECONDS);
        onUi(() -> null); // let UI tasks queued by the command run
        return t;
    }

    @Test
    void shouldStartTheDemoAndShowASentRequestEverywhere() throws Exception {
        assertThat(onUi(() -> vm.runningProperty().get())).isTrue();
        assertThat(onUi(() -> vm.statusProperty().get()))
                .startsWith("Running 5 filter(s) on 2 worker(s)");
        RecordedExchange x = await(() -> vm.send());
        assertThat(x.exchange().response().status()).isEqualTo(200);
        assertThat(onUi(() -> vm.response().statusProperty().get())).isEqualTo("200");
        assertThat(onUi(() -> vm.timeline().lanes())).hasSize(5);
        assertThat(onUi(() -> vm.timeline().detailProperty().get())).isNotNull();
        assertThat(onUi(() -> vm.diff().stages())).isNotEmpty();
        await(() -> vm.refreshSnapshot());
        assertThat(onUi(() -> vm.vms().threads()))
                .extracting(VmsGroup::name)
                .containsExactly("main", "worker-0", "worker-1");
        assertThat(onUi(() -> vm.vms().highlightedProperty().get())).hasSize(5);
        assertThat(onUi(() -> vm.request().history().get(4).outcome())).isEqualTo("200");
    }

    /** Keeps the assertion above readable. */
    private interface VmsGroup {
        static String name(io.filterplayground.app.vms.VmsViewModel.ThreadGroup g) {
            return g.thread();
        }
    }

    @Test
    void shouldMarkALocalReplyInTheTimeline() throws Exception {
        onUi(
                () -> {
                    vm.request().headers().get(0).valueProperty().set("mallory");
                    return null;
                });
        RecordedExchange x = await(() -> vm.send());
        assertThat(x.exchange().response().status()).isEqualTo(403);
        TimelineRow deny =
                onUi(
                        () ->
                                vm.timeline().rows().stream()
                                        .filter(
                                                r ->
                                                        "deny".equals(r.filter())
                                                                && r.title()
                                                                        .equals("request_headers"))
                                        .findFirst()
                                        .orElseThrow());
        assertThat(deny.tone()).isEqualTo(Tone.LOCAL_REPLY);
        assertThat(onUi(() -> vm.timeline().rows())).anyMatch(r -> r.title().equals("local reply"));
        assertThat(onUi(() -> vm.response().localReplyProperty().get())).isTrue();
    }

    @Test
    void shouldRestartOnEditsAndReportAStartFailure() throws Exception {
        onUi(
                () -> {
                    vm.workersProperty().set(3);
                    return null;
                });
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.statusProperty().get())).contains("on 3 worker(s)");

        // add-header's SDK needs root id add_header: another root id makes on_configure fail.
        onUi(
                () -> {
                    vm.chain().items().get(0).rootIdProperty().set("nope");
                    return null;
                });
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.runningProperty().get())).isFalse();
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("The chain did not start: add-header");

        // A YAML error is caught before the engine: nothing restarts.
        onUi(
                () -> {
                    vm.chain().items().get(0).rootIdProperty().set("add_header");
                    vm.chain().items().get(1).configSyntaxProperty().set(ConfigSyntax.YAML);
                    vm.chain().items().get(1).configTextProperty().set("values: [");
                    return null;
                });
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("Not applied: deny: plugin configuration: Not valid YAML");
    }

    @Test
    void shouldBurstWithBoundedDetailAndCounts() throws Exception {
        onUi(
                () -> {
                    vm.burstCountProperty().set(600);
                    return null;
                });
        EngineSession.BurstResult b = await(() -> vm.burst());
        assertThat(b.sent()).isEqualTo(600);
        assertThat(b.completed()).isEqualTo(600);
        ExchangeLog.Stats s = vm.exchangeLog().stats();
        assertThat(s.total()).isEqualTo(600);
        assertThat(s.workers()).containsOnlyKeys("worker-0", "worker-1");
        assertThat(s.workers().values()).containsOnly(300L);
        assertThat(vm.exchangeLog().recent()).hasSize(ExchangeLog.KEEP);
        assertThat(onUi(() -> vm.exchanges())).hasSize(ExchangeLog.KEEP);
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("Burst of 600: 600 completed");
    }

    @Test
    void shouldAdvanceTheVirtualClockAndFireTheServiceTick() throws Exception {
        await(() -> vm.send());
        await(() -> vm.advance());
        Thread.sleep(100);
        onUi(() -> null);
        assertThat(onUi(() -> vm.virtualMillisProperty().get())).isEqualTo(1000);
        assertThat(onUi(() -> vm.logs().lines()))
                .anyMatch(l -> l.message().startsWith("stats: total=1"));
    }

    @Test
    void shouldSaveWhatTheCommandLineRuns(@TempDir Path dir) throws Exception {
        onUi(
                () -> {
                    vm.chain().items().get(1).enabledProperty().set(false);
                    return null;
                });
        Path file = dir.resolve("edited.yaml");
        assertThat(onUi(() -> vm.save(file))).isTrue();
        var s = ScenarioLoader.load(file, io.filterplayground.app.cli.Inputs.schemes());
        assertThat(s.filters().get(1).enabled()).isFalse();
        assertThat(onUi(() -> vm.titleProperty().get())).endsWith("edited.yaml");
    }
}

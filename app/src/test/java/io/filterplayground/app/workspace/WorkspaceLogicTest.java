package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.engine.error.EngineException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace's own logic (when edits restart the engine, what a failed start means for later
 * actions, what a burst reports) against a {@link ScriptedSession}: the calls it receives are what
 * is checked. {@link WorkspaceViewModelTest} runs the same workspace on the real engine.
 */
class WorkspaceLogicTest extends UiThreadTest {
    private ScriptedSession session;
    private WorkspaceViewModel vm;

    @BeforeEach
    void open() throws Exception {
        vm =
                onUi(
                        () ->
                                new WorkspaceViewModel(
                                        ui,
                                        timer,
                                        background,
                                        (log, listener) ->
                                                session = new ScriptedSession(log, listener)));
        await(() -> vm.openDemo());
        session.calls.clear();
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void shouldRestartOnceForEditsInQuickSuccession() throws Exception {
        onUi(
                () -> {
                    vm.workersProperty().set(3);
                    vm.workersProperty().set(4);
                    vm.workersProperty().set(5);
                    return null;
                });
        assertThat(onUi(() -> vm.dirtyProperty().get())).isTrue();

        waitFor("the restart", () -> session.calls.contains("restart on 5 worker(s)"));
        Thread.sleep(2 * EditApplier.APPLY_DELAY_MILLIS);

        assertThat(restarts()).containsExactly("restart on 5 worker(s)");
        assertThat(onUi(() -> vm.statusProperty().get()))
                .isEqualTo("Running 5 filter(s) on 5 worker(s), virtual clock · compiled machine");
    }

    @Test
    void shouldApplyAPendingEditBeforeSending() throws Exception {
        String name = onUi(() -> vm.request().nameProperty().get());
        onUi(
                () -> {
                    vm.workersProperty().set(3);
                    return null;
                });

        RecordedExchange x = await(() -> vm.send());

        assertThat(x.exchange().response().status()).isEqualTo(200);
        assertThat(session.calls).containsExactly("restart on 3 worker(s)", "send " + name);
        // The edit was applied by the send: its delayed restart does not come on top.
        Thread.sleep(2 * EditApplier.APPLY_DELAY_MILLIS);
        assertThat(restarts()).hasSize(1);
        assertThat(onUi(() -> vm.selectedProperty().get())).isSameAs(x);
    }

    @Test
    void shouldGiveTheFailedStartAsTheReasonLaterActionsFail() throws Exception {
        session.nextStartFailure = new EngineException("deny: the module is bad");
        await(() -> vm.applyNow());

        assertThat(onUi(() -> vm.runningProperty().get())).isFalse();
        assertThat(onUi(() -> vm.statusProperty().get())).isEqualTo("Not running");
        assertThat(onUi(() -> vm.messageProperty().get()))
                .isEqualTo(
                        new Message(
                                Message.Kind.ERROR,
                                "The chain did not start: deny: the module is bad"));
        assertThat(onUi(() -> vm.chain().items().get(1).engineProblemProperty().get()))
                .isEqualTo("deny: the module is bad");

        assertThat(await(() -> vm.send())).isNull();
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .isEqualTo("Not sent: the chain did not start: deny: the module is bad");

        // Once the chain starts again, the failure is gone from the bar and the filter.
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.runningProperty().get())).isTrue();
        assertThat(onUi(() -> vm.messageProperty().get())).isEqualTo(Message.NONE);
        assertThat(onUi(() -> vm.chain().items().get(1).engineProblemProperty().get()))
                .isNullOrEmpty();
    }

    @Test
    void shouldReportABurstThatLeftRequestsWaitingForTheClock() throws Exception {
        String name = onUi(() -> vm.request().nameProperty().get());
        await(() -> vm.send());
        session.nextBurst = new EngineSession.BurstResult(10, 8, 2, 0, false);
        onUi(
                () -> {
                    vm.burstCountProperty().set(10);
                    return null;
                });

        var burst = new AtomicReference<CompletableFuture<EngineSession.BurstResult>>();
        Message whileSending =
                onUi(
                        () -> {
                            burst.set(vm.burst());
                            return vm.messageProperty().get();
                        });
        assertThat(whileSending)
                .isEqualTo(
                        new Message(
                                Message.Kind.INFO,
                                "Burst of 10: sending (counts in the status line)"));
        assertThat(burst.get().get(10, TimeUnit.SECONDS)).isSameAs(session.nextBurst);

        assertThat(session.calls).endsWith("burst " + name + " ×10");
        assertThat(onUi(() -> vm.messageProperty().get()))
                .isEqualTo(
                        new Message(
                                Message.Kind.WARNING,
                                "Burst of 10: 8 completed. Statuses: 200 ×1. 2 request(s) wait"
                                        + " for the virtual clock: advance it."));
        assertThat(onUi(() -> vm.burstingProperty().get())).isFalse();
        assertThat(onUi(() -> vm.statusProperty().get())).isEqualTo("Running · burst done");
        assertThat(onUi(() -> vm.request().history()))
                .filteredOn(h -> h.kind() == HistoryEntry.Kind.BURST)
                .singleElement()
                .satisfies(h -> assertThat(h.name()).isEqualTo(name + " ×10"))
                .satisfies(h -> assertThat(h.outcome()).isEqualTo("8 done"));

        session.nextBurst = new EngineSession.BurstResult(10, 3, 0, 0, true);
        await(() -> vm.burst());
        assertThat(onUi(() -> vm.messageProperty().get()))
                .isEqualTo(
                        new Message(
                                Message.Kind.WARNING,
                                "Burst of 10: 3 completed. Statuses: 200 ×1. (stopped early)"));
    }

    private List<String> restarts() {
        synchronized (session.calls) {
            return session.calls.stream().filter(c -> c.startsWith("restart")).toList();
        }
    }
}

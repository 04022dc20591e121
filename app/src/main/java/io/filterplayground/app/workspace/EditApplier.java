package io.filterplayground.app.workspace;

import static io.filterplayground.app.modules.ModuleLibraryViewModel.plain;

import io.filterplayground.app.chain.ChainViewModel;
import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceDetail;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Applies the edits: the scenario as edited is started on a new engine (on the chosen machine),
 * once per burst of edits, and a failed start is shown on the filter it names and in the message
 * bar, and kept as the reason later actions fail while the chain stays down.
 */
final class EditApplier {
    /** Edits within this window restart the engine once. */
    static final long APPLY_DELAY_MILLIS = 350;

    private final ObjectProperty<Machine> machine = new SimpleObjectProperty<>(Machine.COMPILED);
    private final ScenarioDocument document;
    private final ChainViewModel chain;
    private final EngineSession session;
    private final EngineStatus status;
    private final Messages messages;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Consumer<Boolean> restarted;

    /** Why the chain did not start, while it stays down (null once it runs). */
    private String startFailure;

    private ScheduledFuture<?> pendingApply;
    private CompletableFuture<Void> lastApply = CompletableFuture.completedFuture(null);

    /** {@code restarted} hears, on the UI thread, whether each restart started the chain. */
    EditApplier(
            ScenarioDocument document,
            ChainViewModel chain,
            EngineSession session,
            EngineStatus status,
            Messages messages,
            Executor ui,
            ScheduledExecutorService timer,
            Consumer<Boolean> restarted) {
        this.document = document;
        this.chain = chain;
        this.session = session;
        this.status = status;
        this.messages = messages;
        this.ui = ui;
        this.timer = timer;
        this.restarted = restarted;
        // Another machine is how the scenario runs, not what it says: an edit all the same.
        machine.addListener((o, a, b) -> document.edited());
    }

    /** Applies the edits after {@link #APPLY_DELAY_MILLIS} without another one. */
    void schedule() {
        if (pendingApply != null) {
            pendingApply.cancel(false);
        }
        pendingApply =
                timer.schedule(
                        () -> ui.execute(this::applyNow),
                        APPLY_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS);
    }

    /** Builds the scenario from the edits and restarts the engine on it. */
    CompletableFuture<Void> applyNow() {
        if (pendingApply != null) {
            pendingApply.cancel(false);
            pendingApply = null;
        }
        Scenario s;
        try {
            s = document.build();
        } catch (IllegalArgumentException e) {
            messages.error("Not applied: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        status.startingProperty().set(true);
        status.statusProperty().set("Starting " + describe(s) + "…");
        Machine m = machine.get();
        lastApply =
                session.restart(s, new Playground.Options(m, TraceDetail.FULL))
                        .handleAsync(
                                (v, err) -> {
                                    status.startingProperty().set(false);
                                    if (err != null) {
                                        failed(err);
                                    } else {
                                        started(s, m);
                                    }
                                    restarted.accept(err == null);
                                    return null;
                                },
                                ui);
        return lastApply;
    }

    private void failed(Throwable err) {
        status.runningProperty().set(false);
        status.statusProperty().set("Not running");
        startFailure = startFailureText(err, chain.markStartFailure(err));
        messages.error("The chain did not start: " + startFailure);
    }

    private void started(Scenario s, Machine m) {
        status.runningProperty().set(true);
        chain.clearStartFailures();
        if (startFailure != null) {
            messages.clear();
            startFailure = null;
        }
        status.statusProperty()
                .set("Running " + describe(s) + " · " + m.displayName() + " machine");
    }

    /** Pending edits are applied before anything is sent, so a send always sees them. */
    CompletableFuture<Void> flush() {
        return pendingApply != null ? applyNow() : lastApply;
    }

    /** Why an action failed: while the chain is down after a failed start, that failure. */
    String why(Throwable err) {
        return startFailure != null ? "the chain did not start: " + startFailure : plain(err);
    }

    /**
     * A failed start in one line: the engine's message, the guest's last line (a Go module's {@code
     * fatal error: ...}) and where the rest is (the failed filter's panel).
     */
    private static String startFailureText(Throwable err, FilterItem failed) {
        String text = plain(err);
        FilterStartException e = ChainViewModel.startFailure(err);
        if (e != null && !e.guestOutput().isEmpty()) {
            text += " — the guest's last line: " + e.guestOutput().get(e.guestOutput().size() - 1);
        }
        if (failed != null && e != null && !e.details().isEmpty()) {
            text += " (select " + failed + " in the chain for its output and Wasm stack)";
        }
        return text;
    }

    private static String describe(Scenario s) {
        long on = s.allFilters().stream().filter(FilterSpec::enabled).count();
        return on
                + " filter(s) on "
                + s.workers()
                + " worker(s), "
                + s.clock().name().toLowerCase(Locale.ROOT)
                + " clock";
    }

    ObjectProperty<Machine> machineProperty() {
        return machine;
    }

    void close() {
        if (pendingApply != null) {
            pendingApply.cancel(false);
        }
    }
}

package io.filterplayground.app.workspace;

import static io.filterplayground.app.modules.ModuleLibraryViewModel.plain;

import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.report.ObservedExpectations;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Save as test: the scenario's requests and connections run once more, headless and apart from the
 * window's engine, through the chain as it is now, and each gets the expect block of what it got
 * (the command line's {@code run --write-test}).
 */
final class TestRecorder {
    private final ScenarioDocument document;
    private final Supplier<Machine> machine;
    private final Messages messages;
    private final Executor ui;
    private final Executor background;

    TestRecorder(
            ScenarioDocument document,
            Supplier<Machine> machine,
            Messages messages,
            Executor ui,
            Executor background) {
        this.document = document;
        this.machine = machine;
        this.messages = messages;
        this.ui = ui;
        this.background = background;
    }

    /** {@code 2 request(s)}, {@code 1 connection(s)} or both: what a run sent. */
    private static String count(RunResult r) {
        String requests = r.sent().size() + " request(s)";
        String connections = r.connections().size() + " connection(s)";
        if (r.connections().isEmpty()) {
            return requests;
        }
        return r.sent().isEmpty() ? connections : requests + " and " + connections;
    }

    /** Completes with whether it was saved. */
    CompletableFuture<Boolean> saveAsTest(Path target) {
        Scenario s;
        try {
            s = document.build();
        } catch (RuntimeException e) {
            messages.error("Could not save a test: " + plain(e));
            return CompletableFuture.completedFuture(false);
        }
        if (s.steps().stream().noneMatch(Step.Send.class::isInstance)
                && s.connections().isEmpty()) {
            messages.error(
                    "Could not save a test: the scenario has no requests or connections. Keep the"
                            + " composed one (Keep in the Request or Connection panel) to add it.");
            return CompletableFuture.completedFuture(false);
        }
        Path from = document.directory();
        Machine m = machine.get();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                RunResult r =
                                        ScenarioRunner.run(
                                                s,
                                                new Playground.Options(m, TraceDetail.FULL),
                                                TraceSink.NONE);
                                Scenario recorded = ObservedExpectations.record(r);
                                ScenarioFiles.save(recorded, from, target);
                                return count(r);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException("interrupted");
                            }
                        },
                        background)
                .handleAsync(
                        (n, err) -> {
                            if (err != null) {
                                messages.error("Could not save a test: " + plain(err));
                                return false;
                            }
                            messages.info(
                                    "Saved "
                                            + target.getFileName()
                                            + ": "
                                            + n
                                            + " ran again and each got an expect block of what"
                                            + " it got. Check a change with: filter-playground"
                                            + " test "
                                            + target.getFileName());
                            return true;
                        },
                        ui);
    }
}

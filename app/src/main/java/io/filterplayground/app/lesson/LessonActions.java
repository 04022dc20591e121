package io.filterplayground.app.lesson;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.learn.Action;
import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.app.workspace.WorkspaceViewModel;
import io.filterplayground.engine.scenario.Durations;
import io.filterplayground.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Does a step's actions in the window the way a learner would with its controls: a request or
 * connection is picked from the History tab and sent with Send (as many times as the scenario
 * repeats it), the clock is moved with Advance, a filter is edited in the chain panel's fields, the
 * worker count in the toolbar. Each action is done once the one before has settled: its sends
 * finished, or are waiting (paused, or for the clock).
 */
final class LessonActions {
    /** How long a send may take before the next action goes on without it (it waits). */
    static final long SETTLE_MILLIS = 1500;

    private final WorkspaceViewModel vm;
    private final ScheduledExecutorService timer;

    LessonActions(WorkspaceViewModel vm, ScheduledExecutorService timer) {
        this.vm = vm;
        this.timer = timer;
    }

    /** Does the actions in order (called on the UI thread); completes when the last settled. */
    CompletableFuture<Void> perform(List<Action> actions, java.util.concurrent.Executor ui) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Action a : actions) {
            chain = chain.thenComposeAsync(v -> perform(a), ui);
        }
        return chain;
    }

    private CompletableFuture<Void> perform(Action a) {
        if (a instanceof Action.Send s) {
            return send(s.request(), false);
        }
        if (a instanceof Action.Connect c) {
            return send(c.connection(), true);
        }
        if (a instanceof Action.Advance adv) {
            vm.advanceByProperty().set(Durations.display(adv.millis()).replace(" ", ""));
            return vm.advance().thenCompose(v -> settle(CompletableFuture.completedFuture(null)));
        }
        if (a instanceof Action.Workers w) {
            vm.workersProperty().set(w.count());
            return vm.applyNow();
        }
        if (a instanceof Action.Edit e) {
            edit(e);
            return vm.applyNow();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Picks the entry from the history and presses Send, once per repeat. */
    private CompletableFuture<Void> send(String name, boolean connection) {
        Optional<HistoryEntry> entry =
                vm.request().history().stream()
                        .filter(e -> e.name().equals(name) && e.isConnection() == connection)
                        .filter(e -> e.kind() == HistoryEntry.Kind.SAVED)
                        .findFirst();
        if (entry.isEmpty()) {
            vm.messages()
                    .error(
                            "The lesson asks for the "
                                    + (connection ? "connection" : "request")
                                    + " \""
                                    + name
                                    + "\", and the History tab has none by that name.");
            return CompletableFuture.completedFuture(null);
        }
        vm.loadFromHistory(entry.get());
        int times = repeat(name, connection);
        List<CompletableFuture<RecordedExchange>> sent = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            sent.add(vm.send());
        }
        return settle(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
    }

    /** How many times the scenario sends that request or connection ({@code repeat}). */
    private int repeat(String name, boolean connection) {
        try {
            Scenario s = vm.buildScenario();
            return (connection
                            ? s.connections().stream()
                                    .filter(c -> c.name().equals(name))
                                    .mapToInt(c -> c.repeat())
                            : s.requests().stream()
                                    .filter(r -> r.name().equals(name))
                                    .mapToInt(r -> r.repeat()))
                    .map(n -> Math.max(1, n))
                    .findFirst()
                    .orElse(1);
        } catch (IllegalArgumentException e) {
            return 1;
        }
    }

    /** Completes when {@code work} does, or after {@link #SETTLE_MILLIS} if it waits longer. */
    private CompletableFuture<Void> settle(CompletableFuture<?> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        work.whenComplete((v, err) -> done.complete(null));
        timer.schedule(() -> done.complete(null), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        return done;
    }

    /** Sets the filter's fields as the chain panel would; the edit restarts the engine. */
    private void edit(Action.Edit e) {
        FilterItem f = filter(e.filter());
        if (f == null) {
            vm.messages()
                    .error("The lesson edits \"" + e.filter() + "\", which is not in the chain.");
            return;
        }
        vm.chain().selectedProperty().set(f);
        if (e.enabled() != null) {
            f.enabledProperty().set(e.enabled());
        }
        if (e.vmId() != null) {
            f.vmIdProperty().set(e.vmId());
        }
        if (e.configuration() != null) {
            f.configSyntaxProperty().set(ConfigSyntax.guess(e.configuration()));
            f.configTextProperty().set(e.configuration());
        }
        if (e.vmConfiguration() != null) {
            f.vmConfigSyntaxProperty().set(ConfigSyntax.guess(e.vmConfiguration()));
            f.vmConfigTextProperty().set(e.vmConfiguration());
        }
        if (e.failurePolicy() != null) {
            f.failurePolicyProperty().set(e.failurePolicy());
        }
        if (e.inject() != null) {
            f.faultCallbackProperty().set(e.inject().callback());
            f.faultCallProperty().set(e.inject().call());
        } else if (e.clearInject()) {
            f.faultCallbackProperty().set(null);
        }
    }

    private FilterItem filter(String name) {
        return Stream.of(
                        vm.chain().items().stream(),
                        vm.chain().tcpListener().items().stream(),
                        vm.chain().loggers().items().stream())
                .flatMap(s -> s)
                .filter(f -> f.nameProperty().get().equals(name))
                .findFirst()
                .orElse(null);
    }
}

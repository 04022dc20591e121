package io.filterplayground.app.workspace;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What an action on the running engine needs (a send, a burst, a clock move): the edits applied
 * first, the session, where its results show, and the threads. Results come back on {@code ui}.
 */
record EngineAccess(
        EditApplier applier,
        EngineSession session,
        ExchangeList exchanges,
        EngineMonitor monitor,
        Messages messages,
        Executor ui,
        ScheduledExecutorService timer) {

    /** Completes once pending edits run on the engine, so an action always sees them. */
    CompletableFuture<Void> afterEdits() {
        return applier.flush();
    }

    /** Why an action failed, in plain words. */
    String why(Throwable err) {
        return applier.why(err);
    }

    /** The list and the engine panels catch up with what an action did; {@code x} is selected. */
    void show(RecordedExchange x) {
        exchanges.refresh();
        exchanges.selectedProperty().set(x);
        monitor.refreshSnapshot();
    }
}

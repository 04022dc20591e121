package io.filterplayground.app.workspace;

import io.filterplayground.app.logs.LogsViewModel;
import io.filterplayground.app.metrics.MetricsViewModel;
import io.filterplayground.app.shared.SharedStateViewModel;
import io.filterplayground.app.vms.VmsViewModel;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Keeps the engine-wide panels live: log lines as the filters write them, and the VMs, metrics and
 * shared state from a snapshot asked of every thread after a VM comes or goes, and on demand.
 */
final class EngineMonitor {
    /**
     * How often log lines are taken in during a burst (they are shown when it ends): often enough
     * that the last batch, taken in on the UI thread as the burst ends, stays small.
     */
    static final long BURST_LOG_NANOS = FrameBatcher.BURST_NANOS;

    private final LogsViewModel logs;
    private final VmsViewModel vms;
    private final MetricsViewModel metrics;
    private final SharedStateViewModel shared;
    private final EngineSession session;
    private final ExchangeLog log;
    private final ObservableBooleanValue bursting;
    private final Executor ui;
    private final FrameBatcher<TraceEvent> traces;
    private final ArrayDeque<LogEvent> held = new ArrayDeque<>();
    private long heldDropped;

    /** {@code bursting}: while true, snapshots are left to the burst's own pace. */
    EngineMonitor(
            LogsViewModel logs,
            VmsViewModel vms,
            MetricsViewModel metrics,
            SharedStateViewModel shared,
            EngineSession session,
            ExchangeLog log,
            ObservableBooleanValue bursting,
            Executor ui,
            ScheduledExecutorService timer) {
        this.logs = logs;
        this.vms = vms;
        this.metrics = metrics;
        this.shared = shared;
        this.session = session;
        this.log = log;
        this.bursting = bursting;
        this.ui = ui;
        this.traces =
                new FrameBatcher<>(
                        ui, timer, this::onTraces, FrameBatcher.frameOr(bursting, BURST_LOG_NANOS));
        bursting.addListener(
                (o, was, now) -> {
                    if (!now) {
                        // The burst's last lines may still wait for the batcher's period.
                        traces.flushNow();
                        releaseHeld();
                    }
                });
    }

    /** On engine threads: keep only what the UI shows live, and hand it over per frame. */
    void onTrace(TraceEvent e) {
        if (e instanceof LogEvent || e instanceof VmEvent || e instanceof TrapEvent) {
            traces.add(e);
        }
    }

    private void onTraces(List<TraceEvent> batch) {
        if (bursting.get() || !held.isEmpty()) {
            // The burst's held lines and its last ones reach the table as one change.
            hold(batch);
            if (bursting.get()) {
                return;
            }
            releaseHeld();
        } else {
            logs.append(batch);
        }
        if (batch.stream().anyMatch(e -> !(e instanceof LogEvent))) {
            refreshSnapshot();
        }
    }

    /**
     * During a burst the log table stays as it is (refilling it restyles and lays out every visible
     * row, a tenth of a second each time on a busy machine): the newest lines wait here, the others
     * are only counted, and all of it reaches the table when the burst ends.
     */
    private void hold(List<TraceEvent> batch) {
        for (TraceEvent e : batch) {
            if (e instanceof LogEvent l) {
                held.addLast(l);
                if (held.size() > LogsViewModel.KEEP) {
                    held.removeFirst();
                    heldDropped++;
                }
            }
        }
    }

    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        logs.append(new ArrayList<>(held), heldDropped);
        held.clear();
        heldDropped = 0;
    }

    /** Asks every thread for its VMs, metrics and shared state, off the UI thread. */
    CompletableFuture<Void> refreshSnapshot() {
        if (!session.running()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.snapshot()
                .handleAsync(
                        (PlaygroundSnapshot s, Throwable err) -> {
                            if (s != null) {
                                vms.update(s, log.stats().workers());
                                metrics.update(s);
                                shared.update(s);
                            }
                            return null;
                        },
                        ui);
    }

    /** The chain is down: no VMs to show. */
    void stopped() {
        vms.clear();
    }
}

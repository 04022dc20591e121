package io.filterplayground.app.workspace;

import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.app.request.RequestViewModel;
import io.filterplayground.app.workspace.EngineSession.BurstResult;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.Variables;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Sends the composed request {@code N} times round-robin over the workers, request {@code i} with
 * its variables drawn for {@code i}. The window stays live: the status line counts what was sent,
 * the VM view refreshes every {@link #BURST_SNAPSHOT_MILLIS}; the end says what came back.
 */
final class Burster {
    /** How often the VM view is refreshed during a burst (it rebuilds its cards). */
    static final long BURST_SNAPSHOT_MILLIS = 1000;

    private final IntegerProperty count = new SimpleIntegerProperty(1000);
    private final RequestViewModel request;
    private final ScenarioDocument document;
    private final EngineStatus status;
    private final EngineAccess engine;
    private final Messages messages;
    private ScheduledFuture<?> poller;

    /** How many were sent, at the burst's pace: the status line changes a few times a second. */
    private final FrameBatcher<Integer> sent;

    private volatile int total;

    Burster(
            RequestViewModel request,
            ScenarioDocument document,
            EngineStatus status,
            EngineAccess engine) {
        this.request = request;
        this.document = document;
        this.status = status;
        this.engine = engine;
        this.messages = engine.messages();
        this.sent =
                new FrameBatcher<>(
                        engine.ui(),
                        engine.timer(),
                        batch -> progress(batch.get(batch.size() - 1), total),
                        () -> FrameBatcher.BURST_NANOS);
    }

    /** Completes with how it ended, or null when it did not run (the message bar says why). */
    CompletableFuture<BurstResult> burst() {
        HttpRequest r;
        Variables vars;
        try {
            r = request.toRequest();
            vars = document.variables();
            List<String> undefined = vars.undefined(r);
            if (!undefined.isEmpty()) {
                throw new IllegalArgumentException(
                        "{{"
                                + undefined.get(0)
                                + "}} is not defined (Variables in the Request tab)");
            }
        } catch (IllegalArgumentException e) {
            messages.error("Not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        int n = Math.max(1, count.get());
        total = n;
        String name = request.nameProperty().get();
        // In the message line, which the result replaces when the burst ends.
        messages.info(
                String.format(Locale.ROOT, "Burst of %,d: sending (counts in the status line)", n));
        status.burstingProperty().set(true);
        progress(0, n);
        poller =
                engine.timer()
                        .scheduleWithFixedDelay(
                                () -> engine.ui().execute(engine.monitor()::refreshSnapshot),
                                BURST_SNAPSHOT_MILLIS,
                                BURST_SNAPSHOT_MILLIS,
                                TimeUnit.MILLISECONDS);
        CompletableFuture<BurstResult> result = new CompletableFuture<>();
        engine.afterEdits()
                .thenCompose(
                        v -> engine.session().burst(name, i -> vars.expand(r, i, i), n, sent::add))
                .whenCompleteAsync(
                        (b, err) -> {
                            poller.cancel(false);
                            status.burstingProperty().set(false);
                            if (err != null) {
                                messages.error("Burst stopped: " + engine.why(err));
                                result.complete(null);
                                return;
                            }
                            report(b);
                            status.statusProperty()
                                    .set(
                                            status.runningProperty().get()
                                                    ? "Running · burst done"
                                                    : "Not running");
                            // The held log lines reach their table now (bursting is false), the
                            // last request a frame later, the history a frame after that: each
                            // is a layout and CSS pass (or a file written) of its own, and
                            // together they kept the window from answering for a third of a
                            // second.
                            afterAFrame(
                                    () -> {
                                        engine.show(engine.exchanges().log().latest());
                                        afterAFrame(
                                                () -> {
                                                    request.recordSent(
                                                            HistoryEntry.Kind.BURST,
                                                            name + " ×" + b.sent(),
                                                            r,
                                                            b.completed() + " done");
                                                    result.complete(b);
                                                });
                                    });
                        },
                        engine.ui());
        return result;
    }

    /** Runs {@code r} on the UI thread once the window has had a frame to show what changed. */
    private void afterAFrame(Runnable r) {
        engine.timer()
                .schedule(
                        () -> engine.ui().execute(r),
                        2 * FrameBatcher.FRAME_NANOS,
                        TimeUnit.NANOSECONDS);
    }

    private void progress(int sent, int of) {
        if (!status.burstingProperty().get()) {
            return; // a late count after the end, which the status line already reports
        }
        status.statusProperty().set(String.format(Locale.ROOT, "Burst: %,d / %,d sent", sent, of));
    }

    /** What came back: completions, the rate, the statuses, and what still waits. */
    private void report(BurstResult b) {
        String rate =
                b.wallNanos() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " in %.2f s (%,.0f requests/s)",
                                b.wallNanos() / 1e9,
                                b.completed() / (b.wallNanos() / 1e9));
        String text =
                String.format(Locale.ROOT, "Burst of %,d: %,d completed", b.sent(), b.completed())
                        + rate
                        + ". Statuses: "
                        + ExchangeList.histogram(engine.exchanges().log().stats().statuses())
                        + ".";
        if (b.waiting() > 0) {
            messages.warning(
                    text
                            + " "
                            + b.waiting()
                            + " request(s) wait for the virtual clock: advance it.");
        } else if (b.cancelled()) {
            messages.warning(text + " (stopped early)");
        } else {
            messages.success(text);
        }
    }

    void cancel() {
        engine.session().cancelBurst();
    }

    IntegerProperty countProperty() {
        return count;
    }

    void close() {
        if (poller != null) {
            poller.cancel(false);
        }
    }
}

package io.filterplayground.app.workspace;

import io.filterplayground.app.debug.DebugViewModel;
import io.filterplayground.app.request.ConnectionViewModel;
import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.app.request.RequestViewModel;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Sends what the composer in front holds, once: the request (its variables drawn anew each time),
 * or the connection (its client's steps). The result joins the history and is selected when it
 * arrives, and one that takes a while shows as waiting, with what it waits for.
 */
final class Sender {
    /** A send still in flight after this long shows in the request list as waiting. */
    static final long PENDING_AFTER_MILLIS = 400;

    private final RequestViewModel request;
    private final ConnectionViewModel connection;
    private final ObservableBooleanValue connecting;
    private final DebugViewModel debug;
    private final ScenarioDocument document;
    private final EngineAccess engine;
    private final LongConsumer clockMoved;
    private final Messages messages;

    /** Single sends so far: what {@code {{$uuid}}} is drawn from. */
    private long sends;

    /** The request last sent (its template), what a watch replays; null before the first. */
    private volatile RequestSpec lastRequest;

    /**
     * {@code connecting}: the connection composer is in front; {@code clockMoved} hears how far a
     * connection's advance steps moved the virtual clock.
     */
    Sender(
            RequestViewModel request,
            ConnectionViewModel connection,
            ObservableBooleanValue connecting,
            DebugViewModel debug,
            ScenarioDocument document,
            EngineAccess engine,
            LongConsumer clockMoved) {
        this.request = request;
        this.connection = connection;
        this.connecting = connecting;
        this.debug = debug;
        this.document = document;
        this.engine = engine;
        this.clockMoved = clockMoved;
        this.messages = engine.messages();
    }

    RequestSpec lastRequest() {
        return lastRequest;
    }

    /** Another scenario is opened: its own requests are what a watch replays, until a send. */
    void forgetLastRequest() {
        lastRequest = null;
    }

    /** Completes with the result, or null when nothing was sent (the message bar says why). */
    CompletableFuture<RecordedExchange> send() {
        return connecting.get() ? sendConnection() : sendRequest();
    }

    private CompletableFuture<RecordedExchange> sendRequest() {
        HttpRequest template;
        HttpRequest r;
        try {
            template = request.toRequest();
            r = document.variables().expand(template, 0, sends++);
        } catch (IllegalArgumentException e) {
            messages.error("Not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        String name = request.nameProperty().get();
        lastRequest = RequestSpec.of(name, template);
        return sent(
                engine.afterEdits().thenCompose(v -> engine.session().send(name, r, null)),
                // History keeps the template, so a resend draws its variables anew.
                x -> request.recordSent(HistoryEntry.Kind.SENT, name, template, outcome(x)));
    }

    private CompletableFuture<RecordedExchange> sendConnection() {
        List<ConnectionStep> steps;
        try {
            steps = connection.toSteps();
        } catch (IllegalArgumentException e) {
            messages.error("Not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        String name = connection.nameProperty().get();
        return sent(
                engine.afterEdits().thenCompose(v -> engine.session().connect(name, steps, null)),
                x -> {
                    connection.recordSent(name, steps, outcome(x));
                    if (engine.session().virtualClock()) {
                        clockMoved.accept(advanced(steps));
                    }
                });
    }

    /** What comes of a send: recorded by {@code done}, selected, and waiting in between. */
    private CompletableFuture<RecordedExchange> sent(
            CompletableFuture<RecordedExchange> sending, Consumer<RecordedExchange> done) {
        CompletableFuture<RecordedExchange> result = new CompletableFuture<>();
        sending.whenCompleteAsync(
                (x, err) -> {
                    if (err != null) {
                        messages.error("Not sent: " + engine.why(err));
                        result.complete(null);
                        return;
                    }
                    done.accept(x);
                    engine.show(x);
                    upstreamTrouble(x.events())
                            .ifPresent(
                                    why ->
                                            messages.warning(
                                                    "The upstream could not answer: " + why));
                    result.complete(x);
                },
                engine.ui());
        engine.timer()
                .schedule(
                        () -> engine.ui().execute(() -> showPending(result)),
                        PENDING_AFTER_MILLIS,
                        TimeUnit.MILLISECONDS);
        return result;
    }

    /** Why the upstream did not answer (unreachable, timed out), in plain words, if it did not. */
    static Optional<String> upstreamTrouble(List<TraceEvent> events) {
        return events.stream()
                .filter(e -> e instanceof StreamEvent se && se.what().equals("upstream_failure"))
                .map(e -> ((StreamEvent) e).detail())
                .findFirst();
    }

    /**
     * A request or connection still in flight joins the list as {@code waiting (paused by X)} with
     * its events so far, and is selected; its full result replaces it when it completes.
     */
    private void showPending(CompletableFuture<RecordedExchange> result) {
        if (result.isDone()) {
            return;
        }
        ExchangeList list = engine.exchanges();
        list.refresh();
        RecordedExchange p = list.exchanges().isEmpty() ? null : list.exchanges().get(0);
        if (p == null || !p.pending()) {
            return;
        }
        list.selectedProperty().set(p);
        String what = p.isConnection() ? "connection" : "request";
        Pause stopped = debug.currentProperty().get();
        if (stopped != null) {
            messages.info(
                    "The "
                            + what
                            + " is stopped at a breakpoint before "
                            + stopped.filter()
                            + " · "
                            + stopped.stage().wireName()
                            + ": edit what the filter will see, then Continue (F8).");
        } else if (engine.session().virtualClock()) {
            String w = p.waiting();
            messages.info(
                    "The "
                            + what
                            + " is waiting"
                            + (w.isEmpty() ? "" : w.startsWith("for ") ? " " + w : ", " + w)
                            + ": a timer or a delayed reply is due on the virtual clock. Advance it"
                            + " to let it finish; the timeline shows its events so far.");
        }
    }

    private static String outcome(RecordedExchange x) {
        if (x.isConnection()) {
            return "closed by " + x.connection().closedBy();
        }
        HttpResponse r = x.exchange().response();
        if (r == null) {
            return "no response";
        }
        if (r.reset()) {
            return "reset";
        }
        return r.status() + (r.localReply() ? " local reply" : "");
    }

    /** How far the advance steps move the virtual clock. */
    private static long advanced(List<ConnectionStep> steps) {
        return steps.stream()
                .filter(ConnectionStep.Advance.class::isInstance)
                .mapToLong(s -> ((ConnectionStep.Advance) s).millis())
                .sum();
    }
}

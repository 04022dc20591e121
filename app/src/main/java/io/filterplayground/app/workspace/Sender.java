package io.filterplayground.app.workspace;

import io.filterplayground.app.debug.DebugViewModel;
import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.app.request.RequestViewModel;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.trace.StreamEvent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the composed request once, its variables drawn anew each time; the result joins the history
 * and is selected when it arrives, and a request that takes a while shows as waiting, with what it
 * waits for.
 */
final class Sender {
    /** A send still in flight after this long shows in the request list as waiting. */
    static final long PENDING_AFTER_MILLIS = 400;

    private final RequestViewModel request;
    private final DebugViewModel debug;
    private final ScenarioDocument document;
    private final EngineAccess engine;
    private final Messages messages;

    /** Single sends so far: what {@code {{$uuid}}} is drawn from. */
    private long sends;

    Sender(
            RequestViewModel request,
            DebugViewModel debug,
            ScenarioDocument document,
            EngineAccess engine) {
        this.request = request;
        this.debug = debug;
        this.document = document;
        this.engine = engine;
        this.messages = engine.messages();
    }

    /** Completes with the exchange, or null when it was not sent (the message bar says why). */
    CompletableFuture<RecordedExchange> send() {
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
        CompletableFuture<RecordedExchange> result = new CompletableFuture<>();
        engine.afterEdits()
                .thenCompose(v -> engine.session().send(name, r, null))
                .whenCompleteAsync(
                        (x, err) -> {
                            if (err != null) {
                                messages.error("Not sent: " + engine.why(err));
                                result.complete(null);
                                return;
                            }
                            // History keeps the template, so a resend draws its variables anew.
                            request.recordSent(HistoryEntry.Kind.SENT, name, template, outcome(x));
                            engine.show(x);
                            upstreamTrouble(x.exchange())
                                    .ifPresent(
                                            why ->
                                                    messages.warning(
                                                            "The upstream could not answer: "
                                                                    + why));
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
    static Optional<String> upstreamTrouble(Exchange x) {
        return x.events().stream()
                .filter(e -> e instanceof StreamEvent se && se.what().equals("upstream_failure"))
                .map(e -> ((StreamEvent) e).detail())
                .findFirst();
    }

    /**
     * A request still in flight joins the request list as {@code waiting (paused by X)} with its
     * events so far, and is selected; its full exchange replaces it when it completes.
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
        Pause stopped = debug.currentProperty().get();
        if (stopped != null) {
            messages.info(
                    "The request is stopped at a breakpoint before "
                            + stopped.filter()
                            + " · "
                            + stopped.stage().wireName()
                            + ": edit what the filter will see, then Continue (F8).");
        } else if (engine.session().virtualClock()) {
            String w = p.waiting();
            messages.info(
                    "The request is waiting"
                            + (w.isEmpty() ? "" : w.startsWith("for ") ? " " + w : ", " + w)
                            + ": a timer or a delayed reply is due on the virtual clock. Advance it"
                            + " to let the request finish; the timeline shows its events so far.");
        }
    }

    private static String outcome(RecordedExchange x) {
        HttpResponse r = x.exchange().response();
        if (r == null) {
            return "no response";
        }
        if (r.reset()) {
            return "reset";
        }
        return r.status() + (r.localReply() ? " local reply" : "");
    }
}

package io.filterplayground.app.workspace;

import io.filterplayground.engine.Exchange;
import java.util.List;
import java.util.Map;

/**
 * An exchange as the playground keeps it: the engine's {@link Exchange} plus the chain it ran
 * through (the filter names, in order, and each one's style: {@code wasm}, {@code lua} or {@code
 * native}), which the timeline uses as its lanes even for filters that were never called. A
 * <em>pending</em> exchange is a request still in flight (paused, waiting for the virtual clock or
 * a reply): its events so far and no response yet; {@code waiting} says what holds it ({@code
 * paused by lua}, {@code for the upstream}, or ""), and is null once the exchange is complete.
 */
public record RecordedExchange(
        Exchange exchange, List<String> chain, Map<String, String> styles, String waiting) {

    public RecordedExchange(Exchange exchange, List<String> chain) {
        this(exchange, chain, Map.of(), null);
    }

    public RecordedExchange(Exchange exchange, List<String> chain, Map<String, String> styles) {
        this(exchange, chain, styles, null);
    }

    /** True for a request still in flight (see {@link #waiting()}). */
    public boolean pending() {
        return waiting != null;
    }

    /** {@code wasm}, {@code lua}, {@code native}, or "" when unknown. */
    public String style(String filter) {
        return styles.getOrDefault(filter, "");
    }

    /** A one-line label: {@code #3 mallory · GET /reports → 403 local reply · worker-1}. */
    public String label() {
        var r = exchange.response();
        String status =
                pending()
                        ? "waiting" + (waiting.isEmpty() ? "" : " (" + waiting + ")")
                        : r == null
                                ? "no response"
                                : r.reset() ? "reset" : Integer.toString(r.status());
        String local = r != null && r.localReply() ? " local reply" : "";
        return (pending() ? "… " : "#" + exchange.index() + " ")
                + exchange.name()
                + " · "
                + exchange.request().method()
                + " "
                + exchange.request().path()
                + " → "
                + status
                + local
                + " · "
                + exchange.worker();
    }

    @Override
    public String toString() {
        return label();
    }
}

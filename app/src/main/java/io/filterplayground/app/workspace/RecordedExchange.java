package io.filterplayground.app.workspace;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;

/**
 * What the playground keeps of one request or one TCP connection: the engine's {@link Exchange} (an
 * HTTP request; {@code connection} is then null) or its {@link ConnectionResult} ({@code exchange}
 * is then null), plus the chain it ran through (the filter names, in order, then the access
 * loggers, and each one's style: {@code wasm}, {@code lua}, {@code native} or {@code logger}),
 * which the timeline uses as its lanes even for filters that were never called. A <em>pending</em>
 * one is still in flight (paused, waiting for the virtual clock or a reply): its events so far and
 * no response yet; {@code waiting} says what holds it ({@code paused by lua}, {@code for the
 * upstream}, or ""), and is null once it is complete.
 */
public record RecordedExchange(
        Exchange exchange,
        ConnectionResult connection,
        List<String> chain,
        Map<String, String> styles,
        String waiting) {

    public RecordedExchange(Exchange exchange, List<String> chain) {
        this(exchange, null, chain, Map.of(), null);
    }

    public RecordedExchange(Exchange exchange, List<String> chain, Map<String, String> styles) {
        this(exchange, null, chain, styles, null);
    }

    public RecordedExchange(
            Exchange exchange, List<String> chain, Map<String, String> styles, String waiting) {
        this(exchange, null, chain, styles, waiting);
    }

    /** A TCP connection ({@code waiting} null once it is over). */
    public static RecordedExchange of(
            ConnectionResult connection,
            List<String> chain,
            Map<String, String> styles,
            String waiting) {
        return new RecordedExchange(null, connection, chain, styles, waiting);
    }

    /** True for a TCP connection, false for an HTTP request. */
    public boolean isConnection() {
        return connection != null;
    }

    /** True for a request or connection still in flight (see {@link #waiting()}). */
    public boolean pending() {
        return waiting != null;
    }

    /** {@code wasm}, {@code lua}, {@code native}, {@code logger}, or "" when unknown. */
    public String style(String filter) {
        return styles.getOrDefault(filter, "");
    }

    /** Every trace event of the stream or connection, sorted by seq. */
    public List<TraceEvent> events() {
        return isConnection() ? connection.events() : exchange.events();
    }

    /** The stream's id, or the connection's ({@code connection.id}). */
    public long streamId() {
        return isConnection() ? connection.connectionId() : exchange.streamId();
    }

    public String name() {
        return isConnection() ? connection.name() : exchange.name();
    }

    /** Its place among the requests, or among the connections, sent so far (-1 when pending). */
    public int index() {
        return isConnection() ? connection.index() : exchange.index();
    }

    public String worker() {
        return isConnection() ? connection.worker() : exchange.worker();
    }

    public long totalNanos() {
        return isConnection() ? connection.totalNanos() : exchange.totalNanos();
    }

    /** Host JVM time spent in each filter. */
    public Map<String, Long> filterNanos() {
        return isConnection() ? connection.filterNanos() : exchange.filterNanos();
    }

    /**
     * A one-line label: {@code #3 mallory · GET /reports → 403 local reply · worker-1}, or {@code
     * #0 ping · connection → closed by upstream · worker-0}.
     */
    public String label() {
        String head = (pending() ? "… " : "#" + index() + " ") + name() + " · ";
        String wait = "waiting" + (pending() && !waiting.isEmpty() ? " (" + waiting + ")" : "");
        if (isConnection()) {
            return head
                    + "connection → "
                    + (pending() ? wait : "closed by " + connection.closedBy())
                    + " · "
                    + worker();
        }
        var r = exchange.response();
        String status =
                pending()
                        ? wait
                        : r == null
                                ? "no response"
                                : r.reset() ? "reset" : Integer.toString(r.status());
        String local = r != null && r.localReply() ? " local reply" : "";
        return head
                + exchange.request().method()
                + " "
                + exchange.request().path()
                + " → "
                + status
                + local
                + " · "
                + worker();
    }

    @Override
    public String toString() {
        return label();
    }
}

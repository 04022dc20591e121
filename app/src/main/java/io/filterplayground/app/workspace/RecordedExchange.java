package io.filterplayground.app.workspace;

import io.filterplayground.engine.Exchange;
import java.util.List;

/**
 * An exchange as the playground keeps it: the engine's {@link Exchange} plus the chain it ran
 * through (the filter names, in order), which the timeline uses as its lanes even for filters that
 * were never called.
 */
public record RecordedExchange(Exchange exchange, List<String> chain) {
    /** A one-line label: {@code #3 mallory · GET /reports → 403 local reply · worker-1}. */
    public String label() {
        var r = exchange.response();
        String status =
                r == null ? "no response" : r.reset() ? "reset" : Integer.toString(r.status());
        String local = r != null && r.localReply() ? " local reply" : "";
        return "#"
                + exchange.index()
                + " "
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

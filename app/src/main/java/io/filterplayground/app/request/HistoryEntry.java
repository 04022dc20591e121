package io.filterplayground.app.request;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.ConnectionStep;
import java.util.List;

/**
 * A request or connection in the composers' history: one saved in the scenario, one that was sent
 * (with what came back), or a burst. A request has its {@code request} (and null {@code steps}); a
 * TCP connection has the client's {@code steps} (and a null {@code request}).
 */
public record HistoryEntry(
        Kind kind, String name, HttpRequest request, List<ConnectionStep> steps, String outcome) {
    public enum Kind {
        SAVED,
        SENT,
        BURST
    }

    public HistoryEntry {
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** A request. */
    public HistoryEntry(Kind kind, String name, HttpRequest request, String outcome) {
        this(kind, name, request, null, outcome);
    }

    /** A connection's client steps. */
    public static HistoryEntry connection(
            Kind kind, String name, List<ConnectionStep> steps, String outcome) {
        return new HistoryEntry(kind, name, null, steps, outcome);
    }

    public boolean isConnection() {
        return steps != null;
    }

    public String label() {
        String head =
                switch (kind) {
                    case SAVED -> "saved";
                    case SENT -> "sent";
                    case BURST -> "burst";
                };
        String what =
                isConnection()
                        ? "connection, " + steps.size() + " step(s)"
                        : request.method() + " " + request.path();
        return head
                + " · "
                + name
                + " · "
                + what
                + (outcome == null || outcome.isEmpty() ? "" : " → " + outcome);
    }

    @Override
    public String toString() {
        return label();
    }
}

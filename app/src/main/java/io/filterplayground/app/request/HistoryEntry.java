package io.filterplayground.app.request;

import io.filterplayground.engine.http.HttpRequest;

/**
 * A request in the composer's history: one saved in the scenario, one that was sent (with what came
 * back), or a burst.
 */
public record HistoryEntry(Kind kind, String name, HttpRequest request, String outcome) {
    public enum Kind {
        SAVED,
        SENT,
        BURST
    }

    public String label() {
        String head =
                switch (kind) {
                    case SAVED -> "saved";
                    case SENT -> "sent";
                    case BURST -> "burst";
                };
        return head
                + " · "
                + name
                + " · "
                + request.method()
                + " "
                + request.path()
                + (outcome == null || outcome.isEmpty() ? "" : " → " + outcome);
    }

    @Override
    public String toString() {
        return label();
    }
}

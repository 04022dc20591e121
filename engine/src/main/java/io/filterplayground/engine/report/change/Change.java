package io.filterplayground.engine.report.change;

/**
 * One difference between two runs of the same request or connection: {@code before} is null for
 * what appeared in the later run, {@code after} null for what disappeared from it. {@code where} is
 * the filter (and stage) it concerns, or empty for the request's own outcome.
 */
public record Change(Area area, String where, String what, String before, String after) {

    /** What part of a request's story changed, in the order a reader looks at them. */
    public enum Area {
        /** The request or connection itself: new in this run, or missing from it. */
        PRESENCE("request"),
        RESPONSE("response"),
        UPSTREAM("upstream request"),
        CONNECTION("connection"),
        /** What a filter left at one stage: header edits, body, the status it returned. */
        STAGE("stage"),
        CALLBACK("callback"),
        HOSTCALL("hostcall"),
        LOG("log"),
        TIMING("time");

        private final String label;

        Area(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Appeared, disappeared, or there in both runs with another value. */
    public enum Mark {
        ADDED,
        REMOVED,
        CHANGED
    }

    public Mark mark() {
        return before == null ? Mark.ADDED : after == null ? Mark.REMOVED : Mark.CHANGED;
    }

    /**
     * One line: {@code response header x-denied-by: + deny}, {@code status: 200 → 403}, {@code deny
     * · proxy_on_request_headers: Continue → StopIteration}.
     */
    public String describe() {
        String head = (where.isEmpty() ? "" : where + " · ") + what;
        return switch (mark()) {
            case ADDED -> head + ": + " + after;
            case REMOVED -> head + ": − " + before;
            case CHANGED -> head + ": " + before + " → " + after;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}

package io.filterplayground.engine.report.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The changes in a request's (or connection's) events between two runs: what each filter left at
 * each stage (its own header edits, body and returned status, so an edit shows at the filter that
 * made it and not at every stage after: {@code adds x-a}, {@code removes x-b}, {@code changes
 * x-c}), the callbacks and their results, the hostcalls with their arguments and results, and the
 * log lines. Sequence numbers, threads, context ids and durations differ on every run and are left
 * out.
 */
final class EventChanges {
    private EventChanges() {}

    static void compare(JsonNode before, JsonNode after, List<Change> out) {
        Digest b = digest(before);
        Digest a = digest(after);
        a.stages.compareTo(b.stages, Change.Area.STAGE, out);
        a.callbacks.compareTo(b.callbacks, Change.Area.CALLBACK, out);
        a.hostcalls.compareTo(b.hostcalls, Change.Area.HOSTCALL, out);
        a.logs.compareTo(b.logs, Change.Area.LOG, out);
    }

    private record Digest(Keyed stages, Keyed callbacks, Keyed hostcalls, Keyed logs) {}

    private static Digest digest(JsonNode events) {
        Digest d = new Digest(new Keyed(), new Keyed(), new Keyed(), new Keyed());
        if (events == null || !events.isArray()) {
            return d;
        }
        for (JsonNode e : events) {
            String filter = e.path("filter").asText("");
            switch (e.path("kind").asText()) {
                case "stage" -> stage(e, filter, d.stages());
                case "callback" -> {
                    String name = e.path("name").asText();
                    d.callbacks()
                            .add(filter + "|" + name, filter, name, e.path("result").asText(""));
                }
                case "hostcall" -> {
                    String name = e.path("name").asText();
                    JsonNode args = e.get("args");
                    String value =
                            (args == null || args.isEmpty() ? "" : args.toString() + " ")
                                    + "returned "
                                    + e.path("result").asText("");
                    d.hostcalls().add(filter + "|" + name, filter, name, value);
                }
                case "log" -> {
                    String level = e.path("level").asText();
                    String message = Fields.clip(e.path("message").asText());
                    // A log line is its text: the same line again is the next occurrence.
                    d.logs().add(filter + "|" + level + "|" + message, filter, level, message);
                }
                case "trap" -> {
                    String name = e.path("name").asText();
                    d.callbacks()
                            .add(
                                    filter + "|trap " + name,
                                    filter,
                                    "trap in " + name,
                                    e.path("message").asText(""));
                }
                default -> {
                    // vm and stream events: their detail is the engine's, not the filter's
                }
            }
        }
        return d;
    }

    /** A stage: the status the filter returned and what it changed, under one key each. */
    private static void stage(JsonNode e, String filter, Keyed stages) {
        String stage = e.path("stage").asText();
        String where = filter + " · " + stage;
        String key = filter + "|" + stage;
        stages.add(key + "|status", where, "returned", e.path("status").asText(""));
        if (e.has("before")) {
            for (HeaderEdits.Entry h :
                    HeaderEdits.compare(Fields.pairs(e, "before"), Fields.pairs(e, "after"))) {
                if (h.before() == null) {
                    stages.add(key + "|+" + h.name(), where, "adds " + h.name(), h.after());
                } else if (h.after() == null) {
                    stages.add(key + "|-" + h.name(), where, "removes " + h.name(), h.before());
                } else if (!h.same()) {
                    stages.add(
                            key + "|~" + h.name(),
                            where,
                            "changes " + h.name(),
                            h.before() + " to " + h.after());
                }
            }
        }
        String bodyBefore = Fields.body(e, "bodyBefore");
        String bodyAfter = Fields.body(e, "bodyAfter");
        if (bodyBefore != null || bodyAfter != null) {
            boolean edited = bodyBefore == null || !bodyBefore.equals(bodyAfter);
            stages.add(
                    key + "|body",
                    where,
                    stage.endsWith("_data") ? "bytes left" : "body left",
                    edited ? String.valueOf(bodyAfter) : "(passed on unchanged)");
        }
    }
}

package io.filterplayground.engine.report.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares one request (or connection) of two runs: its outcome (status, local reply, headers and
 * body of the response and of what reached the upstream; a connection's bytes and who closed it),
 * its events ({@link EventChanges}) and each filter's time beyond the {@link Thresholds}.
 */
final class ItemDiff {
    private ItemDiff() {}

    static List<Change> request(JsonNode before, JsonNode after, Thresholds t) {
        List<Change> out = new ArrayList<>();
        response(before.get("response"), after.get("response"), out);
        upstream(before.get("upstreamRequest"), after.get("upstreamRequest"), out);
        EventChanges.compare(before.get("events"), after.get("events"), out);
        timing(before, after, t, out);
        return out;
    }

    static List<Change> connection(JsonNode before, JsonNode after, Thresholds t) {
        List<Change> out = new ArrayList<>();
        Change.Area c = Change.Area.CONNECTION;
        value(c, "closed by", Fields.text(before, "closedBy"), Fields.text(after, "closedBy"), out);
        value(c, "client received", body(before, "received"), body(after, "received"), out);
        value(
                c,
                "upstream received",
                body(before, "upstreamReceived"),
                body(after, "upstreamReceived"),
                out);
        EventChanges.compare(before.get("events"), after.get("events"), out);
        timing(before, after, t, out);
        return out;
    }

    private static void response(JsonNode b, JsonNode a, List<Change> out) {
        Change.Area r = Change.Area.RESPONSE;
        value(r, "status", status(b), status(a), out);
        if (isNull(b) || isNull(a)) {
            return;
        }
        value(
                r,
                "local reply",
                Fields.yesNo(b.path("localReply").asBoolean()),
                Fields.yesNo(a.path("localReply").asBoolean()),
                out);
        value(r, "details", Fields.text(b, "details"), Fields.text(a, "details"), out);
        value(
                r,
                "reset",
                Fields.yesNo(b.path("reset").asBoolean()),
                Fields.yesNo(a.path("reset").asBoolean()),
                out);
        headers(r, "header", b, a, "headers", out);
        headers(r, "trailer", b, a, "trailers", out);
        value(r, "body", body(b, "body"), body(a, "body"), out);
    }

    private static void upstream(JsonNode b, JsonNode a, List<Change> out) {
        Change.Area u = Change.Area.UPSTREAM;
        value(u, "reached the upstream", Fields.yesNo(!isNull(b)), Fields.yesNo(!isNull(a)), out);
        if (isNull(b) || isNull(a)) {
            return;
        }
        value(u, "cluster", Fields.text(b, "cluster"), Fields.text(a, "cluster"), out);
        headers(u, "header", b, a, "headers", out);
        headers(u, "trailer", b, a, "trailers", out);
        value(u, "body", body(b, "body"), body(a, "body"), out);
    }

    private static void headers(
            Change.Area area, String what, JsonNode b, JsonNode a, String field, List<Change> out) {
        for (HeaderEdits.Entry h :
                HeaderEdits.compare(Fields.pairs(b, field), Fields.pairs(a, field))) {
            // :status is the status, said once.
            if (!h.same() && !h.name().equals(":status")) {
                out.add(new Change(area, "", what + " " + h.name(), h.before(), h.after()));
            }
        }
    }

    /** Each filter's time, when it moved by more than jitter. */
    private static void timing(JsonNode b, JsonNode a, Thresholds t, List<Change> out) {
        JsonNode tb = b.path("timing").path("filterNanos");
        JsonNode ta = a.path("timing").path("filterNanos");
        for (Iterator<Map.Entry<String, JsonNode>> it = ta.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode was = tb.get(e.getKey());
            if (was != null && t.exceeded(was.asLong(), e.getValue().asLong())) {
                out.add(
                        new Change(
                                Change.Area.TIMING,
                                e.getKey(),
                                "time in filter",
                                millis(was.asLong()),
                                millis(e.getValue().asLong())));
            }
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static void value(
            Change.Area area, String what, String before, String after, List<Change> out) {
        if (!Objects.equals(before, after)) {
            out.add(
                    new Change(
                            area,
                            "",
                            what,
                            before == null ? "(none)" : before,
                            after == null ? "(none)" : after));
        }
    }

    private static String status(JsonNode response) {
        return isNull(response) ? "no response" : response.path("status").asText();
    }

    private static String body(JsonNode o, String field) {
        String text = Fields.body(o, field);
        return text == null ? "" : text;
    }

    private static boolean isNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }
}

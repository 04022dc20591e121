package io.filterplayground.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads a step's {@code check:} list: each entry one goal, {@code {kind: {fields}}}. */
final class Goals {
    /** The goal kinds, as a lesson file writes them. */
    static final List<String> KINDS =
            List.of(
                    "response",
                    "connection",
                    "callback",
                    "hostcall",
                    "log",
                    "trap",
                    "stream",
                    "vm",
                    "order",
                    "vms",
                    "advanced");

    private static final int MAX_COUNT = 1_000_000;

    private Goals() {}

    static Goal read(JsonNode entry, String where) {
        Fields outer = new Fields(entry, where);
        String kind = outer.onlyKey();
        Fields f = outer.child(kind);
        Goal g =
                switch (kind) {
                    case "response" -> response(f);
                    case "connection" ->
                            new Goal.Connection(
                                    f.text("name"),
                                    f.text("closedBy"),
                                    f.text("receivedContains"),
                                    f.text("upstreamReceivedContains"),
                                    count(f));
                    case "callback" ->
                            new Goal.Callback(
                                    f.requiredText("name"),
                                    f.text("filter"),
                                    f.text("thread"),
                                    f.text("result"),
                                    context(f),
                                    count(f));
                    case "hostcall" ->
                            new Goal.Hostcall(
                                    f.requiredText("name"),
                                    f.text("filter"),
                                    f.text("result"),
                                    f.text("hintContains"),
                                    count(f));
                    case "log" ->
                            new Goal.Log(
                                    f.text("contains"),
                                    f.text("filter"),
                                    f.text("thread"),
                                    f.text("level"),
                                    count(f));
                    case "trap" ->
                            new Goal.Trap(
                                    f.text("filter"),
                                    f.text("callback"),
                                    f.text("effectContains"),
                                    count(f));
                    case "stream" ->
                            new Goal.Stream(
                                    f.requiredText("what"),
                                    f.text("filter"),
                                    f.text("detailContains"),
                                    count(f));
                    case "vm" ->
                            new Goal.Vm(
                                    f.requiredText("state"),
                                    f.text("name"),
                                    f.text("thread"),
                                    count(f));
                    case "order" -> order(f);
                    case "vms" -> new Goal.Vms(f.text("thread"), f.text("module"), count(f));
                    case "advanced" -> advanced(f);
                    default ->
                            throw Fields.bad(
                                    outer.path(kind),
                                    "unknown goal (one of " + String.join(", ", KINDS) + ")");
                };
        f.done();
        return g;
    }

    private static Goal response(Fields f) {
        return new Goal.Response(
                f.text("request"),
                f.text("path"),
                f.textMap("requestHeaders"),
                f.text("worker"),
                f.integer("status", 0, 999),
                f.bool("localReply"),
                f.text("detailsContains"),
                f.bool("upstreamReached"),
                f.textMap("responseHeaders"),
                f.textMap("upstreamHeaders"),
                f.raw("absentUpstreamHeaders") == null ? null : f.texts("absentUpstreamHeaders"),
                f.text("bodyContains"),
                count(f));
    }

    private static Goal order(Fields f) {
        List<String> callbacks = f.texts("callbacks");
        if (callbacks.size() < 2) {
            throw Fields.bad(f.path("callbacks"), "a list of at least two callbacks is expected");
        }
        return new Goal.Order(f.text("filter"), callbacks);
    }

    private static Goal advanced(Fields f) {
        Long ms = f.millis("atLeast");
        if (ms == null || ms <= 0) {
            throw Fields.bad(f.path("atLeast"), "a duration above zero is required");
        }
        return new Goal.Advanced(ms);
    }

    private static String context(Fields f) {
        String c = f.text("context");
        if (c != null && !c.equals("root") && !c.equals("stream")) {
            throw Fields.bad(f.path("context"), "root or stream is expected");
        }
        return c;
    }

    private static int count(Fields f) {
        Integer n = f.integer("count", 1, MAX_COUNT);
        return n == null ? 1 : n;
    }
}

package io.filterplayground.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import java.util.List;

/**
 * Reads a step's {@code do:} list: {@code send: NAME}, {@code advance: 1s}, {@code connect: NAME},
 * {@code workers: N}, or {@code edit: {filter: NAME, ...}}.
 */
final class Actions {
    static final List<String> KINDS = List.of("send", "advance", "connect", "edit", "workers");

    private Actions() {}

    static Action read(JsonNode entry, String where) {
        Fields outer = new Fields(entry, where);
        String kind = outer.onlyKey();
        Action a =
                switch (kind) {
                    case "send" -> new Action.Send(outer.requiredText("send"));
                    case "connect" -> new Action.Connect(outer.requiredText("connect"));
                    case "advance" -> advance(outer);
                    case "workers" -> workers(outer);
                    case "edit" -> edit(outer.child("edit"));
                    default ->
                            throw Fields.bad(
                                    outer.path(kind),
                                    "unknown action (one of " + String.join(", ", KINDS) + ")");
                };
        outer.done();
        return a;
    }

    private static Action workers(Fields f) {
        Integer n = f.integer("workers", 1, 64);
        if (n == null) {
            throw Fields.bad(f.path("workers"), "a number of workers is required");
        }
        return new Action.Workers(n);
    }

    private static Action advance(Fields f) {
        Long ms = f.millis("advance");
        if (ms == null || ms <= 0) {
            throw Fields.bad(f.path("advance"), "a duration above zero is required");
        }
        return new Action.Advance(ms);
    }

    private static Action edit(Fields f) {
        String filter = f.requiredText("filter");
        FailurePolicy policy = null;
        String p = f.text("failurePolicy");
        if (p != null) {
            try {
                policy = FailurePolicy.parse(p);
            } catch (IllegalArgumentException e) {
                throw Fields.bad(f.path("failurePolicy"), e.getMessage());
            }
        }
        FaultSpec inject = null;
        boolean clear = false;
        JsonNode raw = f.raw("inject");
        if (raw != null && raw.isBoolean() && !raw.asBoolean()) {
            clear = true;
        } else if (raw != null && !raw.isNull()) {
            Fields i = f.child("inject");
            try {
                Integer call = i.integer("call", 1, 1_000_000);
                inject =
                        new FaultSpec(
                                FaultSpec.callbackNamed(i.requiredText("callback")),
                                call == null ? 1 : call);
            } catch (IllegalArgumentException e) {
                throw Fields.bad(i.where(), e.getMessage());
            }
            i.done();
        }
        Action.Edit edit =
                new Action.Edit(
                        filter,
                        f.text("vmId"),
                        configuration(f, "configuration"),
                        configuration(f, "vmConfiguration"),
                        policy,
                        inject,
                        clear,
                        f.bool("enabled"));
        f.done();
        return edit;
    }

    /** Text as it is; YAML maps and lists as JSON, as a scenario's configurations are. */
    private static String configuration(Fields f, String name) {
        JsonNode v = f.raw(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}

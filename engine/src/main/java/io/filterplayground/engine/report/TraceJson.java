package io.filterplayground.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.trace.VmEvent;

/**
 * The JSON form of trace events (the README's "JSON result": seq, kind, thread, filter, vm, ...).
 */
public final class TraceJson {
    private TraceJson() {}

    public static ObjectNode event(TraceEvent e) {
        ObjectNode o = Json.F.objectNode();
        o.put("seq", e.seq());
        o.put("kind", e.kind());
        o.put("thread", e.thread());
        if (e instanceof CallbackEvent c) {
            o.put("filter", c.filter());
            putIfNotNull(o, "vm", c.vm());
            o.put("contextId", c.contextId());
            o.put("name", c.name());
            Json.putAll(o, "args", c.args());
            o.put("result", c.result());
            o.put("durationNanos", c.durationNanos());
        } else if (e instanceof HostCallEvent h) {
            o.put("filter", h.filter());
            o.put("vm", h.vm());
            o.put("contextId", h.contextId());
            o.put("name", h.name());
            Json.putAll(o, "args", h.args());
            o.put("result", h.result());
            putIfNotNull(o, "hint", h.hint());
            o.put("parentSeq", h.parentSeq());
        } else if (e instanceof LogEvent l) {
            o.put("filter", l.filter());
            putIfNotNull(o, "vm", l.vm());
            o.put("contextId", l.contextId());
            o.put("level", l.level().displayName());
            o.put("message", l.message());
            if (l.suppressed()) {
                o.put("suppressed", true);
            }
        } else if (e instanceof StageEvent s) {
            o.put("filter", s.filter());
            o.put("stage", s.stage().wireName());
            o.put("status", s.status());
            o.put("endOfStream", s.endOfStream());
            if (s.before() != null) {
                o.set("before", Json.headers(s.before()));
                o.set("after", Json.headers(s.after()));
            }
            if (s.bodyBefore() != null) {
                Json.body(o, "bodyBefore", s.bodyBefore());
                Json.body(o, "bodyAfter", s.bodyAfter());
            }
            o.put("durationNanos", s.durationNanos());
        } else if (e instanceof TrapEvent t) {
            o.put("filter", t.filter());
            o.put("vm", t.vm());
            o.put("contextId", t.contextId());
            o.put("name", t.callback());
            o.put("message", t.message());
            o.set("stack", Json.MAPPER.valueToTree(t.stack()));
            o.put("policy", t.policy());
            o.put("effect", t.effect());
        } else if (e instanceof VmEvent v) {
            o.put("vm", v.vm());
            o.put("module", v.module());
            o.put("state", v.state());
            putIfNotNull(o, "detail", v.detail());
        } else if (e instanceof StreamEvent s) {
            o.put("name", s.what());
            putIfNotNull(o, "filter", s.filter());
            putIfNotNull(o, "detail", s.detail());
        }
        return o;
    }

    private static void putIfNotNull(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}

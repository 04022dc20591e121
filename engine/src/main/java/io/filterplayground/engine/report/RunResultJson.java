package io.filterplayground.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.abi.MetricType;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.http.UpstreamRequest;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON result of {@code run --json}: the fields the README's "JSON result" section fixes, and a
 * few more.
 */
public final class RunResultJson {
    private RunResultJson() {}

    /**
     * Streams the result as JSON, one request (or connection) at a time, so a burst of many
     * thousands never needs the whole document in memory.
     */
    public static void write(RunResult r, java.io.Writer out) throws IOException {
        ObjectNode rest = of(r, false);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            if (r.scenario().hasHttpListener()) {
                each(g, "requests", r.exchanges(), RunResultJson::exchange);
            }
            if (r.scenario().tcpListener() != null) {
                each(g, "connections", r.connections(), c -> connection(c.result()));
            }
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : rest.properties()) {
                g.writeFieldName(e.getKey());
                Json.MAPPER.writeTree(g, e.getValue());
            }
            g.writeEndObject();
        }
    }

    private static <T> void each(
            JsonGenerator g, String field, List<T> items, Function<T, ObjectNode> json)
            throws IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (T item : items) {
            Json.MAPPER.writeTree(g, json.apply(item));
        }
        g.writeEndArray();
    }

    /** The whole result as a tree (for small runs and tests). */
    public static ObjectNode of(RunResult r) {
        return of(r, true);
    }

    private static ObjectNode of(RunResult r, boolean withRequests) {
        ObjectNode root = Json.F.objectNode();
        if (withRequests && r.scenario().hasHttpListener()) {
            ArrayNode requests = root.putArray("requests");
            for (Exchange x : r.exchanges()) {
                requests.add(exchange(x));
            }
        }
        if (withRequests && r.scenario().tcpListener() != null) {
            root.set("connections", connections(r));
        }
        ArrayNode logs = root.putArray("logs");
        for (LogEvent l : r.logs()) {
            logs.add(TraceJson.event(l));
        }
        PlaygroundSnapshot s = r.snapshot();
        root.set("metrics", metrics(s));
        root.set("sharedData", sharedData(s));
        root.set("queues", queues(s));
        root.set("vms", vms(s));
        ArrayNode events = root.putArray("events");
        for (TraceEvent e : r.outsideRequests()) {
            if (!(e instanceof LogEvent)) {
                events.add(TraceJson.event(e));
            }
        }
        ObjectNode run = root.putObject("run");
        run.put("workers", r.scenario().workers());
        run.put("clock", r.scenario().clock().name().toLowerCase(java.util.Locale.ROOT));
        run.put("wallNanos", r.wallNanos());
        return root;
    }

    /**
     * A tcp listener's run has {@code connections} in place of {@code requests}; a scenario with
     * both listeners has both.
     */
    private static ArrayNode connections(RunResult r) {
        ArrayNode a = Json.F.arrayNode();
        for (RunResult.Connected c : r.connections()) {
            a.add(connection(c.result()));
        }
        return a;
    }

    public static ObjectNode connection(ConnectionResult c) {
        ObjectNode o = Json.F.objectNode();
        o.put("name", c.name());
        o.put("index", c.index());
        o.put("worker", c.worker());
        o.put("connectionId", c.connectionId());
        Json.body(o, "received", c.received());
        Json.body(o, "upstreamReceived", c.upstreamReceived());
        o.put("closedBy", c.closedBy());
        timing(o, c.totalNanos(), c.filterNanos());
        events(o, c.events());
        return o;
    }

    public static ObjectNode exchange(Exchange x) {
        ObjectNode o = Json.F.objectNode();
        o.put("name", x.name());
        o.put("index", x.index());
        o.put("worker", x.worker());
        o.put("streamId", x.streamId());
        HttpResponse resp = x.response();
        if (resp == null) {
            o.putNull("response");
        } else {
            ObjectNode ro = o.putObject("response");
            ro.put("status", resp.status());
            ro.set("headers", Json.headers(resp.headers()));
            Json.body(ro, "body", resp.body());
            ro.put("localReply", resp.localReply());
            ro.put("details", resp.details());
            if (!resp.flags().isEmpty()) {
                ro.put("flags", resp.flags());
            }
            if (!resp.trailers().isEmpty()) {
                ro.set("trailers", Json.headers(resp.trailers()));
            }
            if (resp.reset()) {
                ro.put("reset", true);
            }
        }
        UpstreamRequest up = x.upstreamRequest();
        if (up == null) {
            o.putNull("upstreamRequest");
        } else {
            ObjectNode uo = o.putObject("upstreamRequest");
            uo.put("cluster", up.cluster());
            uo.set("headers", Json.headers(up.headers()));
            Json.body(uo, "body", up.body());
            if (!up.trailers().isEmpty()) {
                uo.set("trailers", Json.headers(up.trailers()));
            }
        }
        timing(o, x.totalNanos(), x.filterNanos());
        events(o, x.events());
        return o;
    }

    private static void timing(ObjectNode o, long totalNanos, Map<String, Long> filterNanos) {
        ObjectNode timing = o.putObject("timing");
        timing.put("totalNanos", totalNanos);
        ObjectNode perFilter = timing.putObject("filterNanos");
        for (Map.Entry<String, Long> e : filterNanos.entrySet()) {
            perFilter.put(e.getKey(), e.getValue());
        }
    }

    private static void events(ObjectNode o, List<TraceEvent> list) {
        ArrayNode events = o.putArray("events");
        for (TraceEvent e : list) {
            events.add(TraceJson.event(e));
        }
    }

    private static ArrayNode metrics(PlaygroundSnapshot s) {
        ArrayNode a = Json.F.arrayNode();
        for (Metrics.Row m : s.metrics()) {
            ObjectNode o = a.addObject();
            o.put("name", m.name());
            o.put("type", m.type().displayName());
            o.put("value", m.value());
            if (m.type() == MetricType.HISTOGRAM) {
                o.put("count", m.count());
                o.put("sum", m.sum());
                o.put("min", m.min());
                o.put("max", m.max());
            }
            ObjectNode per = o.putObject("perVm");
            new java.util.TreeMap<>(m.perVm()).forEach(per::put);
        }
        return a;
    }

    private static ArrayNode sharedData(PlaygroundSnapshot s) {
        ArrayNode a = Json.F.arrayNode();
        for (SharedData.Row d : s.sharedData()) {
            ObjectNode o = a.addObject();
            o.put("vmId", d.vmId());
            o.put("key", d.key());
            Json.body(o, "value", d.value());
            o.put("cas", d.cas());
        }
        return a;
    }

    private static ArrayNode queues(PlaygroundSnapshot s) {
        ArrayNode a = Json.F.arrayNode();
        for (SharedQueues.Row q : s.queues()) {
            ObjectNode o = a.addObject();
            o.put("queueId", q.token());
            o.put("vmId", q.vmId());
            o.put("name", q.name());
            o.put("depth", q.depth());
            o.put("enqueued", q.enqueued());
            o.put("dequeued", q.dequeued());
            o.put("subscriber", q.subscriber());
        }
        return a;
    }

    private static ArrayNode vms(PlaygroundSnapshot s) {
        ArrayNode a = Json.F.arrayNode();
        for (VmView v : s.vms()) {
            ObjectNode o = a.addObject();
            o.put("id", v.id());
            o.put("kind", v.kind());
            o.put("thread", v.thread());
            o.put("module", v.module());
            o.put("vmId", v.vmId());
            o.put("state", v.state());
            ArrayNode roots = o.putArray("rootContexts");
            for (VmView.RootView r : v.roots()) {
                ObjectNode ro = roots.addObject();
                ro.put("plugin", r.plugin());
                ro.put("rootId", r.rootId());
                ro.put("contextId", r.contextId());
                if (r.tickPeriodMillis() > 0) {
                    ro.put("tickPeriodMillis", r.tickPeriodMillis());
                }
            }
            o.put("requestsServed", v.streamsServed());
            o.put("memoryPages", v.memoryPages());
            if (v.failure() != null) {
                o.put("failure", v.failure());
            }
        }
        return a;
    }
}

package io.filterplayground.app.timeline;

import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An exchange's or connection's trace turned into timeline rows: one lane per filter of the chain
 * (then one per access logger), callbacks in seq order, and the hostcalls and logs of each callback
 * grouped under it (their {@code parentSeq} is the callback's seq). Pure: built off the UI thread,
 * tested without a toolkit.
 */
public record Timeline(
        List<String> lanes,
        List<TimelineRow> rows,
        Map<Long, CallbackDetail> details,
        Map<String, String> styles) {

    public static final Timeline EMPTY = new Timeline(List.of(), List.of(), Map.of(), Map.of());

    public CallbackDetail detail(TimelineRow row) {
        return row == null ? null : details.get(row.seq());
    }

    /** A filter's style: {@code wasm}, {@code lua}, {@code native}, or "" when unknown. */
    public String style(String filter) {
        return filter == null ? "" : styles.getOrDefault(filter, "");
    }

    public static Timeline of(RecordedExchange recorded) {
        List<String> lanes = new ArrayList<>(recorded.chain());
        List<TraceEvent> events = recorded.events();
        for (TraceEvent e : events) {
            String f = filterOf(e);
            if (f != null && !lanes.contains(f)) {
                lanes.add(f);
            }
        }
        Map<Long, List<HostcallRow>> hostcalls = new HashMap<>();
        Map<Long, List<LogRow>> logs = new HashMap<>();
        Map<Long, CallbackEvent> callbacks = new LinkedHashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof CallbackEvent c) {
                callbacks.put(c.seq(), c);
            } else if (e instanceof HostCallEvent h) {
                hostcalls
                        .computeIfAbsent(h.parentSeq(), k -> new ArrayList<>())
                        .add(
                                new HostcallRow(
                                        h.seq(),
                                        h.name(),
                                        formatArgs(h.args()),
                                        h.result(),
                                        h.hint(),
                                        !"lua".equals(recorded.style(h.filter()))));
            }
        }
        // A local reply sent by a filter marks the callback of that filter that sent it: the
        // latest one before the stream's local_reply note (Wasm, Lua and built-in filters alike).
        java.util.Set<Long> localReplies = new java.util.HashSet<>();
        Map<String, Long> lastCallback = new HashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof CallbackEvent c) {
                lastCallback.put(c.filter(), c.seq());
            } else if (e instanceof StreamEvent s
                    && s.what().equals("local_reply")
                    && s.filter() != null
                    && lastCallback.containsKey(s.filter())) {
                localReplies.add(lastCallback.get(s.filter()));
            }
        }
        List<TimelineRow> rows = new ArrayList<>();
        Map<Long, CallbackDetail> details = new HashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof LogEvent l) {
                if (callbacks.containsKey(l.parentSeq())) {
                    logs.computeIfAbsent(l.parentSeq(), k -> new ArrayList<>())
                            .add(
                                    new LogRow(
                                            l.seq(),
                                            l.level().displayName(),
                                            l.message(),
                                            l.suppressed()));
                } else if (!l.suppressed()) {
                    rows.add(
                            note(
                                    l.seq(),
                                    "log",
                                    Tone.INFO,
                                    l.filter() + ": " + l.message(),
                                    l.thread()));
                }
            }
        }
        for (TraceEvent e : events) {
            if (e instanceof CallbackEvent c) {
                List<HostcallRow> hc = hostcalls.getOrDefault(c.seq(), List.of());
                List<LogRow> lg = logs.getOrDefault(c.seq(), List.of());
                boolean localReply =
                        localReplies.contains(c.seq())
                                || hc.stream()
                                        .anyMatch(
                                                h -> h.name().equals("proxy_send_local_response"));
                TimelineRow row =
                        new TimelineRow(
                                TimelineRow.Kind.CALLBACK,
                                c.seq(),
                                lanes.indexOf(c.filter()),
                                c.filter(),
                                shortName(c.name()),
                                action(c.result(), localReply),
                                tone(c.result(), localReply),
                                c.thread(),
                                c.vm(),
                                c.contextId(),
                                c.durationNanos(),
                                hc.size(),
                                (int) lg.stream().filter(x -> !x.suppressed()).count(),
                                c.name(),
                                CallbackSummary.of(c));
                rows.add(row);
                details.put(c.seq(), new CallbackDetail(row, formatArgs(c.args()), hc, lg));
            } else if (e instanceof TrapEvent t) {
                // A Lua runtime error is Envoy's scriptError: logged, and the script steps aside.
                boolean lua = "lua".equals(recorded.style(t.filter()));
                rows.add(
                        new TimelineRow(
                                TimelineRow.Kind.TRAP,
                                t.seq(),
                                lanes.indexOf(t.filter()),
                                t.filter(),
                                shortName(t.callback()),
                                lua ? "Lua error" : "Trap",
                                Tone.TRAP,
                                t.thread(),
                                t.vm(),
                                t.contextId(),
                                0,
                                0,
                                0,
                                t.message() + " → " + t.effect(),
                                ""));
            } else if (e instanceof StreamEvent s) {
                TimelineRow n = streamNote(s);
                if (n != null) {
                    rows.add(n);
                }
            } else if (e instanceof VmEvent v) {
                rows.add(
                        note(
                                v.seq(),
                                "vm " + v.state(),
                                v.state().equals("failed") ? Tone.TRAP : Tone.INFO,
                                v.vm() + ": " + v.detail(),
                                v.thread()));
            }
        }
        rows.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return new Timeline(
                List.copyOf(lanes), List.copyOf(rows), Map.copyOf(details), recorded.styles());
    }

    private static String filterOf(TraceEvent e) {
        if (e instanceof CallbackEvent c) {
            return c.filter();
        }
        if (e instanceof TrapEvent t) {
            return t.filter();
        }
        return null;
    }

    private static TimelineRow streamNote(StreamEvent s) {
        String what = s.what();
        Tone tone =
                switch (what) {
                    case "paused" -> Tone.PAUSE;
                    case "resumed" -> Tone.CONTINUE;
                    case "local_reply" -> Tone.LOCAL_REPLY;
                    case "reset", "upstream_failure" -> Tone.TRAP;
                    case "skipped", "note" -> Tone.WARNING;
                    case "data" -> Tone.INFO;
                    default -> Tone.NEUTRAL;
                };
        String label =
                switch (what) {
                    case "request" -> "request in";
                    case "connection" -> "connection in";
                    case "upstream_request", "upstream_connect" -> "to upstream";
                    case "upstream_response" -> "from upstream";
                    case "upstream_failure" -> "upstream failed";
                    case "local_reply" -> "local reply";
                    case "complete" -> "complete";
                    default -> what.replace('_', ' ');
                };
        return note(s.seq(), label, tone, s.detail() == null ? "" : s.detail(), s.thread());
    }

    private static TimelineRow note(long seq, String label, Tone tone, String text, String thread) {
        return new TimelineRow(
                TimelineRow.Kind.NOTE,
                seq,
                -1,
                null,
                label,
                label,
                tone,
                thread,
                null,
                0,
                0,
                0,
                0,
                text,
                "");
    }

    /**
     * {@code proxy_on_request_headers} → {@code request_headers}, {@code envoy_on_request} → {@code
     * on_request}; a built-in filter's {@code decodeHeaders} stays as it is.
     */
    public static String shortName(String callback) {
        if (callback == null) {
            return "";
        }
        if (callback.startsWith("proxy_on_")) {
            return callback.substring("proxy_on_".length());
        }
        return callback.startsWith("envoy_on_") ? callback.substring("envoy_".length()) : callback;
    }

    static String action(String result, boolean localReply) {
        if (localReply) {
            return "local reply";
        }
        return result == null ? "" : result;
    }

    static Tone tone(String result, boolean localReply) {
        if (localReply) {
            return Tone.LOCAL_REPLY;
        }
        if (result == null || result.isEmpty()) {
            return Tone.NEUTRAL;
        }
        // Wasm and built-in filters answer Continue / Stop...; a Lua handler ends (done), sends a
        // local reply (respond), suspends (yield: ...) or fails (error).
        if (result.equals("Continue") || result.equals("done")) {
            return Tone.CONTINUE;
        }
        if (result.equals("trap") || result.equals("error")) {
            return Tone.TRAP;
        }
        if (result.equals("respond")) {
            return Tone.LOCAL_REPLY;
        }
        if (result.startsWith("Pause") || result.startsWith("Stop") || result.startsWith("yield")) {
            return Tone.PAUSE;
        }
        return Tone.NEUTRAL;
    }

    /** {@code map=HttpRequestHeaders, key=x-user, value=alice}, long values shortened. */
    static String formatArgs(Map<String, Object> args) {
        if (args == null || args.isEmpty()) {
            return "";
        }
        return args.entrySet().stream()
                .map(e -> e.getKey() + "=" + shorten(String.valueOf(e.getValue()), 120))
                .collect(Collectors.joining(", "));
    }

    static String shorten(String s, int max) {
        String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}

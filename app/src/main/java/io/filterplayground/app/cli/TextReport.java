package io.filterplayground.app.cli;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.report.Escaped;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The readable form of {@code run}: one table of requests (or, for a tcp listener, of connections),
 * then each one's callbacks, then the run's logs, VMs, metrics and shared data.
 */
final class TextReport {
    /** Beyond this many requests (or connections) only the table is printed, not every trace. */
    static final int DETAILED = 20;

    private final PrintWriter out;
    private final Machine machine;
    private final Glossary glossary;

    /** With {@link Glossary#on()}: hostcalls too, and what every name shown means at the end. */
    TextReport(PrintWriter out, Machine machine, Glossary glossary) {
        this.out = out;
        this.machine = machine;
        this.glossary = glossary;
    }

    void print(RunResult r) {
        out.printf(
                "%s: %d worker(s), %s clock, %s machine, %s in %s%n%n",
                r.scenario().source(),
                r.scenario().workers(),
                r.scenario().clock().name().toLowerCase(Locale.ROOT),
                machine.displayName(),
                counts(r),
                millis(r.wallNanos()));
        if (r.scenario().hasHttpListener()) {
            requests(r.exchanges());
        }
        if (r.scenario().tcpListener() != null) {
            new ConnectionReport(out, glossary).print(r.connections());
        }
        state(r);
        glossary.print(out);
    }

    private void requests(List<Exchange> exchanges) {
        out.printf(
                "  %-4s %-18s %-9s %-30s %-7s %-26s %s%n",
                "#", "name", "worker", "request", "status", "reply", "host time");
        for (Exchange x : exchanges) {
            HttpResponse resp = x.response();
            out.printf(
                    "  %-4d %-18s %-9s %-30s %-7s %-26s %s%n",
                    x.index(),
                    cut(x.name(), 18),
                    x.worker(),
                    cut(x.request().method() + " " + x.request().path(), 30),
                    resp == null ? "-" : resp.reset() ? "reset" : Integer.toString(resp.status()),
                    cut(
                            resp == null
                                    ? "no response"
                                    : resp.localReply()
                                            ? "local reply: " + resp.details()
                                            : resp.reset() ? resp.details() : "upstream",
                            26),
                    millis(x.totalNanos()));
        }
        for (Exchange x : exchanges.size() <= DETAILED ? exchanges : List.<Exchange>of()) {
            out.printf(
                    "%n#%d %s on %s: %s %s -> %s%n",
                    x.index(),
                    x.name(),
                    x.worker(),
                    x.request().method(),
                    x.request().path(),
                    status(x.response()));
            events(out, x.events(), TextReport::isNotable, glossary);
            filterTimes(out, x.filterNanos());
            if (x.response() != null && !x.response().reset()) {
                out.printf("    response headers: %s%n", x.response().headers());
                String body = new String(x.response().body(), StandardCharsets.UTF_8).strip();
                if (!body.isEmpty()) {
                    out.printf("    response body: %s%n", cut(body.replace("\n", "\\n"), 100));
                }
            }
        }
    }

    /**
     * A stream's callbacks, traps, logs and the stream events {@code notable} picks, one line each;
     * with the glossary on, the hostcalls (status and hint) under their callback too.
     */
    static void events(
            PrintWriter out,
            List<TraceEvent> events,
            Predicate<StreamEvent> notable,
            Glossary glossary) {
        for (TraceEvent e : events) {
            if (e instanceof CallbackEvent c) {
                out.printf(
                        "    %-16s %-36s %-24s %s%n",
                        cut(c.filter(), 16), c.name(), c.result(), micros(c.durationNanos()));
                glossary.saw(c.name());
                glossary.saw(c.result());
            } else if (e instanceof HostCallEvent h && glossary.isOn()) {
                out.printf(
                        "    %-16s   %-34s %s%s%n",
                        "", h.name(), h.result(), h.hint() == null ? "" : "  (" + h.hint() + ")");
                glossary.saw(h.name());
                glossary.saw(h.result());
            } else if (e instanceof TrapEvent t) {
                out.printf(
                        "    %-16s TRAP in %s: %s%n%-21s-> %s%n",
                        cut(t.filter(), 16), t.callback(), t.message(), "", t.effect());
            } else if (e instanceof StreamEvent s && notable.test(s)) {
                out.printf("    %-16s %s%n", "~ " + s.what(), s.detail());
            } else if (e instanceof LogEvent l && !l.suppressed()) {
                out.printf(
                        "    %-16s [%s] %s%n",
                        cut(l.filter(), 16), l.level().displayName(), oneLine(l.message()));
            }
        }
    }

    /** The host time each filter took on the stream, when any ran. */
    static void filterTimes(PrintWriter out, Map<String, Long> filterNanos) {
        if (filterNanos.isEmpty()) {
            return;
        }
        StringBuilder t = new StringBuilder();
        for (var f : filterNanos.entrySet()) {
            t.append(t.length() == 0 ? "" : ", ")
                    .append(f.getKey())
                    .append(' ')
                    .append(micros(f.getValue()));
        }
        out.printf("    time in filters (host): %s%n", t);
    }

    /** Logs, VMs, metrics and shared data at the end of the run. */
    private void state(RunResult r) {
        if (!r.logs().isEmpty()) {
            out.printf("%nLogs (%d)%n", r.logs().size());
            int n = 0;
            for (LogEvent l : r.logs()) {
                if (n++ >= 200) {
                    out.printf("  ... %d more (use --json for all)%n", r.logs().size() - 200);
                    break;
                }
                out.printf(
                        "  %-8s %-9s %-22s %s%n",
                        l.level().displayName(),
                        l.thread(),
                        cut(l.vm() == null ? l.filter() : l.vm(), 22),
                        oneLine(l.message()));
            }
        }
        PlaygroundSnapshot s = r.snapshot();
        out.printf("%nVMs%n");
        for (VmView v : s.vms()) {
            out.printf(
                    "  %-24s %-9s %-22s %-8s %5d %s %4d page(s)%s%n",
                    v.id(),
                    v.thread(),
                    cut(v.module(), 22),
                    v.state(),
                    v.streamsServed(),
                    r.scenario().hasHttpListener() ? "request(s)" : "connection(s)",
                    v.memoryPages(),
                    v.failure() == null ? "" : "  " + v.failure());
        }
        if (!s.metrics().isEmpty()) {
            out.printf("%nMetrics%n");
            for (Metrics.Row m : s.metrics()) {
                out.printf("  %-40s %-9s %d%n", m.name(), m.type().displayName(), m.value());
            }
        }
        if (!s.sharedData().isEmpty()) {
            out.printf("%nShared data%n");
            for (SharedData.Row d : s.sharedData()) {
                out.printf(
                        "  [%s] %-30s = %s (cas %d)%n",
                        d.vmId(), d.key(), Escaped.shortText(d.value(), 60), d.cas());
            }
        }
    }

    private static boolean isNotable(StreamEvent s) {
        return switch (s.what()) {
            case "local_reply",
                    "reset",
                    "paused",
                    "resumed",
                    "note",
                    "upstream_failure",
                    "skipped" ->
                    true;
            default -> false;
        };
    }

    private static String status(HttpResponse r) {
        if (r == null) {
            return "no response";
        }
        if (r.reset()) {
            return "reset (" + r.details() + ")";
        }
        return r.status() + (r.localReply() ? " (local reply: " + r.details() + ")" : "");
    }

    /** A log line as one line: a TCP filter's logs often carry the CRLF of the data. */
    static String oneLine(String message) {
        return message.indexOf('\n') < 0 && message.indexOf('\r') < 0
                ? message
                : message.replace("\r", "\\r").replace("\n", "\\n");
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
    }

    static String cut(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    /** "3 request(s)", "2 connection(s)", or both for a scenario with both listeners. */
    static String counts(RunResult r) {
        String requests = r.sent().size() + " request(s)";
        String connections = r.connections().size() + " connection(s)";
        if (r.scenario().tcpListener() == null) {
            return requests;
        }
        return r.scenario().hasHttpListener() ? requests + ", " + connections : connections;
    }
}

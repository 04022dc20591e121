package io.filterplayground.engine.report;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.scenario.Expectation;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@code expect} blocks of a run ({@code test}): a request's here, a connection's in
 * {@link ConnectionExpectations}. {@code logContains} looks in the stream's own logs first, then in
 * every log of the run (ticks and services log outside requests).
 */
public final class Expectations {
    private Expectations() {}

    /** A failed expectation, one plain line. */
    public record Failure(String request, int index, String message) {
        @Override
        public String toString() {
            return request + " (#" + index + "): " + message;
        }
    }

    /**
     * One exchange or connection of a run, in the order they ran (requests, then connections), with
     * what its expect block found: every unmet expectation, or null when it has no block.
     */
    public record Case(String name, int index, long totalNanos, List<String> failures) {}

    public static List<Case> cases(RunResult r) {
        List<Case> out = new ArrayList<>();
        for (RunResult.Sent s : r.sent()) {
            Expectation e = s.spec().expect();
            Exchange x = s.exchange();
            out.add(
                    new Case(
                            s.spec().name(),
                            x.index(),
                            x.totalNanos(),
                            e == null ? null : check(e, x, r.logs())));
        }
        for (RunResult.Connected c : r.connections()) {
            ConnectionExpectation e = c.spec().expect();
            ConnectionResult x = c.result();
            out.add(
                    new Case(
                            c.spec().name(),
                            x.index(),
                            x.totalNanos(),
                            e == null ? null : ConnectionExpectations.check(e, x, r.logs())));
        }
        return out;
    }

    /** Number of expect blocks checked (one per exchange or connection that has one). */
    public static int checked(RunResult r) {
        return (int) r.sent().stream().filter(s -> s.spec().expect() != null).count()
                + (int) r.connections().stream().filter(c -> c.spec().expect() != null).count();
    }

    public static List<Failure> check(RunResult r) {
        List<Failure> out = new ArrayList<>();
        for (Case c : cases(r)) {
            if (c.failures() != null) {
                for (String m : c.failures()) {
                    out.add(new Failure(c.name(), c.index(), m));
                }
            }
        }
        return out;
    }

    static List<String> check(Expectation e, Exchange x, List<LogEvent> allLogs) {
        List<String> f = new ArrayList<>();
        HttpResponse resp = x.response();
        int status = resp == null ? 0 : resp.status();
        if (e.status() != null && e.status() != status) {
            f.add(
                    "expected status "
                            + e.status()
                            + ", got "
                            + (resp == null
                                    ? "no response"
                                    : resp.reset()
                                            ? "a reset stream (" + resp.details() + ")"
                                            : status
                                                    + (resp.localReply()
                                                            ? " (local reply, "
                                                                    + resp.details()
                                                                    + ")"
                                                            : "")));
        }
        if (e.responseHeaders() != null) {
            for (Map.Entry<String, String> h : e.responseHeaders().entrySet()) {
                String got = resp == null ? null : resp.headers().first(h.getKey()).orElse(null);
                if (!h.getValue().equals(got)) {
                    f.add(
                            "expected response header "
                                    + h.getKey()
                                    + ": "
                                    + h.getValue()
                                    + ", got "
                                    + (got == null ? "none" : got));
                }
            }
        }
        if (e.absentResponseHeaders() != null && resp != null) {
            for (String h : e.absentResponseHeaders()) {
                resp.headers()
                        .first(h)
                        .ifPresent(v -> f.add("expected no response header " + h + ", got " + v));
            }
        }
        if (e.upstreamHeaders() != null) {
            for (Map.Entry<String, String> h : e.upstreamHeaders().entrySet()) {
                String got =
                        x.upstreamRequest() == null
                                ? null
                                : x.upstreamRequest().headers().first(h.getKey()).orElse(null);
                if (!h.getValue().equals(got)) {
                    f.add(
                            "expected upstream header "
                                    + h.getKey()
                                    + ": "
                                    + h.getValue()
                                    + ", got "
                                    + (x.upstreamRequest() == null
                                            ? "no upstream request"
                                            : got == null ? "none" : got));
                }
            }
        }
        if (e.absentUpstreamHeaders() != null && x.upstreamRequest() != null) {
            for (String h : e.absentUpstreamHeaders()) {
                x.upstreamRequest()
                        .headers()
                        .first(h)
                        .ifPresent(v -> f.add("expected no upstream header " + h + ", got " + v));
            }
        }
        String body = resp == null ? "" : resp.bodyText();
        if (e.bodyContains() != null && !body.contains(e.bodyContains())) {
            f.add(
                    "expected the body to contain '"
                            + e.bodyContains()
                            + "', got '"
                            + shorten(body)
                            + "'");
        }
        if (e.bodyEquals() != null && !body.equals(e.bodyEquals())) {
            f.add(
                    "expected the body '"
                            + shorten(e.bodyEquals())
                            + "', got '"
                            + shorten(body)
                            + "'");
        }
        if (e.localReply() != null && (resp == null || resp.localReply() != e.localReply())) {
            f.add(
                    e.localReply()
                            ? "expected a local reply"
                            : "expected a response from the upstream, got a local reply ("
                                    + (resp == null ? "none" : resp.details())
                                    + ")");
        }
        if (e.upstreamReached() != null && (x.upstreamRequest() != null) != e.upstreamReached()) {
            f.add(
                    e.upstreamReached()
                            ? "expected the request to reach the upstream"
                            : "expected the request not to reach the upstream");
        }
        if (e.logContains() != null) {
            for (String needle : e.logContains()) {
                if (!logged(x.events(), allLogs, needle)) {
                    f.add("expected a log line containing '" + needle + "'");
                }
            }
        }
        return f;
    }

    /** A log line of the stream's own events, or else of the whole run, contains the needle. */
    static boolean logged(List<TraceEvent> events, List<LogEvent> allLogs, String needle) {
        return inLogs(events, needle)
                || allLogs.stream().anyMatch(l -> l.message().contains(needle));
    }

    private static boolean inLogs(List<TraceEvent> events, String needle) {
        for (TraceEvent ev : events) {
            if (ev instanceof LogEvent l && !l.suppressed() && l.message().contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 80 ? one.substring(0, 80) + "..." : one;
    }
}

package io.filterplayground.engine.report;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.http.Utf8;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.Expectation;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns what a run did into {@code expect} blocks, so that a run a user is happy with becomes a
 * regression test for {@code test}: the status, whether the reply was local and whether the
 * upstream was reached, the headers the chain added, changed or removed on each side, and the body
 * when it is short text. A connection (tcp listener) keeps the bytes each side received and who
 * closed it. A repeated request or connection keeps what all its runs agree on.
 */
public final class ObservedExpectations {
    /** Added by the connection manager and router, not by filters; they vary per request. */
    private static final Set<String> NOT_THE_CHAINS =
            Set.of("x-request-id", "x-forwarded-proto", "x-envoy-expected-rq-timeout-ms");

    private static final int MAX_BODY = 512;

    /** Beyond this many bytes a side's data is not kept: a test file stays readable. */
    private static final int MAX_DATA = 16 * 1024;

    private ObservedExpectations() {}

    /** The scenario with every request's (and connection's) {@code expect} taken from the run. */
    public static Scenario record(RunResult r) {
        // What each request spec's exchanges did, in one pass over the run.
        Map<RequestSpec, List<Expectation>> seen = new IdentityHashMap<>();
        for (RunResult.Sent s : r.sent()) {
            seen.computeIfAbsent(s.spec(), k -> new ArrayList<>()).add(of(s.exchange()));
        }
        List<Step> steps = new ArrayList<>();
        for (Step step : r.scenario().steps()) {
            if (step instanceof Step.Send send && seen.containsKey(send.request())) {
                RequestSpec spec = send.request();
                steps.add(new Step.Send(spec.withExpect(common(seen.get(spec)))));
            } else {
                steps.add(step);
            }
        }
        Map<ConnectionSpec, List<ConnectionExpectation>> opened = new IdentityHashMap<>();
        for (RunResult.Connected c : r.connections()) {
            opened.computeIfAbsent(c.spec(), k -> new ArrayList<>()).add(of(c.result()));
        }
        List<ConnectionSpec> connections = new ArrayList<>();
        for (ConnectionSpec c : r.scenario().connections()) {
            List<ConnectionExpectation> runs = opened.get(c);
            connections.add(
                    runs == null
                            ? c
                            : new ConnectionSpec(
                                    c.name(),
                                    c.steps(),
                                    c.repeat(),
                                    c.worker(),
                                    commonConnection(runs)));
        }
        return r.scenario().toBuilder().steps(steps).connections(connections).build();
    }

    /** What one connection did: the bytes each side received (when not huge), who closed it. */
    public static ConnectionExpectation of(ConnectionResult c) {
        return new ConnectionExpectation(
                c.received().length > MAX_DATA ? null : c.received(),
                c.upstreamReceived().length > MAX_DATA ? null : c.upstreamReceived(),
                null,
                c.closedBy());
    }

    /** What every run of a connection agrees on. */
    public static ConnectionExpectation commonConnection(List<ConnectionExpectation> seen) {
        return new ConnectionExpectation(
                same(seen, ConnectionExpectation::received),
                same(seen, ConnectionExpectation::upstreamReceived),
                seen.get(0).logContains(),
                same(seen, ConnectionExpectation::closedBy));
    }

    /** What one exchange did, as an expectation it meets. */
    public static Expectation of(Exchange x) {
        HttpResponse resp = x.response();
        boolean reached = x.upstreamRequest() != null;
        Map<String, String> upstream = null;
        List<String> absentUpstream = null;
        if (reached) {
            Headers sent = x.request().headers();
            Headers got = x.upstreamRequest().headers();
            upstream = changed(sent, got);
            upstream.remove("content-length");
            absentUpstream = removed(sent, got);
        }
        Map<String, String> response = null;
        List<String> absentResponse = null;
        String body = null;
        if (resp != null && !resp.reset()) {
            Headers before = resp.localReply() ? Headers.empty() : upstreamResponse(x, resp);
            response = changed(before, resp.headers());
            response.remove("content-length");
            absentResponse = removed(before, resp.headers());
            body = shortText(resp.body());
        }
        return new Expectation(
                resp == null ? null : resp.status(),
                emptyToNull(response),
                emptyToNull(absentResponse),
                emptyToNull(upstream),
                emptyToNull(absentUpstream),
                null,
                body,
                null,
                resp == null || resp.reset() ? null : resp.localReply(),
                reached);
    }

    /** What every one of {@code seen} agrees on. */
    public static Expectation common(List<Expectation> seen) {
        Expectation first = seen.get(0);
        return new Expectation(
                same(seen, Expectation::status),
                sameEntries(seen, Expectation::responseHeaders),
                same(seen, Expectation::absentResponseHeaders),
                sameEntries(seen, Expectation::upstreamHeaders),
                same(seen, Expectation::absentUpstreamHeaders),
                same(seen, Expectation::bodyContains),
                same(seen, Expectation::bodyEquals),
                first.logContains(),
                same(seen, Expectation::localReply),
                same(seen, Expectation::upstreamReached));
    }

    /**
     * The response as the upstream sent it: before the first response stage of the chain (the last
     * filter's), or the final response when no filter saw it.
     */
    private static Headers upstreamResponse(Exchange x, HttpResponse resp) {
        for (TraceEvent e : x.events()) {
            if (e instanceof StageEvent s
                    && s.stage() == StageEvent.Stage.RESPONSE_HEADERS
                    && s.before() != null) {
                return s.before();
            }
        }
        return resp.headers();
    }

    /** Headers of {@code after} whose first value is new or different, pseudo-headers aside. */
    private static Map<String, String> changed(Headers before, Headers after) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : after) {
            String name = h.name();
            if (name.startsWith(":") || NOT_THE_CHAINS.contains(name) || out.containsKey(name)) {
                continue;
            }
            String now = after.first(name).orElse(null);
            if (!Objects.equals(before.first(name).orElse(null), now)) {
                out.put(name, now);
            }
        }
        return out;
    }

    private static List<String> removed(Headers before, Headers after) {
        List<String> out = new ArrayList<>();
        for (Header h : before) {
            if (!h.name().startsWith(":")
                    && after.first(h.name()).isEmpty()
                    && !out.contains(h.name())) {
                out.add(h.name());
            }
        }
        return out;
    }

    private static String shortText(byte[] body) {
        return body.length > MAX_BODY ? null : Utf8.orNull(body);
    }

    /** The value of {@code field} when every one of {@code seen} has it (arrays by content). */
    private static <E, T> T same(List<E> seen, Function<E, T> field) {
        T v = field.apply(seen.get(0));
        for (E e : seen) {
            if (!Objects.deepEquals(field.apply(e), v)) {
                return null;
            }
        }
        return v;
    }

    /** The entries every map has with the same value. */
    private static Map<String, String> sameEntries(
            List<Expectation> seen, Function<Expectation, Map<String, String>> field) {
        Map<String, String> first = field.apply(seen.get(0));
        if (first == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>(first);
        for (Expectation e : seen) {
            Map<String, String> m = field.apply(e);
            out.entrySet().removeIf(en -> m == null || !en.getValue().equals(m.get(en.getKey())));
        }
        return emptyToNull(out);
    }

    private static <M extends Map<?, ?>> M emptyToNull(M m) {
        return m == null || m.isEmpty() ? null : m;
    }

    private static <L extends List<?>> L emptyToNull(L l) {
        return l == null || l.isEmpty() ? null : l;
    }
}

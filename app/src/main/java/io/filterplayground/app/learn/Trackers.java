package io.filterplayground.app.learn;

import io.filterplayground.app.editor.Bytes;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The tracker of each kind of goal: what it matches, and how a match reads. */
final class Trackers {
    private Trackers() {}

    static Tracker of(Goal goal) {
        if (goal instanceof Goal.Response g) {
            return new OnExchange(g.count(), x -> response(g, x), Describe::outcome);
        } else if (goal instanceof Goal.Connection g) {
            return new OnConnection(g);
        } else if (goal instanceof Goal.Callback g) {
            return callback(g);
        } else if (goal instanceof Goal.Hostcall g) {
            return new OnEvent<>(
                    g.count(),
                    HostCallEvent.class,
                    h ->
                            is(g.name(), h.name())
                                    && is(g.filter(), h.filter())
                                    && is(g.result(), h.result())
                                    && has(g.hintContains(), h.hint()),
                    h ->
                            h.name()
                                    + " by "
                                    + h.filter()
                                    + " → "
                                    + h.result()
                                    + (h.hint() == null ? "" : " (" + h.hint() + ")"));
        } else if (goal instanceof Goal.Log g) {
            return new OnEvent<>(
                    g.count(),
                    LogEvent.class,
                    l ->
                            !l.suppressed()
                                    && has(g.contains(), l.message())
                                    && is(g.filter(), l.filter())
                                    && is(g.thread(), l.thread())
                                    && (g.level() == null
                                            || g.level().equalsIgnoreCase(l.level().name())),
                    l -> "[" + l.thread() + "] " + l.filter() + ": " + l.message());
        } else if (goal instanceof Goal.Trap g) {
            return new OnEvent<>(
                    g.count(),
                    TrapEvent.class,
                    t ->
                            is(g.filter(), t.filter())
                                    && callbackNamed(g.callback(), t.callback())
                                    && has(g.effectContains(), t.effect()),
                    t ->
                            t.filter()
                                    + " trapped in "
                                    + t.callback()
                                    + " on "
                                    + t.thread()
                                    + ": "
                                    + t.policy()
                                    + ", "
                                    + t.effect());
        } else if (goal instanceof Goal.Stream g) {
            return new OnEvent<>(
                    g.count(),
                    StreamEvent.class,
                    s ->
                            is(g.what(), s.what())
                                    && is(g.filter(), s.filter())
                                    && has(g.detailContains(), s.detail()),
                    s ->
                            s.what()
                                    + (s.filter() == null ? "" : " (" + s.filter() + ")")
                                    + ": "
                                    + s.detail());
        } else if (goal instanceof Goal.Vm g) {
            return new OnEvent<>(
                    g.count(),
                    VmEvent.class,
                    v ->
                            is(g.state(), v.state())
                                    && is(g.vm(), v.vm())
                                    && is(g.thread(), v.thread()),
                    v -> v.vm() + " " + v.state() + " on " + v.thread() + ": " + v.detail());
        } else if (goal instanceof Goal.Order g) {
            return new OrderTracker(g);
        } else if (goal instanceof Goal.Vms g) {
            return new StateTrackers.VmsTracker(g);
        }
        return new StateTrackers.AdvancedTracker((Goal.Advanced) goal);
    }

    private static Tracker callback(Goal.Callback g) {
        RootContexts roots = new RootContexts();
        Function<CallbackEvent, String> context =
                c -> (roots.isRoot(c) ? "root" : "stream") + " context " + c.contextId();
        return new OnEvent<>(
                g.count(),
                CallbackEvent.class,
                c -> {
                    boolean root = roots.isRoot(c); // learns the roots from every callback
                    return callbackNamed(g.name(), c.name())
                            && is(g.filter(), c.filter())
                            && is(g.thread(), c.thread())
                            && is(g.result(), c.result())
                            && (g.context() == null
                                    || g.context().equals(root ? "root" : "stream"));
                },
                c ->
                        c.name()
                                + " of "
                                + c.filter()
                                + " on "
                                + c.thread()
                                + " ("
                                + context.apply(c)
                                + (c.result() == null || c.result().isEmpty()
                                        ? ""
                                        : ", " + c.result())
                                + ")");
    }

    private static boolean response(Goal.Response g, Exchange x) {
        HttpResponse r = x.response();
        if (r == null
                || !is(g.request(), x.name())
                || !is(g.path(), x.request().path())
                || !is(g.worker(), x.worker())
                || !headers(x.request().headers(), g.requestHeaders())) {
            return false;
        }
        Headers upstream = x.upstreamRequest() == null ? null : x.upstreamRequest().headers();
        return (g.status() == null || g.status() == r.status())
                && (g.localReply() == null || g.localReply() == r.localReply())
                && has(g.detailsContains(), r.details())
                && (g.upstreamReached() == null || g.upstreamReached() == (upstream != null))
                && headers(r.headers(), g.responseHeaders())
                && (g.upstreamHeaders() == null
                        || (upstream != null && headers(upstream, g.upstreamHeaders())))
                && (g.absentUpstreamHeaders() == null
                        || (upstream != null
                                && g.absentUpstreamHeaders().stream()
                                        .noneMatch(upstream::contains)))
                && has(g.bodyContains(), r.bodyText());
    }

    private static boolean headers(Headers headers, Map<String, String> expected) {
        return expected == null
                || expected.entrySet().stream()
                        .allMatch(e -> headers.all(e.getKey()).contains(e.getValue()));
    }

    static boolean is(String expected, String actual) {
        return expected == null || expected.equals(actual);
    }

    static boolean has(String expected, String actual) {
        return expected == null || (actual != null && actual.contains(expected));
    }

    /** A callback as a goal names it: {@code proxy_on_tick}, {@code on_tick} or {@code tick}. */
    static boolean callbackNamed(String expected, String actual) {
        return expected == null
                || expected.equals(actual)
                || ("proxy_" + expected).equals(actual)
                || ("proxy_on_" + expected).equals(actual);
    }

    /** Counts the trace events of one type that match. */
    private static final class OnEvent<E extends TraceEvent> extends Counting {
        private final Class<E> type;
        private final Predicate<E> when;
        private final Function<E, String> words;

        OnEvent(int count, Class<E> type, Predicate<E> when, Function<E, String> words) {
            super(count);
            this.type = type;
            this.when = when;
            this.words = words;
        }

        @Override
        public void trace(TraceEvent e) {
            if (type.isInstance(e) && when.test(type.cast(e))) {
                matched(e.seq(), words.apply(type.cast(e)));
            }
        }
    }

    /** Counts the finished requests that match, by stream id. */
    private static final class OnExchange extends Counting {
        private final Predicate<Exchange> when;
        private final Function<Exchange, String> words;

        OnExchange(int count, Predicate<Exchange> when, Function<Exchange, String> words) {
            super(count);
            this.when = when;
            this.words = words;
        }

        @Override
        public void exchange(Exchange x) {
            if (when.test(x)) {
                matched(x.streamId(), words.apply(x));
            }
        }
    }

    /** Counts the finished TCP connections that match, by connection id. */
    private static final class OnConnection extends Counting {
        private final Goal.Connection goal;

        OnConnection(Goal.Connection goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void connection(ConnectionResult c) {
            String received = Bytes.escape(c.received());
            if (is(goal.connection(), c.name())
                    && is(goal.closedBy(), c.closedBy())
                    && has(goal.receivedContains(), Bytes.text(c.received()))
                    && has(goal.upstreamReceivedContains(), Bytes.text(c.upstreamReceived()))) {
                matched(
                        c.connectionId(),
                        "\""
                                + c.name()
                                + "\" on "
                                + c.worker()
                                + ", closed by "
                                + c.closedBy()
                                + ", the client got "
                                + received);
            }
        }
    }

    /**
     * Which contexts of each VM are root contexts: those a callback names as {@code
     * root_context_id}, or created with no parent.
     */
    static final class RootContexts {
        private final Map<String, Set<Integer>> roots = new HashMap<>();

        boolean isRoot(CallbackEvent c) {
            Map<String, Object> args = c.args() == null ? Map.of() : c.args();
            Set<Integer> ids = roots.computeIfAbsent(c.vm(), k -> new HashSet<>());
            Object parent = args.get("parent_context_id");
            if (args.containsKey("root_context_id")
                    || ("proxy_on_context_create".equals(c.name())
                            && parent instanceof Number n
                            && n.longValue() == 0)) {
                ids.add(c.contextId());
            }
            return ids.contains(c.contextId());
        }
    }

    /** Follows each VM's callbacks in seq order, advancing through the expected list. */
    static final class OrderTracker implements Tracker {
        private final List<String> expected;
        private final String filter;
        private final Map<String, Integer> progress = new HashMap<>();
        private final Map<String, Long> lastSeq = new HashMap<>();
        private String done;

        OrderTracker(Goal.Order goal) {
            this.expected = goal.callbacks();
            this.filter = goal.filter();
        }

        @Override
        public void trace(TraceEvent e) {
            if (done != null
                    || !(e instanceof CallbackEvent c)
                    || !is(filter, c.filter())
                    || c.seq() <= lastSeq.getOrDefault(c.vm(), 0L)) {
                return;
            }
            lastSeq.put(c.vm(), c.seq());
            int at = progress.getOrDefault(c.vm(), 0);
            if (callbackNamed(expected.get(at), c.name())) {
                progress.put(c.vm(), ++at);
                if (at == expected.size()) {
                    done = c.vm();
                }
            }
        }

        @Override
        public void restarted() {
            progress.clear();
            lastSeq.clear();
        }

        @Override
        public boolean met() {
            return done != null;
        }

        @Override
        public String evidence() {
            if (done != null) {
                return "seen in this order in " + done;
            }
            int best = progress.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return best == 0 ? "not seen yet" : "seen up to " + expected.get(best - 1) + " so far";
        }
    }
}

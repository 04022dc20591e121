package io.filterplayground.app.learn;

import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The trackers of goals about trace events: callbacks, hostcalls, logs, traps, notes, VMs. */
final class EventTrackers {
    private EventTrackers() {}

    static final class CallbackTracker extends Counting {
        private final Goal.Callback goal;
        private final RootContexts roots = new RootContexts();

        CallbackTracker(Goal.Callback goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (!(e instanceof CallbackEvent c)) {
                return;
            }
            boolean root = roots.isRoot(c);
            if (callbackNamed(goal.name(), c.name())
                    && matches(goal.filter(), c.filter())
                    && matches(goal.thread(), c.thread())
                    && matches(goal.result(), c.result())
                    && (goal.context() == null
                            || goal.context().equals(root ? "root" : "stream"))) {
                matched(
                        c.seq(),
                        c.name()
                                + " of "
                                + c.filter()
                                + " on "
                                + c.thread()
                                + " ("
                                + (root ? "root" : "stream")
                                + " context "
                                + c.contextId()
                                + (c.result() == null || c.result().isEmpty()
                                        ? ""
                                        : ", " + c.result())
                                + ")");
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
            if (args.containsKey("root_context_id")
                    || ("proxy_on_context_create".equals(c.name())
                            && Long.valueOf(0).equals(number(args.get("parent_context_id"))))) {
                ids.add(c.contextId());
            }
            return ids.contains(c.contextId());
        }

        private static Long number(Object o) {
            return o instanceof Number n ? n.longValue() : null;
        }
    }

    static final class HostcallTracker extends Counting {
        private final Goal.Hostcall goal;

        HostcallTracker(Goal.Hostcall goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (e instanceof HostCallEvent h
                    && matches(goal.name(), h.name())
                    && matches(goal.filter(), h.filter())
                    && matches(goal.result(), h.result())
                    && contains(goal.hintContains(), h.hint())) {
                matched(
                        h.seq(),
                        h.name()
                                + " by "
                                + h.filter()
                                + " → "
                                + h.result()
                                + (h.hint() == null ? "" : " (" + h.hint() + ")"));
            }
        }
    }

    static final class LogTracker extends Counting {
        private final Goal.Log goal;

        LogTracker(Goal.Log goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (e instanceof LogEvent l
                    && !l.suppressed()
                    && contains(goal.contains(), l.message())
                    && matches(goal.filter(), l.filter())
                    && matches(goal.thread(), l.thread())
                    && (goal.level() == null || goal.level().equalsIgnoreCase(l.level().name()))) {
                matched(l.seq(), "[" + l.thread() + "] " + l.filter() + ": " + l.message());
            }
        }
    }

    static final class TrapTracker extends Counting {
        private final Goal.Trap goal;

        TrapTracker(Goal.Trap goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (e instanceof TrapEvent t
                    && matches(goal.filter(), t.filter())
                    && callbackNamed(goal.callback(), t.callback())
                    && contains(goal.effectContains(), t.effect())) {
                matched(
                        t.seq(),
                        t.filter()
                                + " trapped in "
                                + t.callback()
                                + " on "
                                + t.thread()
                                + ": "
                                + t.policy()
                                + ", "
                                + t.effect());
            }
        }
    }

    static final class StreamTracker extends Counting {
        private final Goal.Stream goal;

        StreamTracker(Goal.Stream goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (e instanceof StreamEvent s
                    && matches(goal.what(), s.what())
                    && matches(goal.filter(), s.filter())
                    && contains(goal.detailContains(), s.detail())) {
                matched(
                        s.seq(),
                        s.what()
                                + (s.filter() == null ? "" : " (" + s.filter() + ")")
                                + ": "
                                + s.detail());
            }
        }
    }

    static final class VmTracker extends Counting {
        private final Goal.Vm goal;

        VmTracker(Goal.Vm goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (e instanceof VmEvent v
                    && matches(goal.state(), v.state())
                    && matches(goal.vm(), v.vm())
                    && matches(goal.thread(), v.thread())) {
                matched(
                        v.seq(),
                        v.vm() + " " + v.state() + " on " + v.thread() + ": " + v.detail());
            }
        }
    }

    /** Follows each VM's callbacks in seq order, advancing through the expected list. */
    static final class OrderTracker implements Tracker {
        private final Goal.Order goal;
        private final Map<String, Integer> progress = new HashMap<>();
        private final Map<String, Long> lastSeq = new HashMap<>();
        private String done;

        OrderTracker(Goal.Order goal) {
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (done != null
                    || !(e instanceof CallbackEvent c)
                    || !matches(goal.filter(), c.filter())
                    || c.seq() <= lastSeq.getOrDefault(c.vm(), 0L)) {
                return;
            }
            lastSeq.put(c.vm(), c.seq());
            int at = progress.getOrDefault(c.vm(), 0);
            if (callbackNamed(goal.callbacks().get(at), c.name())) {
                progress.put(c.vm(), ++at);
                if (at == goal.callbacks().size()) {
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
            return best == 0
                    ? "not seen yet"
                    : "seen up to " + goal.callbacks().get(best - 1) + " so far";
        }
    }

    private static boolean matches(String expected, String actual) {
        return Counting.matches(expected, actual);
    }

    private static boolean callbackNamed(String expected, String actual) {
        return Counting.callbackNamed(expected, actual);
    }
}

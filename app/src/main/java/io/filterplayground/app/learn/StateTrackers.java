package io.filterplayground.app.learn;

import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The trackers of goals about the engine's state: VMs alive, time advanced. */
final class StateTrackers {
    private StateTrackers() {}

    /** The VMs created on each thread since the engine (re)started, Envoy's canaries aside. */
    static final class VmsTracker implements Tracker {
        private final Goal.Vms goal;
        private final Map<String, Set<String>> live = new LinkedHashMap<>();
        private String metOn;

        VmsTracker(Goal.Vms goal) {
            this.goal = goal;
        }

        @Override
        public void trace(TraceEvent e) {
            if (!(e instanceof VmEvent v)
                    || v.vm().endsWith("#canary")
                    || (goal.module() != null && !goal.module().equals(v.module()))
                    || (goal.thread() != null && !goal.thread().equals(v.thread()))) {
                return;
            }
            Set<String> vms = live.computeIfAbsent(v.thread(), k -> new LinkedHashSet<>());
            if ("created".equals(v.state())) {
                vms.add(v.vm());
            } else if ("stopped".equals(v.state())) {
                vms.remove(v.vm());
            }
            if (metOn == null && vms.size() >= goal.count()) {
                metOn = v.thread() + ": " + String.join(", ", vms);
            }
        }

        @Override
        public void restarted() {
            live.clear();
        }

        @Override
        public boolean met() {
            return metOn != null;
        }

        @Override
        public String evidence() {
            if (metOn != null) {
                return "seen on " + metOn;
            }
            StringBuilder sb = new StringBuilder("so far");
            live.forEach((t, vms) -> sb.append(" ").append(t).append(": ").append(vms.size()));
            return live.isEmpty() ? "no VM yet" : sb.toString();
        }
    }

    static final class AdvancedTracker implements Tracker {
        private final Goal.Advanced goal;
        private long total;

        AdvancedTracker(Goal.Advanced goal) {
            this.goal = goal;
        }

        @Override
        public void advanced(long millis) {
            total += millis;
        }

        @Override
        public boolean met() {
            return total >= goal.millis();
        }

        @Override
        public String evidence() {
            return "advanced by " + total + " ms in all";
        }
    }
}

package io.filterplayground.app.vms;

import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Workers and VMs: each thread (main first, then the workers) with the Wasm VMs and Lua states it
 * owns, from the latest snapshot; which of them served the selected exchange; requests per worker
 * during a burst.
 */
public final class VmsViewModel {
    /** A thread and its VMs; {@code requests} counts the exchanges it served in this session. */
    public record ThreadGroup(String thread, List<VmView> vms, long requests) {
        public boolean isMain() {
            return thread.equals("main");
        }
    }

    private final ObservableList<ThreadGroup> threads = FXCollections.observableArrayList();
    private final ObjectProperty<Set<String>> highlighted = new SimpleObjectProperty<>(Set.of());
    private final StringProperty summary = new SimpleStringProperty("");
    private PlaygroundSnapshot last;
    private Map<String, Long> perWorker = Map.of();

    public void update(PlaygroundSnapshot snapshot, Map<String, Long> requestsPerWorker) {
        last = snapshot;
        perWorker = requestsPerWorker;
        Map<String, List<VmView>> byThread = new LinkedHashMap<>();
        byThread.put("main", new ArrayList<>());
        for (VmView v : snapshot.vms()) {
            byThread.computeIfAbsent(v.thread(), k -> new ArrayList<>()).add(v);
        }
        List<ThreadGroup> groups = new ArrayList<>();
        for (var e : byThread.entrySet()) {
            groups.add(
                    new ThreadGroup(
                            e.getKey(),
                            List.copyOf(e.getValue()),
                            perWorker.getOrDefault(e.getKey(), 0L)));
        }
        threads.setAll(groups);
        long lua = snapshot.vms().stream().filter(VmsViewModel::isLua).count();
        long wasm = snapshot.vms().size() - lua;
        long running =
                snapshot.vms().stream()
                        .filter(v -> !isLua(v) && v.state().startsWith("running"))
                        .count();
        summary.set(
                (groups.size() - 1)
                        + " worker thread(s) + main · "
                        + wasm
                        + " Wasm VM(s), "
                        + running
                        + " running"
                        + (wasm > running ? ", " + (wasm - running) + " not running" : "")
                        + (lua > 0 ? " · " + lua + " Lua state(s)" : ""));
    }

    /** A worker's Lua state for a Lua filter (Envoy: one per worker per filter), not a Wasm VM. */
    public static boolean isLua(VmView v) {
        return "lua".equals(v.kind());
    }

    /** The CSS state family: {@code running (2 script error(s))} is still {@code running}. */
    public static String stateClass(VmView v) {
        String s = v.state() == null ? "" : v.state();
        int space = s.indexOf(' ');
        return "state-" + (space < 0 ? s : s.substring(0, space));
    }

    /** Marks the VMs whose callbacks ran for the selected exchange. */
    public void highlight(RecordedExchange x) {
        Set<String> ids = new HashSet<>();
        if (x != null) {
            for (TraceEvent e : x.events()) {
                if (e instanceof CallbackEvent c && c.vm() != null) {
                    ids.add(c.vm());
                }
            }
        }
        highlighted.set(Set.copyOf(ids));
    }

    public void clear() {
        threads.clear();
        summary.set("The chain is not running.");
    }

    public PlaygroundSnapshot last() {
        return last;
    }

    public ObservableList<ThreadGroup> threads() {
        return threads;
    }

    public ObjectProperty<Set<String>> highlightedProperty() {
        return highlighted;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}

package io.filterplayground.app.vms;

import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.PlaygroundSnapshot;
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
 * Workers and VMs: each thread (main first, then the workers) with the VMs it owns, from the latest
 * snapshot; which VMs served the selected exchange; requests per worker during a burst.
 */
public final class VmsViewModel {
    /** A thread and its VMs; {@code requests} counts the exchanges it served in this session. */
    public record ThreadGroup(String thread, List<PlaygroundSnapshot.VmView> vms, long requests) {
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
        Map<String, List<PlaygroundSnapshot.VmView>> byThread = new LinkedHashMap<>();
        byThread.put("main", new ArrayList<>());
        for (PlaygroundSnapshot.VmView v : snapshot.vms()) {
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
        long running = snapshot.vms().stream().filter(v -> v.state().equals("running")).count();
        summary.set(
                (groups.size() - 1)
                        + " worker thread(s) + main · "
                        + snapshot.vms().size()
                        + " VM(s), "
                        + running
                        + " running"
                        + (snapshot.vms().size() > running
                                ? ", " + (snapshot.vms().size() - running) + " not running"
                                : ""));
    }

    /** Marks the VMs whose callbacks ran for the selected exchange. */
    public void highlight(RecordedExchange x) {
        Set<String> ids = new HashSet<>();
        if (x != null) {
            for (TraceEvent e : x.exchange().events()) {
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

package io.filterplayground.app.workspace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The request picker: the latest requests and connections, newest first, with the single sends
 * still in flight on top as "waiting"; the selected one; and the counts line of the status bar.
 * Completed exchanges are announced from engine threads and copied in at most once per frame
 * (during a burst, at most every {@link #BURST_LIST_NANOS}).
 */
final class ExchangeList {
    /** During a burst the request picker is refreshed at most this often (counts every frame). */
    static final long BURST_LIST_NANOS = 500_000_000L;

    private static final String NO_REQUESTS = "No requests yet.";

    private final ObservableList<RecordedExchange> exchanges = FXCollections.observableArrayList();
    private final ObjectProperty<RecordedExchange> selected = new SimpleObjectProperty<>();
    private final StringProperty stats = new SimpleStringProperty(NO_REQUESTS);
    private final ExchangeLog log;
    private final Supplier<List<RecordedExchange>> pending;
    private final ObservableBooleanValue bursting;
    private final FrameBatcher<Boolean> announced;
    private long lastListUpdate;

    /**
     * {@code pending}: the single sends in flight, oldest first; {@code bursting}: while true the
     * list is refreshed less often and without them.
     */
    ExchangeList(
            ExchangeLog log,
            Supplier<List<RecordedExchange>> pending,
            ObservableBooleanValue bursting,
            Executor ui,
            ScheduledExecutorService timer) {
        this.log = log;
        this.pending = pending;
        this.bursting = bursting;
        this.announced =
                new FrameBatcher<>(
                        ui, timer, batch -> refresh(), FrameBatcher.frameOrBurst(bursting));
    }

    /** An exchange completed (any thread): the list is refreshed on the next frame. */
    void announce() {
        announced.add(true);
    }

    /** Copies the latest exchanges and counts from the log (called at most once per frame). */
    void refresh() {
        long now = System.nanoTime();
        if (bursting.get() && now - lastListUpdate < BURST_LIST_NANOS) {
            updateStats();
            return;
        }
        lastListUpdate = now;
        RecordedExchange keep = selected.get();
        List<RecordedExchange> newestFirst = new ArrayList<>(log.recent());
        Collections.reverse(newestFirst);
        if (!bursting.get()) {
            // Requests still in flight first (newest on top), as "waiting".
            List<RecordedExchange> waiting = new ArrayList<>(pending.get());
            Collections.reverse(waiting);
            newestFirst.addAll(0, waiting);
        }
        exchanges.setAll(newestFirst);
        if (keep != null && exchanges.contains(keep)) {
            selected.set(keep);
        } else if (keep != null && keep.pending()) {
            // The same stream: its newer events, or its full exchange once complete.
            long id = keep.streamId();
            exchanges.stream().filter(x -> x.streamId() == id).findFirst().ifPresent(selected::set);
        }
        updateStats();
    }

    /** Forgets every exchange: another scenario was opened. */
    void clear() {
        log.clear();
        exchanges.clear();
        selected.set(null);
        stats.set(NO_REQUESTS);
    }

    private void updateStats() {
        ExchangeLog.Stats s = log.stats();
        String requests =
                String.format(Locale.ROOT, "%,d request(s)", s.requests())
                        + " · "
                        + histogram(s.statuses());
        String connections =
                String.format(Locale.ROOT, "%,d connection(s)", s.connections())
                        + " · closed by "
                        + counts(s.closedBy());
        stats.set(
                (s.connections() == 0
                                ? requests
                                : s.requests() == 0 ? connections : requests + " · " + connections)
                        + (s.localReplies() > 0
                                ? String.format(
                                        Locale.ROOT, " · %,d local repl(ies)", s.localReplies())
                                : "")
                        + (s.traps() > 0
                                ? String.format(Locale.ROOT, " · %,d trap(s)", s.traps())
                                : "")
                        + (s.total() > ExchangeLog.KEEP
                                ? " · details kept for the latest " + ExchangeLog.KEEP
                                : ""));
    }

    /** {@code 200 ×3, 403 ×1}; a reset counts as status 0. */
    static String histogram(Map<Integer, Long> statuses) {
        if (statuses.isEmpty()) {
            return "none";
        }
        Map<String, Long> named = new java.util.LinkedHashMap<>();
        statuses.forEach((k, v) -> named.put(k == 0 ? "reset" : k.toString(), v));
        return counts(named);
    }

    /** {@code upstream ×2, tcp ×1}. */
    static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getKey() + String.format(Locale.ROOT, " ×%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    ObservableList<RecordedExchange> exchanges() {
        return exchanges;
    }

    ObjectProperty<RecordedExchange> selectedProperty() {
        return selected;
    }

    StringProperty statsProperty() {
        return stats;
    }

    ExchangeLog log() {
        return log;
    }
}

package io.filterplayground.app.logs;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every log line of the session (the latest {@link #KEEP}), filtered by minimum level, filter,
 * thread and a search text. Lines below the host's log level (Envoy drops them) are kept but hidden
 * unless asked for.
 */
public final class LogsViewModel {
    public static final int KEEP = 5000;
    public static final String ALL = "all";

    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> visible = new FilteredList<>(lines, l -> true);
    private final ObjectProperty<LogLevel> minLevel = new SimpleObjectProperty<>(LogLevel.TRACE);
    private final StringProperty filter = new SimpleStringProperty(ALL);
    private final StringProperty thread = new SimpleStringProperty(ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty showSuppressed = new SimpleBooleanProperty(false);
    private final ObservableList<String> filters = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> threads = FXCollections.observableArrayList(ALL);
    private final StringProperty counts = new SimpleStringProperty("");
    private long total;
    private long dropped;

    public LogsViewModel() {
        for (var p : List.of(minLevel, filter, thread, search, showSuppressed)) {
            p.addListener((o, a, b) -> refilter());
        }
        refilter();
    }

    /** Takes a batch of trace events (only log lines are kept). */
    public void append(List<? extends TraceEvent> batch) {
        append(batch, 0);
    }

    /**
     * As {@link #append(List)}, after {@code droppedBefore} older lines that were only counted (a
     * burst's, beyond what is kept).
     */
    public void append(List<? extends TraceEvent> batch, long droppedBefore) {
        total += droppedBefore;
        dropped += droppedBefore;
        // A burst's batch can hold many times what is kept: only the newest KEEP become lines.
        long logs = 0;
        for (TraceEvent e : batch) {
            if (e instanceof LogEvent) {
                logs++;
            }
        }
        long skip = Math.max(0, logs - KEEP);
        total += skip;
        dropped += skip;
        List<LogLine> added = new ArrayList<>((int) Math.min(logs, KEEP));
        for (TraceEvent e : batch) {
            if (e instanceof LogEvent l && skip-- <= 0) {
                added.add(
                        new LogLine(
                                l.seq(),
                                l.level(),
                                l.thread(),
                                l.filter() == null ? "" : l.filter(),
                                l.vm(),
                                l.message(),
                                l.suppressed(),
                                l.streamId()));
            }
        }
        if (added.isEmpty()) {
            updateCounts();
            return;
        }
        total += added.size();
        int overflow = lines.size() + added.size() - KEEP;
        if (overflow > 0) {
            dropped += overflow;
        }
        if (overflow >= lines.size()) {
            lines.setAll(added); // one change for the table, not a removal and an addition
        } else {
            if (overflow > 0) {
                lines.remove(0, overflow);
            }
            lines.addAll(added);
        }
        TreeSet<String> f = new TreeSet<>(filters.subList(1, filters.size()));
        TreeSet<String> t = new TreeSet<>(threads.subList(1, threads.size()));
        boolean newChoice = false;
        for (LogLine l : added) {
            newChoice |= !l.filter().isEmpty() && f.add(l.filter());
            newChoice |= t.add(l.thread());
        }
        if (newChoice) {
            List<String> fl = new ArrayList<>(List.of(ALL));
            fl.addAll(f);
            filters.setAll(fl);
            List<String> tl = new ArrayList<>(List.of(ALL));
            tl.addAll(t);
            threads.setAll(tl);
        }
        updateCounts();
    }

    public void clear() {
        lines.clear();
        total = 0;
        dropped = 0;
        updateCounts();
    }

    private void refilter() {
        LogLevel min = minLevel.get();
        String f = filter.get();
        String t = thread.get();
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        boolean suppressed = showSuppressed.get();
        visible.setPredicate(
                l ->
                        (suppressed || !l.suppressed())
                                && l.level().ordinal() >= min.ordinal()
                                && (f == null || f.equals(ALL) || f.equals(l.filter()))
                                && (t == null || t.equals(ALL) || t.equals(l.thread()))
                                && (q.isEmpty()
                                        || l.message().toLowerCase(Locale.ROOT).contains(q)));
        updateCounts();
    }

    private void updateCounts() {
        counts.set(
                visible.size()
                        + " shown of "
                        + total
                        + " line(s)"
                        + (dropped > 0
                                ? " · oldest " + dropped + " dropped (keeps " + KEEP + ")"
                                : ""));
    }

    public ObservableList<LogLine> visible() {
        return visible;
    }

    public ObservableList<LogLine> lines() {
        return lines;
    }

    public ObjectProperty<LogLevel> minLevelProperty() {
        return minLevel;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty threadProperty() {
        return thread;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty showSuppressedProperty() {
        return showSuppressed;
    }

    public ObservableList<String> filters() {
        return filters;
    }

    public ObservableList<String> threads() {
        return threads;
    }

    public StringProperty countsProperty() {
        return counts;
    }
}

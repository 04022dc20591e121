package io.filterplayground.app.request;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the composers remember: the scenario's saved requests, then its saved connections, then what
 * was sent, newest first (the latest {@link #KEEP}), kept across runs of the app when a {@link
 * HistoryStore} is in use.
 */
public final class History {
    static final int KEEP = 100;

    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();

    /** Where sent entries are kept across runs of the app (none: not kept). */
    private HistoryStore store;

    public ObservableList<HistoryEntry> entries() {
        return entries;
    }

    /**
     * Keeps the sent history in {@code s}: what it holds joins the history now, and every send from
     * here on is written to it.
     */
    public void useStore(HistoryStore s) {
        store = s;
        entries.removeIf(h -> h.kind() != HistoryEntry.Kind.SAVED);
        entries.addAll(s.load());
    }

    public HistoryStore store() {
        return store;
    }

    /** The scenario's saved requests (or connections) become {@code saved}. */
    void replaceSaved(boolean connections, List<HistoryEntry> saved) {
        entries.removeIf(
                h -> h.kind() == HistoryEntry.Kind.SAVED && h.isConnection() == connections);
        entries.addAll(connections ? savedCount() : 0, saved);
    }

    /** One more saved request or connection, after the others of its kind. */
    void addSaved(HistoryEntry e) {
        int at =
                (int)
                        entries.stream()
                                .filter(h -> h.kind() == HistoryEntry.Kind.SAVED)
                                .filter(h -> !h.isConnection() || e.isConnection())
                                .count();
        entries.add(at, e);
    }

    /**
     * Adds a sent request, burst or connection, newest first after the saved ones; false when the
     * store could not be written.
     */
    boolean recordSent(HistoryEntry e) {
        int at = savedCount();
        entries.add(at, e);
        while (entries.size() - at > KEEP) {
            entries.remove(entries.size() - 1);
        }
        return store == null || store.save(entries);
    }

    private int savedCount() {
        return (int) entries.stream().filter(h -> h.kind() == HistoryEntry.Kind.SAVED).count();
    }
}

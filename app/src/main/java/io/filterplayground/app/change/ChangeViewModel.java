package io.filterplayground.app.change;

import io.filterplayground.app.diff.HeaderChange;
import io.filterplayground.app.watch.RunHistory;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.report.change.Change;
import io.filterplayground.engine.report.change.ItemChanges;
import io.filterplayground.engine.report.change.RunChanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What changed after each reload: the session's last runs to step through, the selected run's
 * changes against its baseline (the pinned run, or the run before), grouped per request and place
 * (its outcome, each filter stage, each filter's callbacks, hostcalls, logs and time), and for the
 * selected group each change before and after. Also the watch switch and the build step's setting
 * and output, which the {@code Watcher} acts on.
 */
public final class ChangeViewModel {
    /** Runs kept to step through. */
    public static final int KEEP_RUNS = 10;

    private final RunHistory history = new RunHistory(KEEP_RUNS);
    private final ObservableList<RunHistory.Run> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunHistory.Run> selectedRun = new SimpleObjectProperty<>();
    private final BooleanProperty pinned = new SimpleBooleanProperty(false);
    private final ObservableList<ChangeGroup> groups = FXCollections.observableArrayList();
    private final ObjectProperty<ChangeGroup> selectedGroup = new SimpleObjectProperty<>();
    private final ObservableList<HeaderChange> rows = FXCollections.observableArrayList();
    private final StringProperty caption = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty watching = new SimpleBooleanProperty(false);
    private final StringProperty buildCommand = new SimpleStringProperty("");
    private final StringProperty buildFolder = new SimpleStringProperty("");
    private final StringProperty buildOutput = new SimpleStringProperty("");

    public ChangeViewModel() {
        selectedRun.addListener((o, a, b) -> showRun());
        selectedGroup.addListener((o, a, b) -> showGroup());
    }

    /** A run of the session: kept, selected, and its changes shown; returns them. */
    public RunChanges record(String cause, RunResult result) {
        RunHistory.Run run = history.add(cause, result);
        runs.setAll(history.runs());
        selectedRun.set(run);
        return history.changesOf(run);
    }

    /** Forgets the runs (another scenario is open). */
    public void clear() {
        history.clear();
        runs.clear();
        selectedRun.set(null);
        showRun();
    }

    /** Makes the selected run the baseline of later ones, or (when it is) lets go of it. */
    public void togglePin() {
        RunHistory.Run run = selectedRun.get();
        history.pin(run == null || history.pinned() == run ? null : run);
        showRun();
    }

    private void showRun() {
        RunHistory.Run run = selectedRun.get();
        pinned.set(run != null && history.pinned() == run);
        if (run == null) {
            groups.clear();
            caption.set("Watch the scenario's files: each reload replays and shows what changed.");
            summary.set("");
            return;
        }
        RunHistory.Run base = history.baselineOf(run);
        RunChanges changes = history.changesOf(run);
        groups.setAll(groups(changes));
        summary.set(base == null ? "" : changes.summary());
        caption.set(
                base == null
                        ? run.label() + ": the first run, the baseline of the next"
                        : run.label()
                                + " compared with run "
                                + base.number()
                                + (history.pinned() == base ? " (pinned)" : "")
                                + ": "
                                + changes.summary());
        selectedGroup.set(groups.isEmpty() ? null : groups.get(0));
        showGroup();
    }

    /**
     * Each request's changes in its places, in the order they came; requests with a new outcome
     * first, as the summary names them.
     */
    static List<ChangeGroup> groups(RunChanges changes) {
        List<ChangeGroup> out = new ArrayList<>();
        List<ItemChanges> items = new ArrayList<>(changes.changed());
        items.sort(java.util.Comparator.comparing(i -> !i.outcomeChanged()));
        for (ItemChanges item : items) {
            Map<String, List<Change>> places = new LinkedHashMap<>();
            Map<String, Change> first = new LinkedHashMap<>();
            for (Change c : item.changes()) {
                String key = c.area() + "|" + c.where();
                places.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                first.putIfAbsent(key, c);
            }
            places.forEach(
                    (key, list) ->
                            out.add(
                                    new ChangeGroup(
                                            item.name(),
                                            first.get(key).area(),
                                            first.get(key).where(),
                                            list)));
        }
        return out;
    }

    private void showGroup() {
        ChangeGroup g = selectedGroup.get();
        if (g == null) {
            rows.clear();
            return;
        }
        rows.setAll(g.changes().stream().map(ChangeViewModel::row).toList());
    }

    private static HeaderChange row(Change c) {
        HeaderChange.Change mark =
                switch (c.mark()) {
                    case ADDED -> HeaderChange.Change.ADDED;
                    case REMOVED -> HeaderChange.Change.REMOVED;
                    case CHANGED -> HeaderChange.Change.CHANGED;
                };
        return new HeaderChange(c.what(), c.before(), c.after(), mark);
    }

    public ObservableList<RunHistory.Run> runs() {
        return runs;
    }

    public ObjectProperty<RunHistory.Run> selectedRunProperty() {
        return selectedRun;
    }

    /** Whether the selected run is the pinned baseline. */
    public BooleanProperty pinnedProperty() {
        return pinned;
    }

    public ObservableList<ChangeGroup> groups() {
        return groups;
    }

    public ObjectProperty<ChangeGroup> selectedGroupProperty() {
        return selectedGroup;
    }

    public ObservableList<HeaderChange> rows() {
        return rows;
    }

    public StringProperty captionProperty() {
        return caption;
    }

    /** The selected run's one-line summary ({@code 1 request changed: ...}). */
    public StringProperty summaryProperty() {
        return summary;
    }

    /** On: the scenario's files are watched, and a change reloads and replays. */
    public BooleanProperty watchingProperty() {
        return watching;
    }

    /** A build command the user typed (never one from a scenario file). */
    public StringProperty buildCommandProperty() {
        return buildCommand;
    }

    /** The source folder the build command watches and runs in. */
    public StringProperty buildFolderProperty() {
        return buildFolder;
    }

    public StringProperty buildOutputProperty() {
        return buildOutput;
    }
}

package io.filterplayground.app.timeline;

import io.filterplayground.app.workspace.BuiltWhileShown;
import io.filterplayground.app.workspace.RecordedExchange;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The timeline of the selected exchange: its rows and lanes, the selected row, and the detail of
 * the selected callback (hostcalls and logs made inside it).
 */
public final class TimelineViewModel {
    private final ReadOnlyObjectWrapper<Timeline> timeline =
            new ReadOnlyObjectWrapper<>(Timeline.EMPTY);
    private final ObservableList<TimelineRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> lanes = FXCollections.observableArrayList();
    private final ObjectProperty<TimelineRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CallbackDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<HostcallRow> selectedHostcall = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Explained> explained = new ReadOnlyObjectWrapper<>();
    private final BuiltWhileShown<RecordedExchange> built = new BuiltWhileShown<>(this::build);

    public TimelineViewModel() {
        selected.addListener(
                (o, a, b) -> {
                    selectedHostcall.set(null);
                    detail.set(timeline.get().detail(b));
                    explain();
                });
        selectedHostcall.addListener((o, a, b) -> explain());
    }

    /** The selected hostcall's explanation, else the selected callback's. */
    private void explain() {
        HostcallRow h = selectedHostcall.get();
        Explained e = h == null ? null : Explained.of(h);
        explained.set(e != null && e.subject() != null ? e : Explained.of(selected.get()));
    }

    /**
     * Shows this exchange now, or when the timeline is shown again: a burst's end would otherwise
     * build its last request's timeline for nobody.
     */
    public void show(RecordedExchange x) {
        built.show(x);
    }

    /** Whether the timeline is on screen (its view keeps this). */
    public BooleanProperty shownProperty() {
        return built.shownProperty();
    }

    private void build(RecordedExchange x) {
        Timeline t = x == null ? Timeline.EMPTY : Timeline.of(x);
        timeline.set(t);
        lanes.setAll(t.lanes());
        rows.setAll(t.rows());
        // Open on the first callback that did something: made hostcalls or logged.
        selected.set(
                t.rows().stream()
                        .filter(r -> r.kind() == TimelineRow.Kind.CALLBACK)
                        .filter(
                                r ->
                                        t.detail(r).hostcalls().stream()
                                                .anyMatch(h -> !h.name().equals("proxy_log")))
                        .findFirst()
                        .orElse(null));
    }

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ObservableList<TimelineRow> rows() {
        return rows;
    }

    public ObservableList<String> lanes() {
        return lanes;
    }

    public ObjectProperty<TimelineRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<CallbackDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The hostcall selected in the selected callback's table, or null. */
    public ObjectProperty<HostcallRow> selectedHostcallProperty() {
        return selectedHostcall;
    }

    /** What the selection means (the explanation pane), or null when nothing is selected. */
    public ReadOnlyObjectProperty<Explained> explainedProperty() {
        return explained.getReadOnlyProperty();
    }
}

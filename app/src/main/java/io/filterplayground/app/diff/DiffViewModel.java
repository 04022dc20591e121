package io.filterplayground.app.diff;

import io.filterplayground.app.editor.Bytes;
import io.filterplayground.app.workspace.BuiltWhileShown;
import io.filterplayground.app.workspace.RecordedExchange;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The header and body diff of the selected exchange: one entry per filter stage, and for the
 * selected stage its header changes (unchanged ones on request) or its body (a connection's bytes)
 * before and after, as text or as a hex dump.
 */
public final class DiffViewModel {
    private final ObservableList<StageDiff> stages = FXCollections.observableArrayList();
    private final ObjectProperty<StageDiff> selected = new SimpleObjectProperty<>();
    private final BooleanProperty showUnchanged = new SimpleBooleanProperty(true);
    private final BooleanProperty hex = new SimpleBooleanProperty(false);
    private final ObservableList<HeaderChange> rows = FXCollections.observableArrayList();
    private final StringProperty bodyBefore = new SimpleStringProperty("");
    private final StringProperty bodyAfter = new SimpleStringProperty("");
    private final StringProperty caption = new SimpleStringProperty("");
    private final BuiltWhileShown<RecordedExchange> built = new BuiltWhileShown<>(this::build);

    public DiffViewModel() {
        selected.addListener((o, a, b) -> refresh());
        showUnchanged.addListener((o, a, b) -> refresh());
        hex.addListener((o, a, b) -> refresh());
    }

    /** Shows this exchange's stages now, or when the diff is shown again. */
    public void show(RecordedExchange x) {
        built.show(x);
    }

    /** Whether the diff is on screen (its view keeps this). */
    public BooleanProperty shownProperty() {
        return built.shownProperty();
    }

    private void build(RecordedExchange x) {
        stages.setAll(x == null ? java.util.List.of() : HeaderDiff.stages(x.events()));
        selected.set(null);
        selected.set(
                stages.stream()
                        .filter(StageDiff::changed)
                        .findFirst()
                        .orElse(stages.isEmpty() ? null : stages.get(0)));
    }

    private void refresh() {
        StageDiff s = selected.get();
        if (s == null) {
            rows.clear();
            bodyBefore.set("");
            bodyAfter.set("");
            caption.set(stages.isEmpty() ? "No stages recorded for this request." : "");
            return;
        }
        rows.setAll(
                s.headers().stream()
                        .filter(h -> showUnchanged.get() || h.change() != HeaderChange.Change.SAME)
                        .toList());
        bodyBefore.set(bytes(s.bodyBefore(), s.stage().isNetwork()));
        bodyAfter.set(bytes(s.bodyAfter(), s.stage().isNetwork()));
        caption.set(
                s.filter()
                        + " at "
                        + s.stage().wireName()
                        + " returned "
                        + s.status()
                        + (s.endOfStream() ? " (end of stream)" : "")
                        + " · "
                        + s.summary());
    }

    /** A connection's bytes as escaped text, so that a {@code \r} shows; a body as it is. */
    private String bytes(byte[] b, boolean connection) {
        if (hex.get()) {
            return Bytes.dump(b);
        }
        return connection ? Bytes.escapeLines(b) : Bytes.text(b);
    }

    public ObservableList<StageDiff> stages() {
        return stages;
    }

    public ObjectProperty<StageDiff> selectedProperty() {
        return selected;
    }

    public BooleanProperty showUnchangedProperty() {
        return showUnchanged;
    }

    /** Bodies and bytes as a hex dump rather than text. */
    public BooleanProperty hexProperty() {
        return hex;
    }

    public ObservableList<HeaderChange> rows() {
        return rows;
    }

    public StringProperty bodyBeforeProperty() {
        return bodyBefore;
    }

    public StringProperty bodyAfterProperty() {
        return bodyAfter;
    }

    public StringProperty captionProperty() {
        return caption;
    }
}

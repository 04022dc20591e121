package io.filterplayground.app.diff;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Header diff: every stage where a filter met the stream (request headers, body, trailers and the
 * response side; a connection's downstream and upstream bytes), and for the selected one the
 * headers before and after with added, removed and changed entries highlighted, or the body (the
 * bytes) before and after, as text or hex.
 */
public final class DiffView extends SplitPane {
    public DiffView(DiffViewModel vm) {
        setId("diff-view");
        // The model builds its stages only while this view is shown: the list can follow them.
        WhileShown.track(this, vm.shownProperty());

        ListView<StageDiff> stages = new ListView<>(vm.stages());
        stages.setId("stage-list");
        stages.setPlaceholder(
                Ui.label(
                        "Send a request to compare its headers at every filter.", "muted", "wrap"));
        stages.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(StageDiff s, boolean empty) {
                                super.updateItem(s, empty);
                                setText(null);
                                if (empty || s == null) {
                                    setGraphic(null);
                                    return;
                                }
                                Label side =
                                        Ui.label(
                                                sideTag(s),
                                                "side-tag",
                                                s.stage().isRequest()
                                                        ? "side-request"
                                                        : "side-response");
                                Label what =
                                        Ui.label(
                                                s.stage()
                                                        .wireName()
                                                        .replace("request_", "")
                                                        .replace("response_", "")
                                                        .replace("downstream_", "")
                                                        .replace("upstream_", ""),
                                                "stage-name");
                                Label filter = Ui.label(s.filter(), "stage-filter");
                                Label summary =
                                        Ui.label(
                                                s.summary(),
                                                s.changed() ? "stage-changed" : "muted");
                                summary.setMinWidth(Label.USE_PREF_SIZE);
                                side.setMinWidth(Label.USE_PREF_SIZE);
                                VBox box =
                                        new VBox(
                                                1,
                                                Ui.row(6, side, filter),
                                                Ui.row(6, what, Ui.spacer(), summary));
                                setGraphic(box);
                                // Fit the list's width instead of scrolling sideways.
                                setPrefWidth(0);
                            }
                        });
        Ui.bindSelection(stages, vm.selectedProperty());
        VBox left = new VBox(4, Ui.title("Stages, in order"), Ui.vgrow(stages));
        Ui.pad(left, 6, 6, 6, 6);

        Label caption = Ui.label("", "detail-heading");
        caption.setId("diff-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(vm.captionProperty());
        CheckBox unchanged = new CheckBox("Show unchanged headers");
        unchanged.setId("show-unchanged");
        unchanged.selectedProperty().bindBidirectional(vm.showUnchangedProperty());

        TableView<HeaderChange> table =
                table(
                        "diff-table",
                        WhileShown.rows(this, vm.rows()),
                        "Header",
                        "Before",
                        "After",
                        "No header changes at this stage.");

        TextArea bodyBefore = body("body-before", vm.bodyBeforeProperty());
        TextArea bodyAfter = body("body-after", vm.bodyAfterProperty());
        Label beforeTitle = Ui.title("Body before");
        Label afterTitle = Ui.title("Body after");
        CheckBox hex = new CheckBox("Hex");
        hex.setId("diff-hex");
        hex.selectedProperty().bindBidirectional(vm.hexProperty());
        VBox b1 = new VBox(2, Ui.row(6, beforeTitle, Ui.spacer(), hex), Ui.vgrow(bodyBefore));
        VBox b2 = new VBox(2, afterTitle, Ui.vgrow(bodyAfter));
        HBox.setHgrow(b1, Priority.ALWAYS);
        HBox.setHgrow(b2, Priority.ALWAYS);
        HBox bodies = new HBox(8, b1, b2);
        bodies.setId("diff-bodies");

        VBox right = new VBox(6, caption, unchanged, Ui.vgrow(table), bodies);
        Ui.pad(right, 6, 8, 6, 8);
        vm.selectedProperty()
                .addListener(
                        (o, a, s) -> {
                            boolean body = s != null && s.isBody();
                            boolean bytes = s != null && s.stage().isNetwork();
                            beforeTitle.setText(bytes ? "Bytes before" : "Body before");
                            afterTitle.setText(bytes ? "Bytes after" : "Body after");
                            bodies.setVisible(body);
                            bodies.setManaged(body);
                            table.setVisible(!body);
                            table.setManaged(!body);
                            unchanged.setVisible(!body);
                            unchanged.setManaged(!body);
                            VBox.setVgrow(bodies, body ? Priority.ALWAYS : Priority.NEVER);
                        });
        bodies.setVisible(false);
        bodies.setManaged(false);

        getItems().addAll(left, right);
        setDividerPositions(0.34);
    }

    /**
     * A table of entries before and after, each marked added, removed or changed (+, −, ~) and
     * coloured so; the change view shows its changes in the same table.
     */
    public static TableView<HeaderChange> table(
            String id,
            javafx.collections.ObservableList<HeaderChange> rows,
            String nameTitle,
            String beforeTitle,
            String afterTitle,
            String placeholder) {
        TableView<HeaderChange> table = new TableView<>(rows);
        table.setId(id);
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Ui.label(placeholder, "muted"));
        TableColumn<HeaderChange, String> mark = new TableColumn<>("");
        mark.setCellValueFactory(c -> new ReadOnlyStringWrapper(symbol(c.getValue().change())));
        mark.setPrefWidth(34);
        mark.setMaxWidth(34);
        mark.setMinWidth(34);
        TableColumn<HeaderChange, String> name = new TableColumn<>(nameTitle);
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(170);
        TableColumn<HeaderChange, String> before = new TableColumn<>(beforeTitle);
        before.setCellValueFactory(c -> new ReadOnlyStringWrapper(orDash(c.getValue().before())));
        before.setPrefWidth(200);
        TableColumn<HeaderChange, String> after = new TableColumn<>(afterTitle);
        after.setCellValueFactory(c -> new ReadOnlyStringWrapper(orDash(c.getValue().after())));
        after.setPrefWidth(200);
        table.getColumns().add(mark);
        table.getColumns().add(name);
        table.getColumns().add(before);
        table.getColumns().add(after);
        table.setRowFactory(
                t ->
                        new TableRow<>() {
                            @Override
                            protected void updateItem(HeaderChange h, boolean empty) {
                                super.updateItem(h, empty);
                                getStyleClass().removeIf(c -> c.startsWith("diff-"));
                                if (!empty && h != null) {
                                    getStyleClass()
                                            .add(
                                                    "diff-"
                                                            + h.change()
                                                                    .name()
                                                                    .toLowerCase(
                                                                            java.util.Locale.ROOT));
                                }
                            }
                        });
        return table;
    }

    private static TextArea body(String id, javafx.beans.value.ObservableValue<String> text) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.setWrapText(true);
        t.getStyleClass().add("mono");
        t.textProperty().bind(text);
        return t;
    }

    private static String sideTag(StageDiff s) {
        return sideTag(s.stage());
    }

    /** REQ / RESP for an HTTP stage, DOWN / UP for a connection's bytes. */
    public static String sideTag(io.filterplayground.engine.trace.StageEvent.Stage stage) {
        if (stage.isNetwork()) {
            return stage.isRequest() ? "DOWN" : "UP";
        }
        return stage.isRequest() ? "REQ" : "RESP";
    }

    static String symbol(HeaderChange.Change c) {
        return switch (c) {
            case ADDED -> "+";
            case REMOVED -> "−";
            case CHANGED -> "~";
            case SAME -> "";
        };
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }
}

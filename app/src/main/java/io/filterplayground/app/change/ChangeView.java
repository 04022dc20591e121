package io.filterplayground.app.change;

import io.filterplayground.app.diff.DiffView;
import io.filterplayground.app.diff.HeaderChange;
import io.filterplayground.app.watch.RunHistory;
import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.report.change.Change;
import io.filterplayground.engine.trace.StageEvent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * What changed: the watch switch and build step on top, the session's runs to step through (one
 * pinned as the baseline), and, laid out as the header diff, the places where the selected run
 * differs from its baseline on the left and each change before and after on the right, with the
 * build's output below.
 */
public final class ChangeView extends BorderPane {
    public ChangeView(ChangeViewModel vm) {
        setId("change-view");

        CheckBox watch = new CheckBox("Watch files");
        watch.setId("watch-files");
        watch.selectedProperty().bindBidirectional(vm.watchingProperty());
        TextField build = new TextField();
        build.setId("build-command");
        build.setPromptText("build command (optional), e.g. cargo build --release && cp …");
        build.textProperty().bindBidirectional(vm.buildCommandProperty());
        TextField folder = new TextField();
        folder.setId("build-folder");
        folder.setPromptText("source folder");
        folder.textProperty().bindBidirectional(vm.buildFolderProperty());
        ComboBox<RunHistory.Run> runs = new ComboBox<>(vm.runs());
        runs.setId("run-choice");
        runs.setPromptText("no run yet");
        runs.valueProperty().bindBidirectional(vm.selectedRunProperty());
        ToggleButton pin = new ToggleButton("Pin as baseline");
        pin.setId("pin-run");
        // The view model decides what is pinned; the button shows it (a bound toggle cannot fire).
        vm.pinnedProperty().addListener((o, a, b) -> pin.setSelected(b));
        pin.setOnAction(
                e -> {
                    vm.togglePin();
                    pin.setSelected(vm.pinnedProperty().get());
                });
        pin.disableProperty().bind(vm.selectedRunProperty().isNull());
        Label caption = Ui.label("", "detail-heading");
        caption.setId("change-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(vm.captionProperty());
        VBox top =
                new VBox(
                        4,
                        Ui.row(6, watch, Ui.hgrow(build), Ui.hgrow(folder)),
                        Ui.row(6, runs, pin),
                        caption);
        Ui.pad(top, 6, 8, 4, 8);

        ListView<ChangeGroup> groups = new ListView<>(vm.groups());
        groups.setId("change-list");
        groups.setPlaceholder(
                Ui.label("No change between this run and its baseline.", "muted", "wrap"));
        groups.setCellFactory(l -> new GroupCell());
        Ui.bindSelection(groups, vm.selectedGroupProperty());
        VBox left = new VBox(4, Ui.title("Changed, per request"), Ui.vgrow(groups));
        Ui.pad(left, 6, 6, 6, 6);

        TableView<HeaderChange> table =
                DiffView.table(
                        "change-table",
                        vm.rows(),
                        "What",
                        "Baseline",
                        "This run",
                        "Select a change on the left.");
        TextArea output = new TextArea();
        output.setId("build-output");
        output.setEditable(false);
        output.getStyleClass().add("mono");
        output.setPrefRowCount(4);
        output.textProperty().bind(vm.buildOutputProperty());
        VBox right = new VBox(6, Ui.vgrow(table), Ui.title("Build output"), output);
        Ui.pad(right, 6, 8, 6, 8);

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.34);
        setTop(top);
        setCenter(split);
    }

    /** A request's place: side and stage as the header diff shows them, or the area and filter. */
    private static final class GroupCell extends ListCell<ChangeGroup> {
        @Override
        protected void updateItem(ChangeGroup g, boolean empty) {
            super.updateItem(g, empty);
            setText(null);
            if (empty || g == null) {
                setGraphic(null);
                return;
            }
            StageEvent.Stage stage = g.stage();
            Label side =
                    stage == null
                            ? Ui.label(
                                    g.area().label().toUpperCase(java.util.Locale.ROOT), "side-tag")
                            : Ui.label(
                                    DiffView.sideTag(stage),
                                    "side-tag",
                                    stage.isRequest() ? "side-request" : "side-response");
            side.setMinWidth(Label.USE_PREF_SIZE);
            Label item = Ui.label(g.item(), "stage-filter");
            Label what =
                    Ui.label(
                            stage != null
                                    ? g.filter() + " · " + stage.wireName()
                                    : g.filter().isEmpty() ? whole(g.area()) : g.filter(),
                            "stage-name");
            Label summary = Ui.label(g.summary(), "stage-changed");
            summary.setMinWidth(Label.USE_PREF_SIZE);
            setGraphic(new VBox(1, Ui.row(6, side, item), Ui.row(6, what, Ui.spacer(), summary)));
            setPrefWidth(0);
        }

        private static String whole(Change.Area area) {
            return switch (area) {
                case PRESENCE -> "in one run only";
                case UPSTREAM -> "what reached the upstream";
                case CONNECTION -> "what each side received";
                default -> "what came back";
            };
        }
    }
}

package io.filterplayground.app.timeline;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Under the timeline: the selected callback in one line, its arguments, the hostcalls it made
 * (decoded arguments, status names, hints; a Lua filter's {@code handle:} calls) and the logs it
 * wrote.
 */
final class CallbackDetailPane extends VBox {
    private static final String NOTHING_SELECTED =
            "Select a callback to see the hostcalls it made.";

    private final TimelineViewModel vm;
    private final Label heading = Ui.label(NOTHING_SELECTED, "detail-heading");
    private final Label args = Ui.label("", "muted", "mono-small");
    private final Label hostcallTitle = Ui.title("Hostcalls made inside");
    private final TableView<HostcallRow> hostcalls = hostcallTable();
    private final ListView<LogRow> logs = logList();
    private final ObservableList<HostcallRow> hostcallRows = FXCollections.observableArrayList();
    private final ObservableList<LogRow> logRows = FXCollections.observableArrayList();

    CallbackDetailPane(TimelineViewModel vm) {
        super(4);
        this.vm = vm;
        heading.setId("callback-heading");
        heading.setWrapText(true);
        args.setId("callback-args");
        args.setWrapText(true);
        hostcallTitle.setId("hostcall-title");
        hostcalls.setItems(WhileShown.rows(this, hostcallRows));
        logs.setItems(WhileShown.rows(this, logRows));
        Runnable detail = WhileShown.update(this, () -> show(vm.detailProperty().get()));
        vm.detailProperty().addListener((o, a, d) -> detail.run());
        hostcalls
                .getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, b) -> vm.selectedHostcallProperty().set(b));
        VBox hc = new VBox(4, hostcallTitle, Ui.vgrow(hostcalls));
        HBox.setHgrow(hc, Priority.ALWAYS);
        VBox calls = new VBox(4, Ui.vgrow(hc), Ui.title("Logs written"), logs);
        ScrollPane explanation = new ScrollPane(new ExplanationPane(vm));
        explanation.setId("explanation-scroll");
        explanation.setFitToWidth(true);
        explanation.getStyleClass().add("explanation-scroll");
        // What the selection means sits beside its hostcalls, narrower than them.
        SplitPane split = new SplitPane(calls, explanation);
        split.setDividerPositions(0.64);
        SplitPane.setResizableWithParent(explanation, false);
        split.getStyleClass().add("detail-split");
        getChildren().addAll(heading, args, Ui.vgrow(split));
        setId("callback-detail");
        Ui.pad(this, 6, 8, 6, 8);
    }

    private void show(CallbackDetail d) {
        if (d == null) {
            heading.setText(NOTHING_SELECTED);
            args.setText("");
            hostcallRows.clear();
            logRows.clear();
        } else {
            TimelineRow r = d.row();
            heading.setText(
                    r.detail()
                            + " → "
                            + (r.action().isEmpty() ? "(no result)" : r.action())
                            + "   ·   "
                            + r.filter()
                            + " on "
                            + r.thread()
                            + ", VM "
                            + r.vm()
                            + ", context "
                            + r.contextId()
                            + ", "
                            + r.duration());
            args.setText(d.args().isEmpty() ? "" : "arguments: " + d.args());
            hostcallRows.setAll(d.hostcalls());
            logRows.setAll(d.logs());
        }
        nameHostcalls(d == null ? "" : vm.timelineProperty().get().style(d.row().filter()));
    }

    /** What a filter of this style calls from its callbacks, and what it means to make none. */
    private void nameHostcalls(String style) {
        switch (style) {
            case "lua" -> {
                hostcallTitle.setText("Lua API calls made inside (handle:…)");
                hostcalls.setPlaceholder(Ui.label("No handle calls in this callback.", "muted"));
            }
            case "native" -> {
                hostcallTitle.setText("Hostcalls made inside");
                hostcalls.setPlaceholder(
                        Ui.label(
                                "A built-in filter makes no hostcalls: it works on the stream"
                                        + " directly. Its log lines are below.",
                                "muted",
                                "wrap"));
            }
            default -> {
                hostcallTitle.setText("Hostcalls made inside");
                hostcalls.setPlaceholder(Ui.label("No hostcalls in this callback.", "muted"));
            }
        }
    }

    private static TableView<HostcallRow> hostcallTable() {
        TableView<HostcallRow> hostcalls = new TableView<>();
        hostcalls.setId("hostcall-table");
        hostcalls.getStyleClass().addAll("dense");
        hostcalls.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        hostcalls.setPlaceholder(Ui.label("No hostcalls in this callback.", "muted"));
        TableColumn<HostcallRow, String> name = new TableColumn<>("Hostcall");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(175);
        name.setMaxWidth(230);
        TableColumn<HostcallRow, String> result = new TableColumn<>("Result");
        result.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().result()));
        result.setPrefWidth(70);
        result.setMaxWidth(110);
        TableColumn<HostcallRow, String> argCol = new TableColumn<>("Arguments (decoded)");
        argCol.setCellValueFactory(
                c ->
                        new ReadOnlyStringWrapper(
                                c.getValue().args()
                                        + (c.getValue().hint() == null
                                                ? ""
                                                : "   ⓘ " + c.getValue().hint())));
        hostcalls.getColumns().add(name);
        hostcalls.getColumns().add(result);
        hostcalls.getColumns().add(argCol);
        hostcalls.setRowFactory(
                t ->
                        new TableRow<>() {
                            @Override
                            protected void updateItem(HostcallRow h, boolean empty) {
                                super.updateItem(h, empty);
                                getStyleClass().removeAll("hostcall-failed", "hostcall-hint");
                                setTooltip(empty || h == null ? null : tooltip(h));
                                if (!empty && h != null) {
                                    if (!h.ok()) {
                                        getStyleClass().add("hostcall-failed");
                                    } else if (h.hint() != null) {
                                        getStyleClass().add("hostcall-hint");
                                    }
                                }
                            }
                        });
        return hostcalls;
    }

    /** A hostcall row's hover text: the hostcall, its status and the engine's hint, explained. */
    private static Tooltip tooltip(HostcallRow h) {
        Explained e = Explained.of(h);
        StringBuilder t = new StringBuilder(h.name());
        if (e.subject() != null) {
            t.append("\n").append(Explained.tooltip(e.subject()));
        }
        if (e.outcome() != null) {
            t.append("\n\n").append(h.result()).append(": ").append(e.outcome().what());
        }
        if (h.hint() != null) {
            t.append("\n\nThis call: ").append(h.hint());
        }
        Tooltip tip = new Tooltip(t.toString());
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        return tip;
    }

    private static ListView<LogRow> logList() {
        ListView<LogRow> logs = new ListView<>();
        logs.setId("callback-logs");
        logs.setPrefHeight(70);
        logs.setMinHeight(40);
        logs.setPlaceholder(Ui.label("No logs written in this callback.", "muted"));
        logs.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(LogRow r, boolean empty) {
                                super.updateItem(r, empty);
                                getStyleClass()
                                        .removeIf(
                                                c ->
                                                        c.startsWith("level-")
                                                                || c.equals("suppressed"));
                                if (empty || r == null) {
                                    setText(null);
                                } else {
                                    setText(
                                            "["
                                                    + r.level()
                                                    + "] "
                                                    + r.message()
                                                    + (r.suppressed()
                                                            ? "   (below the log level: Envoy drops it)"
                                                            : ""));
                                    getStyleClass().add("level-" + r.level());
                                    if (r.suppressed()) {
                                        getStyleClass().add("suppressed");
                                    }
                                }
                            }
                        });
        return logs;
    }
}

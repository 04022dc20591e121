package io.filterplayground.app.timeline;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The timeline: one lane per filter (and per access logger), callbacks in the order they ran
 * (thread, VM, context id, action coloured, duration; a network callback's data size or peer),
 * stream and connection notes across the lanes. Below, the selected callback's hostcalls and logs
 * ({@link CallbackDetailPane}).
 */
public final class TimelineView extends SplitPane {
    private final TimelineViewModel vm;
    private final VBox header = new VBox();
    private final ListView<TimelineRow> list = new ListView<>();

    public TimelineView(TimelineViewModel vm) {
        this.vm = vm;
        setId("timeline-view");
        setOrientation(Orientation.VERTICAL);

        list.setId("timeline-list");
        // The model builds rows and lanes only while this view is shown: the list can follow it.
        WhileShown.track(this, vm.shownProperty());
        list.setItems(vm.rows());
        list.getStyleClass().add("timeline-list");
        list.setPlaceholder(
                Ui.label(
                        "Send a request: its callbacks appear here, one lane per filter.",
                        "muted"));
        list.setCellFactory(l -> new RowCell());
        Ui.bindSelection(list, vm.selectedProperty());
        vm.rows().addListener((ListChangeListener<TimelineRow>) c -> buildHeader());
        buildHeader();

        VBox top = new VBox(header, Ui.vgrow(list));
        top.getStyleClass().add("timeline-top");
        getItems().addAll(top, new CallbackDetailPane(vm));
        setDividerPositions(0.62);
    }

    private void buildHeader() {
        LanePane lanes = new LanePane(vm.lanes().size());
        lanes.put(Ui.label("", "lane-title", "muted"), -2);
        Timeline t = vm.timelineProperty().get();
        // Style badges only when the chain mixes styles: an all-Wasm chain keeps its lane names.
        boolean mixed = vm.lanes().stream().map(t::style).distinct().count() > 1;
        for (int i = 0; i < vm.lanes().size(); i++) {
            String filter = vm.lanes().get(i);
            String style = t.style(filter);
            Label l = Ui.label((i + 1) + " " + filter, "lane-title");
            l.setMinWidth(0);
            Label vmLine = Ui.label(laneVm(i, style), "lane-title", "lane-vm-line");
            vmLine.setMinWidth(0);
            HBox first = Ui.row(4, l);
            if (mixed && !style.isEmpty()) {
                Label badge =
                        Ui.label(
                                switch (style) {
                                    case "lua" -> "Lua";
                                    case "native" -> "native";
                                    case "logger" -> "access log";
                                    default -> "Wasm";
                                },
                                "badge",
                                "lane-badge",
                                "style-" + style);
                badge.setMinWidth(Label.USE_PREF_SIZE);
                first.getChildren().add(badge);
            }
            first.setMinWidth(0);
            VBox title = new VBox(0, first, vmLine);
            title.setMinWidth(0);
            title.setId("lane-" + filter);
            lanes.put(title, i);
        }
        lanes.getStyleClass().add("lane-header");
        // Two text lines; a fixed height because the lane pane sizes itself before labels have
        // skins.
        lanes.setMinHeight(40);
        lanes.setPrefHeight(40);
        header.getChildren().setAll(lanes);
        list.refresh();
    }

    /**
     * Where a lane's first callback ran: a Wasm VM and stream context ({@code deny#w0 · ctx 2}), a
     * worker's Lua state ({@code lua#w0 · Lua state}), or a built-in filter (no VM).
     */
    private String laneVm(int lane, String style) {
        return vm.rows().stream()
                .filter(r -> r.kind() == TimelineRow.Kind.CALLBACK && r.lane() == lane)
                .findFirst()
                .map(
                        r ->
                                switch (style) {
                                    case "native" -> "built-in, no VM";
                                    case "lua" -> r.vm() + " · Lua state";
                                    case "logger" -> r.vm() + " · root ctx " + r.contextId();
                                    default -> r.vm() + " · ctx " + r.contextId();
                                })
                .orElse("not called");
    }

    /** One timeline line drawn in lanes. */
    private final class RowCell extends ListCell<TimelineRow> {
        @Override
        protected void updateItem(TimelineRow r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            LanePane lanes = new LanePane(vm.lanes().size());
            lanes.put(Ui.label(shortThread(r.thread()), "gutter"), -2);
            if (r.kind() != TimelineRow.Kind.CALLBACK) {
                Label tag =
                        Ui.label(
                                r.kind() == TimelineRow.Kind.TRAP
                                        ? r.action().toUpperCase(java.util.Locale.ROOT)
                                                + " · "
                                                + r.filter()
                                                + " · "
                                                + r.title()
                                        : r.title().toUpperCase(java.util.Locale.ROOT),
                                "note-tag",
                                r.tone().styleClass());
                tag.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label text = Ui.label(r.detail(), "note-text");
                HBox note = Ui.row(6, tag, text);
                note.getStyleClass().add("note");
                lanes.put(note, -1);
            } else {
                Label name = Ui.label(r.title(), "chip-title");
                Label action =
                        Ui.label(
                                r.action().isEmpty() ? "·" : r.action(),
                                "chip-action",
                                r.tone().styleClass());
                action.setMinWidth(Label.USE_PREF_SIZE);
                Label meta =
                        Ui.label(
                                r.kind() == TimelineRow.Kind.TRAP ? "" : r.duration(), "chip-meta");
                HBox line1 = Ui.row(4, name);
                if (!r.summary().isEmpty()) {
                    Label args = Ui.label(r.summary(), "chip-meta", "chip-summary");
                    args.setMinWidth(Label.USE_PREF_SIZE);
                    name.setMinWidth(0);
                    line1.getChildren().addAll(Ui.spacer(), args);
                }
                HBox line2 = Ui.row(4, action, Ui.spacer(), meta);
                VBox chip = new VBox(0, line1, line2);
                chip.getStyleClass().addAll("chip", r.tone().styleClass());
                Tooltip tip =
                        new Tooltip(
                                r.detail()
                                        + " → "
                                        + (r.action().isEmpty() ? "(no result)" : r.action())
                                        + "\n"
                                        + r.filter()
                                        + " · "
                                        + r.thread()
                                        + " · VM "
                                        + r.vm()
                                        + " · context "
                                        + r.contextId()
                                        + " · "
                                        + r.duration()
                                        + "\n"
                                        + r.hostcalls()
                                        + " hostcall(s), "
                                        + r.logs()
                                        + " log line(s)"
                                        + explanation(r));
                tip.setWrapText(true);
                tip.setMaxWidth(460);
                Tooltip.install(chip, tip);
                lanes.put(chip, Math.max(0, r.lane()));
            }
            setGraphic(lanes);
        }
    }

    /** The callback's explanation under the chip's facts, or "" when it has none. */
    private static String explanation(TimelineRow r) {
        String text = Explained.tooltip(r.detail());
        return text.isEmpty() ? "" : "\n\n" + text;
    }

    static String shortThread(String t) {
        return t == null ? "" : t.replace("worker-", "w");
    }
}

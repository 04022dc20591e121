package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.ChainView;
import io.filterplayground.app.change.ChangeView;
import io.filterplayground.app.debug.DebugBar;
import io.filterplayground.app.diff.DiffView;
import io.filterplayground.app.logs.LogsView;
import io.filterplayground.app.metrics.MetricsView;
import io.filterplayground.app.modules.ModuleLibraryView;
import io.filterplayground.app.request.ConnectionView;
import io.filterplayground.app.request.HistoryView;
import io.filterplayground.app.request.RequestView;
import io.filterplayground.app.request.VariablesView;
import io.filterplayground.app.response.ResponseView;
import io.filterplayground.app.shared.SharedStateView;
import io.filterplayground.app.timeline.TimelineView;
import io.filterplayground.app.upstream.UpstreamView;
import io.filterplayground.app.vms.VmsView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The playground window: toolbar and message bar on top; the chain and the module library on the
 * left; the views of the selected request in the middle (timeline, header diff, workers and VMs,
 * logs, metrics, shared state); the request composer, upstream and response on the right.
 */
public final class MainWindow extends BorderPane {
    private final WorkspaceViewModel vm;
    private final FileDialogs dialogs;
    private final TabPane left = new TabPane();
    private final TabPane center = new TabPane();
    private final TabPane requestTabs = new TabPane();
    private final ToolbarView toolbar;
    private final SplitPane main;
    private final StackPane overlays;

    public MainWindow(WorkspaceViewModel vm, FileDialogs dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        setId("main-window");
        getStyleClass().add("main-window");

        toolbar = new ToolbarView(vm, this::open, this::save, this::saveTest, this::loadModule);
        VBox top = new VBox(toolbar, new MessageBar(vm));
        setTop(top);

        left.setId("left-tabs");
        left.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        left.getTabs()
                .add(
                        tab(
                                "chain-tab",
                                "Chain",
                                new ChainView(vm.chain(), vm.modules()::entries, vm::addToChain)));
        left.getTabs()
                .add(
                        tab(
                                "modules-tab",
                                "Modules",
                                new ModuleLibraryView(
                                        vm.modules(),
                                        m -> {
                                            vm.addToChain(m);
                                            left.getSelectionModel().select(0);
                                        },
                                        this::loadModule)));

        center.setId("center-tabs");
        center.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        center.getTabs().add(tab("timeline-tab", "Timeline", new TimelineView(vm.timeline())));
        Tab diff = tab("diff-tab", "Header diff", new DiffView(vm.diff()));
        // A TCP listener's filters meet bytes, not headers.
        diff.textProperty()
                .bind(
                        Bindings.when(vm.httpListenerProperty().not())
                                .then("Byte diff")
                                .otherwise(
                                        Bindings.when(vm.tcpListenerProperty())
                                                .then("Stage diff")
                                                .otherwise("Header diff")));
        center.getTabs().add(diff);
        center.getTabs().add(tab("vms-tab", "Workers & VMs", new VmsView(vm.vms())));
        center.getTabs().add(tab("logs-tab", "Logs", new LogsView(vm.logs())));
        center.getTabs().add(tab("metrics-tab", "Metrics", new MetricsView(vm.metrics())));
        center.getTabs()
                .add(tab("shared-tab", "Shared data & queues", new SharedStateView(vm.shared())));
        Tab changes = tab("changes-tab", "What changed", new ChangeView(vm.changes()));
        center.getTabs().add(changes);
        // A reload by the watch shows what it changed.
        vm.reloadsProperty().addListener((o, a, b) -> center.getSelectionModel().select(changes));

        ExchangePicker picker =
                new ExchangePicker(vm.exchanges(), vm.selectedProperty(), vm.burstingProperty());
        HBox bar = Ui.row(8, Ui.label("Request", "panel-title"), Ui.hgrow(picker));
        bar.getStyleClass().add("exchange-bar");
        Ui.pad(bar, 6, 8, 6, 8);
        VBox middle = new VBox(bar, new DebugBar(vm.debug()), Ui.vgrow(center));

        requestTabs.setId("request-tabs");
        requestTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab requestTab = tab("request-tab", "Request", scroll(new RequestView(vm.request())));
        Tab connectionTab =
                tab("connection-tab", "Connection", scroll(new ConnectionView(vm.connection())));
        requestTabs.getTabs().add(requestTab);
        requestTabs
                .getTabs()
                .add(tab("upstream-tab", "Upstream", scroll(new UpstreamView(vm.upstream()))));
        requestTabs
                .getTabs()
                .add(tab("variables-tab", "Variables", new VariablesView(vm.request())));
        requestTabs
                .getTabs()
                .add(
                        tab(
                                "history-tab",
                                "History",
                                new HistoryView(vm.request().history(), vm::loadFromHistory)));
        composers(requestTab, connectionTab);
        SplitPane right = new SplitPane(requestTabs, new ResponseView(vm.response()));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.6);

        main = new SplitPane(left, middle, right);
        main.setId("main-split");
        main.setDividerPositions(0.2, 0.745);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(right, false);
        // Sheets (the lessons browser, the welcome) come over the panels, under the toolbar.
        overlays = new StackPane(main);
        overlays.setId("overlays");
        setCenter(overlays);

        Label status = Ui.label("", "status-text");
        status.setId("status-label");
        status.textProperty().bind(vm.statusProperty());
        Label stats = Ui.label("", "muted");
        stats.setId("stats-label");
        stats.textProperty().bind(vm.statsProperty());
        HBox statusBar = Ui.row(16, status, Ui.spacer(), stats);
        statusBar.getStyleClass().add("status-bar");
        Ui.pad(statusBar, 3, 10, 3, 10);
        setBottom(statusBar);
    }

    /**
     * The composers of the scenario's listeners lead the request tabs: the request (an HTTP
     * listener), the connection (a TCP one), or both; the one in front is what Send sends.
     */
    private void composers(Tab request, Tab connection) {
        boolean[] arranging = {false};
        Runnable front =
                () -> {
                    Tab t = vm.composingConnectionProperty().get() ? connection : request;
                    if (requestTabs.getTabs().contains(t)) {
                        requestTabs.getSelectionModel().select(t);
                    }
                };
        Runnable arrange =
                () -> {
                    arranging[0] = true;
                    try {
                        List<Tab> want = new ArrayList<>();
                        if (vm.httpListenerProperty().get()) {
                            want.add(request);
                        }
                        if (vm.tcpListenerProperty().get()) {
                            want.add(connection);
                        }
                        if (!requestTabs.getTabs().subList(0, want.size()).equals(want)) {
                            requestTabs.getTabs().removeAll(request, connection);
                            requestTabs.getTabs().addAll(0, want);
                        }
                        front.run();
                    } finally {
                        arranging[0] = false;
                    }
                };
        vm.httpListenerProperty().addListener((o, a, b) -> arrange.run());
        vm.tcpListenerProperty().addListener((o, a, b) -> arrange.run());
        vm.composingConnectionProperty().addListener((o, a, b) -> front.run());
        requestTabs
                .getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (o, a, b) -> {
                            if (!arranging[0] && (b == request || b == connection)) {
                                vm.composingConnectionProperty().set(b == connection);
                            }
                        });
        arrange.run();
    }

    private static Tab tab(String id, String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private static ScrollPane scroll(javafx.scene.Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        s.setFitToHeight(true);
        s.getStyleClass().add("edge-to-edge");
        return s;
    }

    /** Keyboard shortcuts for the whole window. */
    public void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::send);
        acc.put(
                new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN),
                () -> {
                    if (!vm.burstingProperty().get()) {
                        vm.burst();
                    }
                });
        acc.put(new KeyCodeCombination(KeyCode.F8), vm.debug()::continueCurrent);
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::open);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        acc.put(
                new KeyCodeCombination(
                        KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::saveTest);
        acc.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::loadModule);
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void open() {
        dialogs.openScenario(window()).ifPresent(vm::open);
    }

    private void save() {
        dialogs.saveScenario(window(), vm.file()).ifPresent(vm::save);
    }

    private void saveTest() {
        Path f = vm.file();
        Path suggested =
                Path.of(
                        f == null
                                ? "scenario-test.yaml"
                                : f.getFileName()
                                        .toString()
                                        .replaceFirst("(\\.ya?ml)?$", "-test.yaml"));
        dialogs.saveScenario(window(), f == null ? suggested : f.resolveSibling(suggested))
                .ifPresent(vm::saveAsTest);
    }

    private void loadModule() {
        dialogs.openModule(window())
                .ifPresent(p -> vm.loadModule(p).thenRun(() -> left.getSelectionModel().select(1)));
    }

    public TabPane centerTabs() {
        return center;
    }

    public TabPane leftTabs() {
        return left;
    }

    public TabPane requestTabs() {
        return requestTabs;
    }

    public ToolbarView toolbar() {
        return toolbar;
    }

    /** The columns: chain, the selected request's views, the composers (and a lesson, if open). */
    public SplitPane mainSplit() {
        return main;
    }

    /** The layer over the columns; its first child is {@link #mainSplit()}. */
    public StackPane overlays() {
        return overlays;
    }
}

package io.filterplayground.app.chain;

import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.modules.FilterTemplates;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.workspace.Ui;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;

/**
 * The chain editor: the ordered filters (drag to reorder, or the arrows), a checkbox to enable or
 * disable each, add (a built-in filter, a Lua script or a Wasm module from the library), remove;
 * the access loggers below them; the selected filter's or logger's settings below that. A TCP
 * listener's chain holds Wasm network filters only.
 */
public final class ChainView extends SplitPane {
    static final DataFormat INDEX = new DataFormat("application/x-filter-playground-chain-index");

    private final ChainViewModel vm;
    private final ListView<FilterItem> list = new ListView<>();

    public ChainView(
            ChainViewModel vm,
            Supplier<java.util.List<ModuleEntry>> library,
            Consumer<ModuleEntry> add) {
        this.vm = vm;
        setId("chain-view");
        setOrientation(Orientation.VERTICAL);

        list.setId("chain-list");
        list.setItems(vm.items());
        list.setCellFactory(l -> new FilterCell(vm));
        list.setPlaceholder(
                Ui.label(
                        "No filters. + Add one: a built-in filter, a Lua script or a Wasm module.",
                        "muted",
                        "wrap"));
        Ui.bindSelection(list, vm.selectedProperty());

        MenuButton addMenu = new MenuButton("+ Add");
        addMenu.setMinWidth(MenuButton.USE_PREF_SIZE);
        addMenu.setId("add-filter-button");
        addMenu.getStyleClass().add("small");
        addMenu.setOnShowing(
                e -> {
                    addMenu.getItems().clear();
                    addMenu.getItems().add(heading("Built-in filters (native)"));
                    for (String kind : FilterTemplates.nativeKinds()) {
                        MenuItem item = new MenuItem(kind);
                        item.setId("add-native-" + kind);
                        item.setOnAction(x -> vm.addNative(kind));
                        addMenu.getItems().add(item);
                    }
                    addMenu.getItems().add(new SeparatorMenuItem());
                    addMenu.getItems().add(heading("Lua"));
                    MenuItem lua = new MenuItem("Lua script");
                    lua.setId("add-lua-script");
                    lua.setOnAction(x -> vm.addLua());
                    addMenu.getItems().add(lua);
                    addMenu.getItems().add(new SeparatorMenuItem());
                    addMenu.getItems().add(heading("Wasm modules"));
                    wasmEntries(addMenu, library.get(), "add-", add);
                });
        Button up =
                small(
                        "move-up-button",
                        "↑",
                        "Move the filter earlier in the chain",
                        () -> vm.moveUp(vm.selectedProperty().get()));
        Button down =
                small(
                        "move-down-button",
                        "↓",
                        "Move the filter later in the chain",
                        () -> vm.moveDown(vm.selectedProperty().get()));
        Button remove =
                small(
                        "remove-filter-button",
                        "✕",
                        "Remove the filter from the chain",
                        () -> vm.remove(vm.selectedProperty().get()));
        for (Button b : new Button[] {up, down, remove}) {
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }
        Label order = Ui.label("", "muted");
        order.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.when(vm.networkProperty())
                                .then(
                                        "Network filters: client bytes run top to bottom,"
                                                + " upstream bytes bottom to top.")
                                .otherwise("Requests run top to bottom, responses bottom to top."));
        order.tooltipProperty().set(new javafx.scene.control.Tooltip());
        order.getTooltip().textProperty().bind(order.textProperty());
        Label refused = Ui.message("chain-message", vm.messageProperty(), "error");
        VBox top =
                new VBox(
                        4,
                        Ui.row(4, Ui.title("Chain"), Ui.spacer(), addMenu, up, down, remove),
                        order,
                        refused,
                        Ui.vgrow(list),
                        tcpSection(vm.tcpListener(), library),
                        new AccessLoggersView(vm.loggers(), library));
        Ui.pad(top, 8, 8, 4, 8);
        // The settings scroll when the panel is too short for them (a Lua filter's two editors).
        javafx.scene.control.ScrollPane detail =
                new javafx.scene.control.ScrollPane(
                        new FilterDetailView(vm.editingProperty(), vm.editingNetworkProperty()));
        detail.setFitToWidth(true);
        detail.setFitToHeight(true);
        detail.getStyleClass().add("edge-to-edge");
        detail.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        getItems().addAll(top, detail);
        setDividerPositions(0.49);
    }

    /**
     * The network chain of the TCP listener an http scenario adds (shown only then): Wasm filters
     * for the connections, added from the library, dragged into order and removed.
     */
    private VBox tcpSection(ChainViewModel tcp, Supplier<java.util.List<ModuleEntry>> library) {
        ListView<FilterItem> tcpList =
                section(
                        "tcp-chain-list",
                        tcp.items(),
                        () -> new FilterCell(tcp),
                        "No network filters: + Add a Wasm module.",
                        tcp.selectedProperty());
        tcpList.setPrefHeight(80);
        tcpList.setMinHeight(44);
        MenuButton add = wasmMenu("add-tcp-filter-button", library, "add-tcp-", tcp::add);
        // Reordered by dragging: the panel is too narrow for the arrows beside the title.
        Button remove =
                small(
                        "remove-tcp-filter-button",
                        "✕",
                        "Remove the network filter",
                        () -> tcp.remove(tcp.selectedProperty().get()));
        remove.disableProperty().bind(tcp.selectedProperty().isNull());
        VBox box =
                new VBox(4, Ui.row(4, Ui.title("TCP listener"), Ui.spacer(), add, remove), tcpList);
        box.setId("tcp-listener-section");
        box.visibleProperty().bind(vm.hasTcpListenerProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A section's list of filters or loggers, its selection the view model's. */
    static ListView<FilterItem> section(
            String id,
            javafx.collections.ObservableList<FilterItem> items,
            Supplier<ItemCell> cells,
            String placeholder,
            javafx.beans.property.ObjectProperty<FilterItem> selected) {
        ListView<FilterItem> list = new ListView<>(items);
        list.setId(id);
        list.setCellFactory(l -> cells.get());
        list.setPlaceholder(Ui.label(placeholder, "muted"));
        Ui.bindSelection(list, selected);
        return list;
    }

    /** A "+ Add" menu of the library's Wasm modules, filled as it opens. */
    static MenuButton wasmMenu(
            String id,
            Supplier<java.util.List<ModuleEntry>> library,
            String idPrefix,
            Consumer<ModuleEntry> add) {
        MenuButton menu = new MenuButton("+ Add");
        menu.setId(id);
        menu.getStyleClass().add("small");
        menu.setMinWidth(MenuButton.USE_PREF_SIZE);
        menu.setOnShowing(
                e -> {
                    menu.getItems().clear();
                    wasmEntries(menu, library.get(), idPrefix, add);
                });
        return menu;
    }

    /** The library's Wasm modules as menu items (ids {@code idPrefix + name}), by origin. */
    static void wasmEntries(
            MenuButton menu,
            java.util.List<ModuleEntry> library,
            String idPrefix,
            Consumer<ModuleEntry> add) {
        ModuleEntry.Origin last = null;
        for (ModuleEntry m : library) {
            if (!m.isWasm()) {
                continue; // the library's Lua and built-in entries are listed apart
            }
            if (last != null && m.origin() != last) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            last = m.origin();
            MenuItem item =
                    new MenuItem(
                            m.name()
                                    + (m.origin() == ModuleEntry.Origin.TEST
                                            ? "  (test module)"
                                            : ""));
            item.setId(idPrefix + m.name());
            item.setOnAction(x -> add.accept(m));
            menu.getItems().add(item);
        }
    }

    /** A section title in the add menu. */
    private static MenuItem heading(String text) {
        MenuItem h = new MenuItem(text);
        h.setDisable(true);
        h.getStyleClass().add("menu-heading");
        return h;
    }

    private static Button small(String id, String text, String tip, Runnable r) {
        Button b = Ui.button(id, text, tip, r);
        b.getStyleClass().addAll("small", "flat");
        return b;
    }

    /** A chain entry: enable box, position, name, module, style and badges; draggable. */
    private static final class FilterCell extends ItemCell {
        private final ChainViewModel vm;
        private final Label index = Ui.label("", "chain-index");
        private final Label kind = Ui.label("", "badge", "kind-badge");
        private final Label breakBadge = Ui.label("break", "badge", "break-badge");
        private final Label trapBadge = Ui.label("trap", "badge", "trap-badge");

        FilterCell(ChainViewModel vm) {
            super("enabled-");
            this.vm = vm;
            for (Label l : new Label[] {kind, breakBadge, trapBadge}) {
                l.setMinWidth(Label.USE_PREF_SIZE);
            }
            breakBadge.managedProperty().bind(breakBadge.visibleProperty());
            trapBadge.managedProperty().bind(trapBadge.visibleProperty());
            enabled.getStyleClass().add("chain-enabled");
            setOnDragDetected(
                    e -> {
                        if (getItem() == null) {
                            return;
                        }
                        Dragboard db = startDragAndDrop(TransferMode.MOVE);
                        ClipboardContent c = new ClipboardContent();
                        c.put(INDEX, getIndex());
                        db.setContent(c);
                        e.consume();
                    });
            setOnDragOver(
                    e -> {
                        if (sameChain(e.getGestureSource()) && e.getDragboard().hasContent(INDEX)) {
                            e.acceptTransferModes(TransferMode.MOVE);
                        }
                        e.consume();
                    });
            setOnDragDropped(
                    e -> {
                        Object from = e.getDragboard().getContent(INDEX);
                        boolean ok = false;
                        if (sameChain(e.getGestureSource())
                                && from instanceof Integer i
                                && i >= 0
                                && i < vm.items().size()) {
                            int to = getItem() == null ? vm.items().size() - 1 : getIndex();
                            vm.move(vm.items().get(i), to);
                            ok = true;
                        }
                        e.setDropCompleted(ok);
                        e.consume();
                    });
        }

        /** A filter is dragged within its own chain, not into the other listener's. */
        private boolean sameChain(Object source) {
            return source != this && source instanceof FilterCell f && f.vm == vm;
        }

        @Override
        protected void unbind(FilterItem was) {
            super.unbind(was);
            breakBadge.visibleProperty().unbind();
            trapBadge.visibleProperty().unbind();
        }

        @Override
        protected void bind(FilterItem item) {
            super.bind(item);
            index.setText(Integer.toString(getIndex() + 1));
            kind.setText(
                    switch (item.style()) {
                        case "wasm" -> "Wasm";
                        case "lua" -> "Lua";
                        case "placeholder" -> "not run";
                        default -> "native";
                    });
            Ui.tone(kind, "style-", item.style());
            // A breakpoint or an injected trap shows in the chain, not only in the editor.
            breakBadge.visibleProperty().bind(item.breakAtProperty().isNotEqualTo(BreakAt.NONE));
            trapBadge.visibleProperty().bind(item.faultCallbackProperty().isNotNull());
            pseudoClassStateChanged(
                    javafx.css.PseudoClass.getPseudoClass("disabled-filter"),
                    !item.enabledProperty().get());
        }

        @Override
        protected javafx.scene.Node layout(VBox text) {
            return Ui.row(
                    4, enabled, index, Ui.hgrow(text), failedBadge, breakBadge, trapBadge, kind);
        }
    }
}

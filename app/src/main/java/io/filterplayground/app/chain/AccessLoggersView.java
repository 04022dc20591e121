package io.filterplayground.app.chain;

import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.workspace.Ui;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.VBox;

/**
 * The access loggers, below the chain: each a Wasm plugin that logs every finished request or
 * connection. Add one from the library's Wasm modules, switch it on or off, remove it; its settings
 * show in the chain's settings panel.
 */
final class AccessLoggersView extends VBox {
    AccessLoggersView(AccessLoggersViewModel vm, Supplier<List<ModuleEntry>> library) {
        setId("access-loggers");
        setSpacing(4);

        ListView<FilterItem> list =
                ChainView.section(
                        "logger-list",
                        vm.items(),
                        () -> new ItemCell("logger-enabled-"),
                        "None: + Add a Wasm module that exports proxy_on_log.",
                        vm.selectedProperty());
        list.setPrefHeight(48);
        list.setMinHeight(48);
        MenuButton add = ChainView.wasmMenu("add-logger-button", library, "add-logger-", vm::add);
        Button remove =
                Ui.button(
                        "remove-logger-button",
                        "✕",
                        "Remove the access logger",
                        () -> vm.remove(vm.selectedProperty().get()));
        remove.getStyleClass().addAll("small", "flat");
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        getChildren().addAll(Ui.row(4, Ui.title("Access loggers"), Ui.spacer(), add, remove), list);
    }
}

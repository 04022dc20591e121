package io.filterplayground.app.modules;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.wasm.ModuleInfo;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The module library: Envoy's three styles side by side. Built-in filters and a Lua script (with
 * what they do and how they are configured), then Wasm samples, test modules and loaded files, each
 * with its inspect facts (ABI version, size, imports with support status, exports) and warnings for
 * hostcalls the host cannot honour.
 */
public final class ModuleLibraryView extends SplitPane {
    private final TableView<ModuleInfo.Import> imports = new TableView<>();
    private final ListView<String> exports = new ListView<>();
    private final VBox warnings = new VBox(2);
    private final Label heading = Ui.label("", "detail-heading");
    private final Label facts = Ui.label("", "muted", "wrap");
    private final Label description = Ui.label("", "wrap");

    public ModuleLibraryView(
            ModuleLibraryViewModel vm, Consumer<ModuleEntry> addToChain, Runnable loadFile) {
        setId("module-library");
        setOrientation(Orientation.VERTICAL);

        ListView<ModuleEntry> list = new ListView<>(vm.entries());
        list.setId("module-list");
        list.setCellFactory(
                l ->
                        new ListCell<>() {
                            {
                                setPrefWidth(0); // fit the list's width, no sideways scrolling
                            }

                            @Override
                            protected void updateItem(ModuleEntry m, boolean empty) {
                                super.updateItem(m, empty);
                                setText(null);
                                if (empty || m == null) {
                                    setGraphic(null);
                                    return;
                                }
                                Label name = Ui.label(m.name(), "module-name");
                                Label origin =
                                        Ui.label(
                                                switch (m.origin()) {
                                                    case BUILTIN -> "native";
                                                    case LUA -> "Lua";
                                                    case SAMPLE -> "Wasm sample";
                                                    case TEST -> "Wasm test";
                                                    case FILE -> "Wasm file";
                                                },
                                                "badge",
                                                switch (m.origin()) {
                                                    case BUILTIN -> "style-native";
                                                    case LUA -> "style-lua";
                                                    default ->
                                                            "origin-"
                                                                    + m.origin()
                                                                            .name()
                                                                            .toLowerCase(
                                                                                    java.util.Locale
                                                                                            .ROOT);
                                                });
                                origin.setMinWidth(Label.USE_PREF_SIZE);
                                name.setMinWidth(0);
                                Label summary = Ui.label(m.summary(), "muted", "module-summary");
                                ModuleInfo i = m.infoProperty().get();
                                Label warn =
                                        Ui.label(
                                                i == null || i.warnings().isEmpty()
                                                        ? ""
                                                        : "⚠ " + i.warnings().size(),
                                                "warning-count");
                                warn.setManaged(!warn.getText().isEmpty());
                                setGraphic(
                                        new VBox(
                                                1,
                                                Ui.row(6, name, origin, Ui.spacer(), warn),
                                                summary));
                            }
                        });
        Consumer<ModuleEntry> watch =
                e ->
                        e.infoProperty()
                                .addListener(
                                        (o, a, b) -> {
                                            list.refresh();
                                            if (e == vm.selectedProperty().get()) {
                                                show(e);
                                            }
                                        });
        vm.entries().forEach(watch);
        vm.entries()
                .addListener(
                        (javafx.collections.ListChangeListener<ModuleEntry>)
                                c -> {
                                    while (c.next()) {
                                        c.getAddedSubList().forEach(watch);
                                    }
                                });
        list.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty()
                .addListener(
                        (o, a, b) -> {
                            list.getSelectionModel().select(b);
                            show(b);
                        });

        Button add =
                Ui.button(
                        "add-to-chain-button",
                        "Add to chain",
                        "Add this module to the chain as a new filter",
                        () -> addToChain.accept(vm.selectedProperty().get()));
        add.getStyleClass().addAll("small", "accent");
        add.disableProperty().bind(vm.selectedProperty().isNull());
        Button load =
                Ui.button(
                        "library-load-button",
                        "Load .wasm…",
                        "Load a module file into the library",
                        loadFile);
        load.getStyleClass().add("small");
        TextField url = new TextField();
        url.setId("module-url");
        url.setPromptText("https://…/filter.wasm or oci://registry/repo:tag");
        Button fetch =
                Ui.button(
                        "module-fetch-button",
                        "Fetch",
                        "Fetch a module from a URL (pinned to its sha256) or an OCI image",
                        () -> vm.loadRemote(url.getText()).thenRun(url::clear));
        fetch.getStyleClass().add("small");
        fetch.disableProperty().bind(url.textProperty().isEmpty());
        url.setOnAction(e -> fetch.fire());
        Label message = Ui.label("", "inline-message", "error");
        message.setId("module-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        VBox top =
                new VBox(
                        4,
                        // The panel is narrow: the title, then the actions, so none is cut short.
                        Ui.title("Module library"),
                        Ui.row(6, add, load),
                        Ui.row(6, Ui.hgrow(url), fetch),
                        message,
                        Ui.vgrow(list));
        Ui.pad(top, 8, 8, 4, 8);

        imports.setId("import-table");
        imports.getStyleClass().add("dense");
        imports.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ModuleInfo.Import, String> iname = new TableColumn<>("Import");
        iname.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().module() + "." + c.getValue().name()));
        iname.setPrefWidth(180);
        TableColumn<ModuleInfo.Import, String> support = new TableColumn<>("Host support");
        support.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().support()));
        imports.getColumns().add(iname);
        imports.getColumns().add(support);
        imports.setRowFactory(
                t ->
                        new TableRow<>() {
                            @Override
                            protected void updateItem(ModuleInfo.Import i, boolean empty) {
                                super.updateItem(i, empty);
                                getStyleClass().remove("unsupported");
                                if (!empty && i != null && !i.support().startsWith("provided")) {
                                    getStyleClass().add("unsupported");
                                }
                            }
                        });
        exports.setId("export-list");
        exports.setPrefHeight(90);
        warnings.setId("module-warnings");
        heading.setWrapText(true);
        facts.setWrapText(true);
        description.setWrapText(true);
        // Wrapped text keeps its lines when the import table competes for the height.
        for (Label l : new Label[] {heading, facts, description}) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.setMinWidth(0);
        }
        VBox detail =
                new VBox(
                        4,
                        heading,
                        description,
                        facts,
                        warnings,
                        Ui.title("Imports"),
                        Ui.vgrow(imports),
                        Ui.title("Exports"),
                        exports);
        detail.setId("module-detail");
        Ui.pad(detail, 4, 8, 8, 8);
        getItems().addAll(top, detail);
        setDividerPositions(0.42);
        show(null);
    }

    private void show(ModuleEntry m) {
        warnings.getChildren().clear();
        if (m == null) {
            heading.setText("Select a module to see what it imports and exports.");
            description.setText("");
            facts.setText("");
            imports.getItems().clear();
            exports.getItems().clear();
            return;
        }
        heading.setText(m.name() + " · " + m.language());
        description.setText(m.description());
        if (!m.isWasm()) {
            facts.setText(
                    m.origin() == ModuleEntry.Origin.BUILTIN
                            ? "Config fields: "
                                    + FilterTemplates.fields(m.nativeKind())
                                    + "\nRuns inside the proxy: no VM, no hostcalls; its callbacks"
                                    + " are Envoy's decodeHeaders / encodeHeaders."
                            : "handle:headers(), body(), respond(), httpCall(), streamInfo(),"
                                    + " metadata(), logInfo()… (README, Lua filters)\nEach"
                                    + " worker has its own Lua state; a runtime error is logged"
                                    + " and the script steps aside.");
            imports.setPlaceholder(
                    Ui.label("Not a Wasm module: nothing to import or export.", "muted"));
            imports.getItems().clear();
            exports.getItems().clear();
            return;
        }
        imports.setPlaceholder(Ui.label("No imports.", "muted"));
        ModuleInfo i = m.infoProperty().get();
        if (i == null) {
            facts.setText(m.summary());
            imports.getItems().clear();
            exports.getItems().clear();
            return;
        }
        facts.setText(
                "ABI "
                        + i.abiVersion()
                        + " · "
                        + ModuleEntry.size(i.sizeBytes())
                        + " · sha256 "
                        + i.sha256().substring(0, 12)
                        + "…\nallocator "
                        + (i.allocator() == null ? "none" : i.allocator())
                        + " · start "
                        + i.startFunction()
                        + " · memory "
                        + i.initialMemoryPages()
                        + " page(s)"
                        + (i.maximumMemoryPages() == null
                                ? ""
                                : ", max " + i.maximumMemoryPages()));
        for (String w : i.warnings()) {
            Label l = Ui.label("⚠ " + w, "module-warning");
            l.setWrapText(true);
            warnings.getChildren().add(l);
        }
        imports.getItems().setAll(i.imports());
        exports.getItems()
                .setAll(i.exports().stream().map(e -> e.name() + "  (" + e.kind() + ")").toList());
    }
}

package io.filterplayground.app.chain;

import io.filterplayground.app.editor.CodeEditor;
import io.filterplayground.app.editor.ConfigCheck;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.wasm.FailurePolicy;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The selected filter's settings: name, root_id, vm_id, failure policy, and the plugin and vm
 * configuration in code editors with JSON / YAML colouring and validation messages.
 */
public final class FilterDetailView extends VBox {
    private final TextField name = new TextField();
    private final TextField rootId = new TextField();
    private final TextField vmId = new TextField();
    private final ChoiceBox<FailurePolicy> policy = new ChoiceBox<>();
    private final ConfigEditor config = new ConfigEditor("config", "Configuration");
    private final ConfigEditor vmConfig = new ConfigEditor("vm-config", "VM configuration");
    private final Label kind = Ui.label("", "muted");
    private final TitledPane vmPane = new TitledPane();
    private FilterItem bound;

    public FilterDetailView(ObjectProperty<FilterItem> selected) {
        setId("filter-detail");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        name.setId("filter-name");
        rootId.setId("root-id-field");
        rootId.setPromptText("\"\" (empty)");
        vmId.setId("vm-id-field");
        vmId.setPromptText("\"\" (empty)");
        policy.setId("failure-policy");
        policy.getItems().addAll(FailurePolicy.values());
        policy.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(FailurePolicy p) {
                        return p == null ? "" : p.displayName();
                    }

                    @Override
                    public FailurePolicy fromString(String s) {
                        return FailurePolicy.parse(s);
                    }
                });

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(5);
        grid.addRow(0, Ui.label("Name", "muted"), name);
        grid.addRow(1, Ui.label("root_id", "muted"), rootId);
        grid.addRow(2, Ui.label("vm_id", "muted"), vmId);
        grid.addRow(3, Ui.label("On trap", "muted"), policy);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(rootId, Priority.ALWAYS);
        GridPane.setHgrow(vmId, Priority.ALWAYS);

        vmPane.setText("VM configuration");
        vmPane.setContent(vmConfig);
        vmPane.setExpanded(false);
        vmPane.setAnimated(false);
        vmPane.setId("vm-config-pane");

        getChildren().addAll(kind, grid, Ui.vgrow(config), vmPane);
        selected.addListener((o, a, b) -> bind(b));
        bind(selected.get());
    }

    private void bind(FilterItem item) {
        if (bound != null) {
            name.textProperty().unbindBidirectional(bound.nameProperty());
            rootId.textProperty().unbindBidirectional(bound.rootIdProperty());
            vmId.textProperty().unbindBidirectional(bound.vmIdProperty());
            policy.valueProperty().unbindBidirectional(bound.failurePolicyProperty());
        }
        bound = item;
        setDisable(item == null);
        if (item == null) {
            kind.setText("Select a filter of the chain to edit it.");
            config.bind(null, null, null);
            vmConfig.bind(null, null, null);
            return;
        }
        name.textProperty().bindBidirectional(item.nameProperty());
        rootId.textProperty().bindBidirectional(item.rootIdProperty());
        vmId.textProperty().bindBidirectional(item.vmIdProperty());
        policy.valueProperty().bindBidirectional(item.failurePolicyProperty());
        boolean wasm = item.isWasm();
        rootId.setDisable(!wasm);
        vmId.setDisable(!wasm);
        policy.setDisable(!wasm);
        vmPane.setVisible(wasm);
        vmPane.setManaged(wasm);
        kind.setText(
                switch (item.kind()) {
                    case WASM -> "Wasm filter · " + item.moduleLabel();
                    case LUA -> "Lua filter · the script below";
                    case NATIVE ->
                            "Built-in filter · " + item.moduleLabel() + " · its config below";
                });
        config.title.setText(
                switch (item.kind()) {
                    case WASM -> "Configuration";
                    case LUA -> "Lua script";
                    case NATIVE -> "Config (JSON)";
                });
        config.bind(item.configSyntaxProperty(), item.configTextProperty(), item.configCheck());
        vmConfig.bind(
                item.vmConfigSyntaxProperty(), item.vmConfigTextProperty(), item.vmConfigCheck());
    }

    /** A configuration editor: syntax choice, format button, code area, validation message. */
    private static final class ConfigEditor extends VBox {
        final Label title;
        private final CodeEditor editor = new CodeEditor();
        private final ChoiceBox<ConfigSyntax> syntax = new ChoiceBox<>();
        private final Label message = Ui.label("", "inline-message");
        private StringProperty text;
        private ObjectProperty<ConfigSyntax> syntaxProp;
        private ObservableValue<ConfigCheck.Result> check;
        private final ChangeListener<ConfigCheck.Result> onCheck = (o, a, b) -> show(b);
        private final ChangeListener<String> onText = (o, a, b) -> editor.setText(b);

        ConfigEditor(String id, String heading) {
            setId(id + "-box");
            setSpacing(4);
            title = Ui.title(heading);
            editor.setId(id + "-editor");
            editor.setPrefHeight(120);
            editor.setMinHeight(70);
            syntax.setId(id + "-syntax");
            syntax.setPrefWidth(74);
            syntax.getItems().addAll(ConfigSyntax.values());
            message.setId(id + "-message");
            message.setWrapText(true);
            Button format =
                    Ui.button(
                            id + "-format",
                            "Format",
                            "Re-indent the JSON",
                            () -> {
                                if (text != null && syntaxProp.get() == ConfigSyntax.JSON) {
                                    text.set(ConfigCheck.prettyJson(text.get()));
                                }
                            });
            format.getStyleClass().addAll("small", "flat");
            editor.area()
                    .textProperty()
                    .addListener(
                            (o, a, b) -> {
                                if (text != null && !b.equals(text.get())) {
                                    text.set(b);
                                }
                            });
            syntax.valueProperty()
                    .addListener(
                            (o, a, b) -> {
                                if (syntaxProp == null || b == null || b == syntaxProp.get()) {
                                    return;
                                }
                                // Switching JSON -> YAML shows the same value as YAML; the filter
                                // still gets JSON.
                                if (a == ConfigSyntax.JSON
                                        && b == ConfigSyntax.YAML
                                        && text != null) {
                                    text.set(ConfigCheck.jsonToYaml(text.get()));
                                }
                                syntaxProp.set(b);
                                editor.syntaxProperty().set(b);
                            });
            getChildren()
                    .addAll(
                            Ui.row(6, title, Ui.spacer(), syntax, format),
                            Ui.vgrow(editor),
                            message);
        }

        void bind(
                ObjectProperty<ConfigSyntax> s,
                StringProperty t,
                ObservableValue<ConfigCheck.Result> c) {
            if (text != null) {
                text.removeListener(onText);
                check.removeListener(onCheck);
            }
            syntaxProp = null;
            text = null;
            check = null;
            if (t == null) {
                editor.setText("");
                show(new ConfigCheck.Result("", "", false));
                return;
            }
            syntax.setValue(s.get());
            editor.syntaxProperty().set(s.get());
            editor.setText(t.get());
            syntaxProp = s;
            text = t;
            check = c;
            t.addListener(onText);
            c.addListener(onCheck);
            show(c.getValue());
        }

        private void show(ConfigCheck.Result r) {
            message.getStyleClass().removeAll("error", "warning", "ok");
            if (r == null || r.ok()) {
                boolean yaml = syntaxProp != null && syntaxProp.get() == ConfigSyntax.YAML;
                message.setText(
                        yaml && r != null && !r.payload().isEmpty()
                                ? "Sent to the filter as JSON: " + r.payload()
                                : "");
                message.getStyleClass().add("ok");
            } else {
                message.setText(
                        r.message()
                                + (r.error()
                                        ? " — not applied."
                                        : " — sent as written; the filter decides."));
                message.getStyleClass().add(r.error() ? "error" : "warning");
            }
            message.setManaged(!message.getText().isEmpty());
            message.setVisible(!message.getText().isEmpty());
        }
    }
}

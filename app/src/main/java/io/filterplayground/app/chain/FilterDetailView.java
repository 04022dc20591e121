package io.filterplayground.app.chain;

import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.modules.FilterTemplates;
import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The selected filter's settings, by style. Wasm: name, root_id, vm_id, failure policy, an injected
 * trap, plugin and vm configuration (an access logger: the same without trap and break; a network
 * filter's trap and break choices are its connection callbacks and stages). Lua: name, the script
 * (Lua colouring) and the metadata map. Native: name, the kind (read-only) and its config map.
 * Editors validate as you type; the engine's start failure about this filter shows under them (a
 * Lua syntax error marks its line).
 */
public final class FilterDetailView extends VBox {
    private static final Pattern LINE = Pattern.compile("at line (\\d+)");

    private final TextField name = new TextField();
    private final TextField rootId = new TextField();
    private final TextField vmId = new TextField();
    private final TextField nativeKind = new TextField();
    private final ChoiceBox<FailurePolicy> policy = new ChoiceBox<>();
    private final ChoiceBox<Callback> faultCallback = new ChoiceBox<>();
    private final Spinner<Integer> faultCall = new Spinner<>(1, 1_000_000, 1);
    private final HBox fault = new HBox(6);
    private final ChoiceBox<BreakAt> breakAt = new ChoiceBox<>();
    private final GridPane grid = new GridPane();
    private final ConfigEditor config =
            new ConfigEditor("config", "Configuration", ConfigSyntax.CONFIG, false);
    private final ConfigEditor script =
            new ConfigEditor("script", "Lua script", List.of(ConfigSyntax.LUA), false);
    private final ConfigEditor vmConfig =
            new ConfigEditor("vm-config", "VM configuration", ConfigSyntax.CONFIG, false);
    private final ConfigEditor metadata = new ConfigEditor("metadata", "", ConfigSyntax.MAP, true);
    private final Label kind = Ui.label("", "muted");
    private final Label about = Ui.label("", "muted", "wrap");
    private final Label engineMessage = Ui.label("", "inline-message", "error");
    private final TitledPane vmPane = new TitledPane();
    private final TitledPane metadataPane = new TitledPane();
    private final ChangeListener<String> onEngineProblem = (o, a, b) -> showEngineProblem(b);
    private final ObservableBooleanValue network;
    private FilterItem bound;

    /** {@code network}: the chain is a TCP listener's (network filters). */
    public FilterDetailView(ObjectProperty<FilterItem> selected, ObservableBooleanValue network) {
        this.network = network;
        setId("filter-detail");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        name.setId("filter-name");
        rootId.setId("root-id-field");
        rootId.setPromptText("\"\" (empty)");
        vmId.setId("vm-id-field");
        vmId.setPromptText("\"\" (empty)");
        nativeKind.setId("native-kind-field");
        nativeKind.setEditable(false);
        nativeKind.setFocusTraversable(false);
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
        faultCallback.setId("fault-callback");
        faultCallback.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(Callback c) {
                        return c == null ? "none" : FaultSpec.shortName(c);
                    }

                    @Override
                    public Callback fromString(String s) {
                        return s == null || s.equals("none") ? null : FaultSpec.callbackNamed(s);
                    }
                });
        faultCallback.setTooltip(
                new Tooltip(
                        "Make a call of this callback trap, to see what the failure policy does"));
        breakAt.setId("break-at");
        breakAt.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(BreakAt b) {
                        return b == null ? "" : b.label();
                    }

                    @Override
                    public BreakAt fromString(String s) {
                        return BreakAt.NONE;
                    }
                });
        breakAt.setTooltip(
                new Tooltip(
                        "Stop each stream before this filter (the debugger): look at and edit what"
                                + " it is about to see, then continue"));
        faultCall.setId("fault-call");
        faultCall.setEditable(true);
        faultCall.setPrefWidth(72);
        faultCall.setMinWidth(72);
        faultCall.setTooltip(new Tooltip("Which call traps on each VM (1: the first)"));
        faultCall.disableProperty().bind(faultCallback.valueProperty().isNull());
        faultCallback.setMaxWidth(Double.MAX_VALUE);
        faultCallback.setMinWidth(0);
        HBox.setHgrow(faultCallback, Priority.ALWAYS);
        fault.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        fault.setMinWidth(0);
        fault.getChildren().addAll(faultCallback, Ui.label("#", "muted"), faultCall);
        // The labels keep their width; the fields take what is left.
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(0);
        grid.getColumnConstraints().setAll(labels, fields);
        grid.setHgap(8);
        grid.setVgap(5);
        for (TextField f : new TextField[] {name, rootId, vmId, nativeKind}) {
            GridPane.setHgrow(f, Priority.ALWAYS);
        }
        about.setWrapText(true);
        about.setId("filter-about");
        engineMessage.setId("filter-engine-message");
        engineMessage.setWrapText(true);
        // Wrapped lines keep their height when the editors compete for space.
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        engineMessage.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        vmPane.setText("VM configuration");
        vmPane.setContent(vmConfig);
        vmPane.setExpanded(false);
        vmPane.setAnimated(false);
        vmPane.setId("vm-config-pane");
        metadataPane.setText("Metadata · handle:metadata()");
        metadataPane.setContent(metadata);
        metadataPane.setExpanded(true);
        metadataPane.setAnimated(false);
        metadataPane.setId("metadata-pane");
        // Long lines and titles must not widen the panel: everything here shrinks to its width.
        for (javafx.scene.layout.Region r :
                new javafx.scene.layout.Region[] {
                    this,
                    grid,
                    config,
                    script,
                    vmConfig,
                    metadata,
                    vmPane,
                    metadataPane,
                    kind,
                    about,
                    engineMessage
                }) {
            r.setMinWidth(0);
        }
        script.editor.setPrefHeight(200);
        script.editor.setMinHeight(100);
        metadata.editor.setPrefHeight(60);
        metadata.editor.setMinHeight(44);

        breakAt.setMaxWidth(Double.MAX_VALUE);
        choicesFor(network.get());
        selected.addListener((o, a, b) -> bind(b));
        network.addListener((o, a, b) -> bind(bound));
        bind(selected.get());
    }

    /** Trap and break choices for the chain's kind: its streams' callbacks and stages. */
    private void choicesFor(boolean tcp) {
        Listener kind = tcp ? Listener.TCP : Listener.HTTP;
        List<Callback> traps = new ArrayList<>();
        traps.add(null);
        for (Callback c : FaultSpec.TARGETS) {
            if (FaultSpec.listenerOf(c) == null || FaultSpec.listenerOf(c) == kind) {
                traps.add(c);
            }
        }
        // Replaced only when the kind changed: a choice box keeps its width for the same items.
        if (!faultCallback.getItems().equals(traps)) {
            faultCallback.getItems().setAll(traps);
        }
        List<BreakAt> stages = BreakAt.choices(tcp);
        if (!breakAt.getItems().equals(stages)) {
            breakAt.getItems().setAll(stages);
        }
    }

    private void bind(FilterItem item) {
        if (bound != null) {
            name.textProperty().unbindBidirectional(bound.nameProperty());
            rootId.textProperty().unbindBidirectional(bound.rootIdProperty());
            vmId.textProperty().unbindBidirectional(bound.vmIdProperty());
            policy.valueProperty().unbindBidirectional(bound.failurePolicyProperty());
            breakAt.valueProperty().unbindBidirectional(bound.breakAtProperty());
            faultCallback.valueProperty().unbindBidirectional(bound.faultCallbackProperty());
            faultCall
                    .getValueFactory()
                    .valueProperty()
                    .unbindBidirectional(bound.faultCallProperty());
            bound.engineProblemProperty().removeListener(onEngineProblem);
        }
        bound = item;
        setDisable(item == null);
        for (ConfigEditor e : new ConfigEditor[] {config, script, vmConfig, metadata}) {
            e.bind(null, null, null);
        }
        grid.getChildren().clear();
        grid.addRow(0, Ui.label("Name", "muted"), name);
        if (item == null) {
            kind.setText("Select a filter of the chain to edit it.");
            getChildren().setAll(kind, grid);
            return;
        }
        choicesFor(network.get());
        name.textProperty().bindBidirectional(item.nameProperty());
        item.engineProblemProperty().addListener(onEngineProblem);
        breakAt.valueProperty().bindBidirectional(item.breakAtProperty());
        if (item.isLogger()) {
            bindLogger(item);
            return;
        }
        switch (item.style()) {
            case "wasm" -> {
                bindPlugin(item);
                faultCallback.valueProperty().bindBidirectional(item.faultCallbackProperty());
                faultCall
                        .getValueFactory()
                        .valueProperty()
                        .bindBidirectional(item.faultCallProperty());
                grid.addRow(4, Ui.label("Trap at", "muted"), fault);
                grid.addRow(5, Ui.label("Break", "muted"), breakAt);
                kind.setText(
                        (network.get() ? "Wasm network filter · " : "Wasm filter · ")
                                + item.moduleLabel());
                show(kind, grid, engineMessage, Ui.vgrow(config), vmPane);
            }
            case "lua" -> {
                kind.setText(
                        "Lua filter · "
                                + (item.luaFile() == null
                                        ? "inline script"
                                        : "script from " + item.luaFile()));
                about.setText(
                        "One Lua state per worker."
                                + (item.luaFile() == null
                                        ? ""
                                        : " Once edited, the script is saved inline in the"
                                                + " scenario (the file is left as it is)."));
                grid.addRow(1, Ui.label("Break", "muted"), breakAt);
                script.bind(
                        item.configSyntaxProperty(), item.configTextProperty(), item.configCheck());
                metadata.bind(
                        item.vmConfigSyntaxProperty(),
                        item.vmConfigTextProperty(),
                        item.vmConfigCheck());
                show(kind, about, grid, engineMessage, Ui.vgrow(script), metadataPane);
            }
            case "placeholder" -> {
                // An imported Envoy filter the playground cannot run: kept for export.
                grid.addRow(
                        1, Ui.label("Type", "muted"), Ui.label(item.placeholderType(), "muted"));
                kind.setText("Envoy filter, not run here · " + item.moduleLabel());
                about.setText(
                        item.placeholderReason()
                                + ". The playground skips it; export writes it back with this"
                                + " configuration.");
                config.setSyntaxChoices(ConfigSyntax.MAP, true);
                config.bind(
                        item.configSyntaxProperty(), item.configTextProperty(), item.configCheck());
                config.title.setText("Envoy configuration");
                config.hint.setText("");
                show(kind, about, grid, Ui.vgrow(config));
            }
            default -> {
                nativeKind.setText(item.nativeKind());
                grid.addRow(1, Ui.label("Kind", "muted"), nativeKind);
                grid.addRow(2, Ui.label("Break", "muted"), breakAt);
                kind.setText("Built-in filter · native " + item.nativeKind());
                about.setText(FilterTemplates.describe(item.nativeKind()));
                config.setSyntaxChoices(ConfigSyntax.MAP, true);
                config.bind(
                        item.configSyntaxProperty(), item.configTextProperty(), item.configCheck());
                config.title.setText("Config");
                config.hint.setText("Fields: " + FilterTemplates.fields(item.nativeKind()));
                show(kind, about, grid, engineMessage, Ui.vgrow(config));
            }
        }
        showEngineProblem(item.engineProblemProperty().get());
    }

    /** An access logger: its plugin's settings, without a trap or a breakpoint. */
    private void bindLogger(FilterItem item) {
        bindPlugin(item);
        kind.setText("Access logger · " + item.moduleLabel());
        about.setText(
                "Its root context gets proxy_on_log for every finished request or connection,"
                        + " after the filters' own on_log (Envoy's envoy.access_loggers.wasm).");
        show(kind, about, grid, engineMessage, Ui.vgrow(config), vmPane);
        showEngineProblem(item.engineProblemProperty().get());
    }

    /** root_id, vm_id, failure policy and the two configurations of a Wasm plugin. */
    private void bindPlugin(FilterItem item) {
        rootId.textProperty().bindBidirectional(item.rootIdProperty());
        vmId.textProperty().bindBidirectional(item.vmIdProperty());
        policy.valueProperty().bindBidirectional(item.failurePolicyProperty());
        grid.addRow(1, Ui.label("root_id", "muted"), rootId);
        grid.addRow(2, Ui.label("vm_id", "muted"), vmId);
        grid.addRow(3, Ui.label("On trap", "muted"), policy);
        config.setSyntaxChoices(ConfigSyntax.CONFIG, false);
        config.bind(item.configSyntaxProperty(), item.configTextProperty(), item.configCheck());
        vmConfig.bind(
                item.vmConfigSyntaxProperty(), item.vmConfigTextProperty(), item.vmConfigCheck());
        config.title.setText("Configuration");
        config.hint.setText("");
    }

    private void show(Node... nodes) {
        getChildren().setAll(nodes);
    }

    /** The engine's one-line start failure for this filter; a Lua syntax error marks its line. */
    private void showEngineProblem(String text) {
        String t = text == null ? "" : text;
        engineMessage.setText(t.isEmpty() ? "" : "The engine refused it: " + t);
        engineMessage.setVisible(!t.isEmpty());
        engineMessage.setManaged(!t.isEmpty());
        Matcher m = LINE.matcher(t);
        script.editor.markLine(
                bound != null && !bound.isWasm() && m.find() ? Integer.parseInt(m.group(1)) : -1);
    }
}

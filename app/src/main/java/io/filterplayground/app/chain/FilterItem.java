package io.filterplayground.app.chain;

import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.editor.ConfigCheck;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * One filter of the chain as the editor sees it: the scenario's {@link FilterSpec} plus editable
 * fields. The main editor ({@link #configTextProperty()}) holds what defines the filter: a Wasm
 * filter's plugin configuration, a Lua filter's script, a native filter's config map (YAML or
 * JSON). The second editor holds a Wasm filter's vm configuration or a Lua filter's metadata map.
 * {@link #toSpec()} builds the spec the engine runs.
 */
public final class FilterItem {
    private final FilterSpec base;
    private final StringProperty name = new SimpleStringProperty();
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final StringProperty rootId = new SimpleStringProperty();
    private final StringProperty vmId = new SimpleStringProperty();
    private final ObjectProperty<FailurePolicy> failurePolicy = new SimpleObjectProperty<>();

    /** The callback a fault is injected into (null: none), and which of its calls traps. */
    private final ObjectProperty<Callback> faultCallback = new SimpleObjectProperty<>();

    private final ObjectProperty<Integer> faultCall = new SimpleObjectProperty<>(1);

    /** Where the debugger stops before this filter: session state, not part of the scenario. */
    private final ObjectProperty<BreakAt> breakAt = new SimpleObjectProperty<>(BreakAt.NONE);

    private final ObjectProperty<ConfigSyntax> configSyntax = new SimpleObjectProperty<>();
    private final StringProperty configText = new SimpleStringProperty();
    private final ObjectProperty<ConfigSyntax> vmConfigSyntax = new SimpleObjectProperty<>();
    private final StringProperty vmConfigText = new SimpleStringProperty();
    private final ObservableValue<ConfigCheck.Result> configCheck;
    private final ObservableValue<ConfigCheck.Result> vmConfigCheck;

    /** The engine's last start failure about this filter (one line), or "". */
    private final StringProperty engineProblem = new SimpleStringProperty("");

    public FilterItem(FilterSpec spec) {
        this.base = spec;
        name.set(spec.name());
        enabled.set(spec.enabled());
        rootId.set(spec.rootId() == null ? "" : spec.rootId());
        vmId.set(spec.vmId() == null ? "" : spec.vmId());
        failurePolicy.set(spec.failurePolicy());
        if (spec.inject() != null) {
            faultCallback.set(spec.inject().callback());
            faultCall.set(spec.inject().call());
        }
        switch (spec.kind()) {
            case LUA -> {
                configSyntax.set(ConfigSyntax.LUA);
                configText.set(spec.lua() == null ? "" : spec.lua());
                vmConfigSyntax.set(ConfigSyntax.YAML);
                vmConfigText.set(ConfigCheck.mapToYaml(metadataOf(spec)));
            }
            case NATIVE -> {
                configSyntax.set(ConfigSyntax.YAML);
                configText.set(ConfigCheck.mapToYaml(spec.nativeConfig()));
                vmConfigSyntax.set(ConfigSyntax.YAML);
                vmConfigText.set("");
            }
            default -> {
                configSyntax.set(ConfigSyntax.guess(spec.configuration()));
                configText.set(spec.configuration());
                vmConfigSyntax.set(ConfigSyntax.guess(spec.vmConfiguration()));
                vmConfigText.set(spec.vmConfiguration() == null ? "" : spec.vmConfiguration());
            }
        }
        boolean wasm = spec.kind() == FilterSpec.Kind.WASM;
        boolean nativeKind = spec.kind() == FilterSpec.Kind.NATIVE;
        configCheck =
                Bindings.createObjectBinding(
                        () ->
                                nativeKind
                                        ? ConfigCheck.checkMap(configSyntax.get(), configText.get())
                                        : ConfigCheck.check(configSyntax.get(), configText.get()),
                        configSyntax,
                        configText);
        vmConfigCheck =
                Bindings.createObjectBinding(
                        () ->
                                wasm
                                        ? ConfigCheck.check(
                                                vmConfigSyntax.get(), vmConfigText.get())
                                        : ConfigCheck.checkMap(
                                                vmConfigSyntax.get(), vmConfigText.get()),
                        vmConfigSyntax,
                        vmConfigText);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataOf(FilterSpec spec) {
        Object m = spec.nativeConfig() == null ? null : spec.nativeConfig().get("metadata");
        return m instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Every editable field, for listeners that react to any edit. */
    Observable[] observables() {
        return new Observable[] {
            name,
            enabled,
            rootId,
            vmId,
            failurePolicy,
            faultCallback,
            faultCall,
            configSyntax,
            configText,
            vmConfigSyntax,
            vmConfigText
        };
    }

    public FilterSpec.Kind kind() {
        return base.kind();
    }

    public boolean isWasm() {
        return base.kind() == FilterSpec.Kind.WASM;
    }

    /** {@code wasm}, {@code lua} or {@code native}: the style, as the views label it. */
    public String style() {
        return base.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * {@code sample:add-header}, {@code Lua script}, {@code add_header.lua} or {@code native cors}.
     */
    public String moduleLabel() {
        return switch (base.kind()) {
            case WASM -> base.wasm().ref();
            case LUA -> base.luaFile() != null ? base.luaFile() : "Lua script";
            case NATIVE -> "native " + base.nativeKind();
        };
    }

    public String moduleRef() {
        return base.kind() == FilterSpec.Kind.WASM ? base.wasm().ref() : null;
    }

    /** A built-in filter's kind ({@code local-rate-limit}...), else null. */
    public String nativeKind() {
        return base.nativeKind();
    }

    /** The Lua file the script came from, or null for an inline script (or another style). */
    public String luaFile() {
        return base.luaFile();
    }

    /** True when a script read from a file was edited: it is then saved inline in the scenario. */
    public boolean scriptEdited() {
        return base.kind() == FilterSpec.Kind.LUA && !Objects.equals(base.lua(), configText.get());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty rootIdProperty() {
        return rootId;
    }

    public StringProperty vmIdProperty() {
        return vmId;
    }

    public ObjectProperty<FailurePolicy> failurePolicyProperty() {
        return failurePolicy;
    }

    public ObjectProperty<Callback> faultCallbackProperty() {
        return faultCallback;
    }

    public ObjectProperty<Integer> faultCallProperty() {
        return faultCall;
    }

    public ObjectProperty<BreakAt> breakAtProperty() {
        return breakAt;
    }

    public ObjectProperty<ConfigSyntax> configSyntaxProperty() {
        return configSyntax;
    }

    /** The plugin configuration (Wasm), the script (Lua) or the config map (native). */
    public StringProperty configTextProperty() {
        return configText;
    }

    public ObjectProperty<ConfigSyntax> vmConfigSyntaxProperty() {
        return vmConfigSyntax;
    }

    /** The vm configuration (Wasm) or the metadata map (Lua). */
    public StringProperty vmConfigTextProperty() {
        return vmConfigText;
    }

    public ObservableValue<ConfigCheck.Result> configCheck() {
        return configCheck;
    }

    public ObservableValue<ConfigCheck.Result> vmConfigCheck() {
        return vmConfigCheck;
    }

    public StringProperty engineProblemProperty() {
        return engineProblem;
    }

    /** The first problem that stops this filter from being applied, or null. */
    public String problem() {
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) {
            return "a filter needs a name";
        }
        ConfigCheck.Result c = configCheck.getValue();
        ConfigCheck.Result v = vmConfigCheck.getValue();
        switch (base.kind()) {
            case WASM -> {
                if (c.error()) {
                    return n + ": plugin configuration: " + c.message();
                }
                if (v.error()) {
                    return n + ": vm configuration: " + v.message();
                }
            }
            case LUA -> {
                if (v.error()) {
                    return n + ": metadata: " + v.message();
                }
            }
            case NATIVE -> {
                if (c.error()) {
                    return n + ": config: " + c.message();
                }
            }
        }
        return null;
    }

    /** The spec the engine runs; call only when {@link #problem()} is null. */
    public FilterSpec toSpec() {
        FilterSpec s =
                base.withName(name.get().trim())
                        .withEnabled(enabled.get())
                        .withIds(rootId.get().trim(), vmId.get().trim())
                        .withFailurePolicy(failurePolicy.get());
        return switch (base.kind()) {
            case WASM ->
                    s.withConfiguration(configCheck.getValue().payload())
                            .withVmConfiguration(vmConfigCheck.getValue().payload())
                            .withInject(
                                    faultCallback.get() == null
                                            ? null
                                            : new FaultSpec(
                                                    faultCallback.get(),
                                                    Math.max(1, faultCall.get())));
            case LUA -> {
                // An unedited script read from a file keeps its luaFile: reference.
                FilterSpec l = scriptEdited() ? s.withLua(configText.get()) : s;
                Map<String, Object> metadata =
                        ConfigCheck.toMap(vmConfigCheck.getValue().payload());
                Map<String, Object> config = new LinkedHashMap<>();
                if (metadata != null && !metadata.isEmpty()) {
                    config.put("metadata", metadata);
                }
                yield l.withNativeConfig(config);
            }
            case NATIVE -> {
                Map<String, Object> config = ConfigCheck.toMap(configCheck.getValue().payload());
                yield s.withNativeConfig(config == null ? Map.of() : config);
            }
        };
    }

    @Override
    public String toString() {
        return name.get();
    }
}

package io.filterplayground.app.chain;

import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.editor.ConfigCheck;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
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
    /** The style of an access logger, as the views label it. */
    public static final String LOGGER = "logger";

    private final FilterSpec base;

    /** An access logger: a Wasm plugin without the filter-only settings (trap, break). */
    private final boolean logger;

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
        this(spec, false);
    }

    /** An access logger, edited as its Wasm plugin. */
    public static FilterItem logger(AccessLoggerSpec spec) {
        WasmFilterSpec w =
                WasmFilterSpec.of(spec.name(), spec.plugin().module())
                        .withEnabled(spec.enabled())
                        .withPlugin(spec.plugin());
        return new FilterItem(w, true);
    }

    private FilterItem(FilterSpec spec, boolean logger) {
        this.base = spec;
        this.logger = logger;
        name.set(spec.name());
        enabled.set(spec.enabled());
        rootId.set("");
        vmId.set("");
        failurePolicy.set(FailurePolicy.FAIL_CLOSED);
        if (spec instanceof LuaFilterSpec lua) {
            configSyntax.set(ConfigSyntax.LUA);
            configText.set(lua.script() == null ? "" : lua.script());
            vmConfigSyntax.set(ConfigSyntax.YAML);
            vmConfigText.set(ConfigCheck.mapToYaml(metadataOf(lua)));
        } else if (spec instanceof NativeFilterSpec n) {
            configSyntax.set(ConfigSyntax.YAML);
            configText.set(ConfigCheck.mapToYaml(n.config()));
            vmConfigSyntax.set(ConfigSyntax.YAML);
            vmConfigText.set("");
        } else if (spec instanceof PlaceholderFilterSpec p) {
            configSyntax.set(ConfigSyntax.YAML);
            configText.set(ConfigCheck.mapToYaml(p.config()));
            vmConfigSyntax.set(ConfigSyntax.YAML);
            vmConfigText.set("");
        } else if (spec instanceof WasmFilterSpec w) {
            WasmPlugin p = w.plugin();
            rootId.set(p.rootId() == null ? "" : p.rootId());
            vmId.set(p.vmId() == null ? "" : p.vmId());
            failurePolicy.set(p.failurePolicy());
            if (w.inject() != null) {
                faultCallback.set(w.inject().callback());
                faultCall.set(w.inject().call());
            }
            configSyntax.set(ConfigSyntax.guess(p.configuration()));
            configText.set(p.configuration());
            vmConfigSyntax.set(ConfigSyntax.guess(p.vmConfiguration()));
            vmConfigText.set(p.vmConfiguration() == null ? "" : p.vmConfiguration());
        }
        boolean wasm = spec instanceof WasmFilterSpec;
        boolean nativeKind =
                spec instanceof NativeFilterSpec || spec instanceof PlaceholderFilterSpec;
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
    private static Map<String, Object> metadataOf(LuaFilterSpec spec) {
        Object m = spec.config().get("metadata");
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

    public boolean isWasm() {
        return base instanceof WasmFilterSpec;
    }

    /** True for an access logger (see {@link #logger}). */
    public boolean isLogger() {
        return logger;
    }

    /**
     * {@code wasm}, {@code lua}, {@code native} or {@code placeholder} (an imported Envoy filter
     * the playground keeps without running it): the style, as the views label it.
     */
    public String style() {
        return styleOf(base);
    }

    /** The style of {@code spec}, as the views and the engine session label it. */
    public static String styleOf(FilterSpec spec) {
        if (spec instanceof WasmFilterSpec) {
            return "wasm";
        }
        if (spec instanceof PlaceholderFilterSpec) {
            return "placeholder";
        }
        return spec instanceof LuaFilterSpec ? "lua" : "native";
    }

    /**
     * {@code sample:add-header}, {@code Lua script}, {@code add_header.lua} or {@code native cors}.
     */
    public String moduleLabel() {
        if (base instanceof WasmFilterSpec w) {
            return w.plugin().module().ref();
        }
        if (base instanceof LuaFilterSpec l) {
            return l.file() != null ? l.file() : "Lua script";
        }
        if (base instanceof PlaceholderFilterSpec p) {
            return "not run: " + p.shortType();
        }
        return "native " + nativeKind();
    }

    public String moduleRef() {
        return base instanceof WasmFilterSpec w ? w.plugin().module().ref() : null;
    }

    /** A built-in filter's kind ({@code local-rate-limit}...), else null. */
    public String nativeKind() {
        return base instanceof NativeFilterSpec n ? n.kind() : null;
    }

    /** The Lua file the script came from, or null for an inline script (or another style). */
    public String luaFile() {
        return base instanceof LuaFilterSpec l ? l.file() : null;
    }

    /** Why the playground keeps this imported filter without running it, or null. */
    public String placeholderReason() {
        return base instanceof PlaceholderFilterSpec p ? p.reason() : null;
    }

    /** The Envoy type URL of a placeholder, or null. */
    public String placeholderType() {
        return base instanceof PlaceholderFilterSpec p ? p.typeUrl() : null;
    }

    /** True when a script read from a file was edited: it is then saved inline in the scenario. */
    public boolean scriptEdited() {
        return base instanceof LuaFilterSpec l && !Objects.equals(l.script(), configText.get());
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
        if (base instanceof WasmFilterSpec) {
            if (c.error()) {
                return n + ": plugin configuration: " + c.message();
            }
            if (v.error()) {
                return n + ": vm configuration: " + v.message();
            }
        } else if (base instanceof LuaFilterSpec) {
            if (v.error()) {
                return n + ": metadata: " + v.message();
            }
        } else if (c.error()) {
            return n + ": config: " + c.message();
        }
        return null;
    }

    /** The spec the engine runs; call only when {@link #problem()} is null. */
    public FilterSpec toSpec() {
        FilterSpec s = base.withName(name.get().trim()).withEnabled(enabled.get());
        if (s instanceof WasmFilterSpec w) {
            WasmPlugin p =
                    w.plugin()
                            .withRootId(rootId.get().trim())
                            .withVmId(vmId.get().trim())
                            .withFailurePolicy(failurePolicy.get())
                            .withConfiguration(configCheck.getValue().payload())
                            .withVmConfiguration(vmConfigCheck.getValue().payload());
            return w.withPlugin(p)
                    .withInject(
                            faultCallback.get() == null
                                    ? null
                                    : new FaultSpec(
                                            faultCallback.get(), Math.max(1, faultCall.get())));
        }
        if (s instanceof LuaFilterSpec l) {
            // An unedited script read from a file keeps its luaFile: reference.
            LuaFilterSpec edited = scriptEdited() ? l.withScript(configText.get()) : l;
            Map<String, Object> metadata = ConfigCheck.toMap(vmConfigCheck.getValue().payload());
            Map<String, Object> config = new LinkedHashMap<>();
            if (metadata != null && !metadata.isEmpty()) {
                config.put("metadata", metadata);
            }
            return edited.withConfig(config);
        }
        Map<String, Object> config = ConfigCheck.toMap(configCheck.getValue().payload());
        if (s instanceof PlaceholderFilterSpec p) {
            // Kept to be exported again: its config is Envoy's, edited as a map.
            return p.withConfig(config == null ? Map.of() : config);
        }
        return ((NativeFilterSpec) s).withConfig(config == null ? Map.of() : config);
    }

    /** The access logger this item edits; call only when {@link #problem()} is null. */
    public AccessLoggerSpec toLoggerSpec() {
        WasmFilterSpec w = (WasmFilterSpec) toSpec();
        return new AccessLoggerSpec(w.name(), w.enabled(), w.plugin());
    }

    @Override
    public String toString() {
        return name.get();
    }
}

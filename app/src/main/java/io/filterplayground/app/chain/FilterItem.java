package io.filterplayground.app.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.app.editor.ConfigCheck;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.wasm.FailurePolicy;
import java.util.Map;
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
 * fields. For a Wasm filter the editor holds the plugin and vm configuration; for Lua the script;
 * for a native filter its config as JSON. {@link #toSpec()} builds the spec the engine runs.
 */
public final class FilterItem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FilterSpec base;
    private final StringProperty name = new SimpleStringProperty();
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final StringProperty rootId = new SimpleStringProperty();
    private final StringProperty vmId = new SimpleStringProperty();
    private final ObjectProperty<FailurePolicy> failurePolicy = new SimpleObjectProperty<>();
    private final ObjectProperty<ConfigSyntax> configSyntax = new SimpleObjectProperty<>();
    private final StringProperty configText = new SimpleStringProperty();
    private final ObjectProperty<ConfigSyntax> vmConfigSyntax = new SimpleObjectProperty<>();
    private final StringProperty vmConfigText = new SimpleStringProperty();
    private final ObservableValue<ConfigCheck.Result> configCheck;
    private final ObservableValue<ConfigCheck.Result> vmConfigCheck;

    public FilterItem(FilterSpec spec) {
        this.base = spec;
        name.set(spec.name());
        enabled.set(spec.enabled());
        rootId.set(spec.rootId() == null ? "" : spec.rootId());
        vmId.set(spec.vmId() == null ? "" : spec.vmId());
        failurePolicy.set(spec.failurePolicy());
        switch (spec.kind()) {
            case LUA -> {
                configSyntax.set(ConfigSyntax.TEXT);
                configText.set(spec.lua());
            }
            case NATIVE -> {
                configSyntax.set(ConfigSyntax.JSON);
                configText.set(nativeJson(spec.nativeConfig()));
            }
            default -> {
                configSyntax.set(ConfigSyntax.guess(spec.configuration()));
                configText.set(spec.configuration());
            }
        }
        vmConfigSyntax.set(ConfigSyntax.guess(spec.vmConfiguration()));
        vmConfigText.set(spec.vmConfiguration() == null ? "" : spec.vmConfiguration());
        configCheck =
                Bindings.createObjectBinding(
                        () -> ConfigCheck.check(configSyntax.get(), configText.get()),
                        configSyntax,
                        configText);
        vmConfigCheck =
                Bindings.createObjectBinding(
                        () -> ConfigCheck.check(vmConfigSyntax.get(), vmConfigText.get()),
                        vmConfigSyntax,
                        vmConfigText);
    }

    private static String nativeJson(Map<String, Object> config) {
        try {
            return config == null || config.isEmpty() ? "{}" : JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    /** Every editable field, for listeners that react to any edit. */
    Observable[] observables() {
        return new Observable[] {
            name,
            enabled,
            rootId,
            vmId,
            failurePolicy,
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

    /** {@code add_header.wasm}, {@code Lua script} or {@code native add-header}. */
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

    public ObjectProperty<ConfigSyntax> configSyntaxProperty() {
        return configSyntax;
    }

    public StringProperty configTextProperty() {
        return configText;
    }

    public ObjectProperty<ConfigSyntax> vmConfigSyntaxProperty() {
        return vmConfigSyntax;
    }

    public StringProperty vmConfigTextProperty() {
        return vmConfigText;
    }

    public ObservableValue<ConfigCheck.Result> configCheck() {
        return configCheck;
    }

    public ObservableValue<ConfigCheck.Result> vmConfigCheck() {
        return vmConfigCheck;
    }

    /** The first problem that stops this filter from being applied, or null. */
    public String problem() {
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) {
            return "a filter needs a name";
        }
        ConfigCheck.Result c = configCheck.getValue();
        if (c.error()) {
            return n + ": plugin configuration: " + c.message();
        }
        ConfigCheck.Result v = vmConfigCheck.getValue();
        if (isWasm() && v.error()) {
            return n + ": vm configuration: " + v.message();
        }
        if (base.kind() == FilterSpec.Kind.NATIVE && nativeConfig() == null) {
            return n + ": config must be a JSON object";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nativeConfig() {
        try {
            String t =
                    configText.get() == null || configText.get().isBlank()
                            ? "{}"
                            : configText.get();
            return JSON.readValue(t, Map.class);
        } catch (JsonProcessingException e) {
            return null;
        }
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
                            .withVmConfiguration(vmConfigCheck.getValue().payload());
            case LUA -> s.withLua(configText.get());
            case NATIVE -> s.withNativeConfig(nativeConfig());
        };
    }

    @Override
    public String toString() {
        return name.get();
    }
}

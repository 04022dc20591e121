package io.filterplayground.app.chain;

import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The scenario's access loggers (Envoy's {@code envoy.access_loggers.wasm}), below the chain: each
 * a Wasm plugin whose root context gets {@code proxy_on_log} for every finished request or
 * connection, after the filters' own. Added from the library's Wasm modules, removed, switched on
 * and off, and edited like Wasm filters; every change is announced through {@code onChange}.
 */
public final class AccessLoggersViewModel {
    private final ObservableList<FilterItem> items =
            FXCollections.observableArrayList(FilterItem::observables);
    private final ObjectProperty<FilterItem> selected = new SimpleObjectProperty<>();
    private final Function<String, String> uniqueName;
    private Runnable onChange = () -> {};
    private boolean loading;

    /** {@code uniqueName}: a name no filter or logger has yet, from a wished one. */
    AccessLoggersViewModel(Function<String, String> uniqueName) {
        this.uniqueName = uniqueName;
        items.addListener(
                (ListChangeListener<FilterItem>)
                        c -> {
                            if (!loading) {
                                onChange.run();
                            }
                        });
    }

    void setOnChange(Runnable r) {
        onChange = r;
    }

    public void load(List<AccessLoggerSpec> specs) {
        loading = true;
        try {
            items.setAll(specs.stream().map(FilterItem::logger).toList());
        } finally {
            loading = false;
        }
        selected.set(null);
    }

    public ObservableList<FilterItem> items() {
        return items;
    }

    public ObjectProperty<FilterItem> selectedProperty() {
        return selected;
    }

    /**
     * Adds a logger of a library Wasm module (null for Lua and built-in entries) and selects it.
     */
    public FilterItem add(ModuleEntry module) {
        if (!module.isWasm()) {
            return null;
        }
        var d = module.defaults();
        WasmPlugin plugin =
                WasmPlugin.of(module.source())
                        .withRootId(d.rootId())
                        .withVmId(d.vmId())
                        .withConfiguration(d.configuration());
        FilterItem item =
                FilterItem.logger(
                        new AccessLoggerSpec(uniqueName.apply(module.name()), true, plugin));
        items.add(item);
        selected.set(item);
        return item;
    }

    public void remove(FilterItem item) {
        items.remove(item);
        if (selected.get() == item) {
            selected.set(null);
        }
    }

    /** The first problem that stops the loggers from being applied, or null. */
    String problem() {
        for (FilterItem i : items) {
            String p = i.problem();
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    public List<AccessLoggerSpec> specs() {
        return items.stream().map(FilterItem::toLoggerSpec).toList();
    }
}
